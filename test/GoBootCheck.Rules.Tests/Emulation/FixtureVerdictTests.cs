using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Emulation;

/// <summary>Every fixture (Go version × build mode) reaches a verdict: GBC0001–0003 pass or are not applicable with a reason.</summary>
[TestClass]
public sealed class FixtureVerdictTests
{
    public static IEnumerable<object[]> AllFixtures => Fixtures.AllRows;

    [TestMethod]
    [DynamicData(nameof(AllFixtures))]
    public void Verify_Fixture_StartupRulesPassOrNotApplicable(Fixture fixture)
    {
        var report = Verification.Verify(fixture.Bytes, fixture.ToString());
        bool cgo = fixture.Cgo;

        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.EntryReachesRt0Go).Status, report.Describe());
        var settls = report.Result(RuleIds.SettlsSucceeds);
        var guard = report.Result(RuleIds.CgoStackGuard);
        Assert.AreEqual(cgo ? RuleStatus.NotApplicable : RuleStatus.Pass, settls.Status, report.Describe());
        Assert.AreEqual(cgo ? RuleStatus.Pass : RuleStatus.NotApplicable, guard.Status, report.Describe());
        StringAssert.Contains((cgo ? settls : guard).Reason, "_cgo_init", report.Describe());
        Assert.IsFalse(report.Results.Any(r => r.Findings.Count > 0), report.Describe());
        Assert.IsFalse(report.Diagnostics.Any(d => d.Id == DiagnosticIds.EmulationLimit), report.Describe());
    }
}
