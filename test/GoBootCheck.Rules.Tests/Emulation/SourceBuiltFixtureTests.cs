using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Emulation;

/// <summary>
/// The committed binaries of toolchains built from source (test/fixtures/source-built): every rule reaches its verdict
/// with zero findings, and the only tool diagnostics are the documented ones.
/// </summary>
[TestClass]
public sealed class SourceBuiltFixtureTests
{
    /// <summary>Every committed fixture of a Go release the rules verify (go1.4 and newer).</summary>
    public static IEnumerable<object[]> Verified => Fixtures.SourceBuilt.Where(f => !IsBeforeGo14(f)).Select(f => new object[] { f });

    /// <summary>The committed fixtures of releases before go1.4.</summary>
    public static IEnumerable<object[]> BeforeGo14 => Fixtures.SourceBuilt.Where(IsBeforeGo14).Select(f => new object[] { f });

    [TestMethod]
    public void SourceBuilt_CoversGo14StrippedCgoAndGofmt()
    {
        var go14 = Fixtures.SourceBuilt.Where(f => f.Toolchain == "go1.4").Select(f => f.Variant).Order().ToList();
        CollectionAssert.AreEqual(new[] { "cgo", "default", "gofmt", "stripped" }, go14);
    }

    [TestMethod]
    [DynamicData(nameof(Verified))]
    public void Verify_SourceBuiltFixture_NoFindingsOnlyDocumentedDiagnostics(Fixture fixture)
    {
        var report = Verification.Verify(fixture.Bytes, fixture.ToString());

        Assert.IsFalse(report.Results.Any(r => r.Findings.Count > 0), report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.EntryReachesRt0Go).Status, report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.PrologueChecksStackguard0).Status, report.Describe());
        // Without a recorded version (stripped, and before build info existed) there is no constants row: settls and the
        // nosplit limit are then unverified, with GBC1008 saying why; everything else passes.
        bool versioned = report.Summary!.GoVersion != "unknown";
        var versionedOrNot = versioned ? RuleStatus.Pass : RuleStatus.NotVerified;
        Assert.AreEqual(fixture.Cgo ? RuleStatus.NotApplicable : versionedOrNot, report.Result(RuleIds.SettlsSucceeds).Status, report.Describe());
        Assert.AreEqual(fixture.Cgo ? RuleStatus.Pass : RuleStatus.NotApplicable, report.Result(RuleIds.CgoStackGuard).Status, report.Describe());
        Assert.AreEqual(versionedOrNot, report.Result(RuleIds.UncheckedFrameWithinLimit).Status, report.Describe());
        var allowed = versioned ? new[] { DiagnosticIds.DwarfUnreadable } : [DiagnosticIds.DwarfUnreadable, DiagnosticIds.UnknownGoConfiguration];
        var unexpected = report.Diagnostics.Where(d => !allowed.Contains(d.Id)).ToList();
        Assert.AreEqual(0, unexpected.Count, report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(BeforeGo14))]
    public void Verify_BeforeGo14_OneUnsupportedWarningAndNoVerdict(Fixture fixture)
    {
        var report = Verification.Verify(fixture.Bytes, fixture.ToString());

        var diagnostic = report.Diagnostics.Single();
        Assert.AreEqual(DiagnosticIds.UnsupportedGoVersion, diagnostic.Id, report.Describe());
        Assert.AreEqual(Severity.Warning, diagnostic.Severity);
        // go1.3 keeps its version only as a constant (runtime.theVersion), with no runtime.buildVersion variable to read,
        // so the entry's name tells (the version-string path: UnsupportedGoVersionTests).
        StringAssert.Contains(diagnostic.Message, "starts at _rt0_go with no runtime.rt0_go", report.Describe());
        Assert.IsTrue(report.Results.All(r => r.Status == RuleStatus.NotVerified && r.Findings.Count == 0), report.Describe());
    }

    private static bool IsBeforeGo14(Fixture f) => GoBootCheck.Go.GoVersion.TryParse(f.GoVersion) is { Minor: < 4 };
}
