using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Emulation;

/// <summary>Real release binaries (Go 1.7 to the newest gathered): no start-up rule finds anything.</summary>
[TestClass]
public sealed class ReleaseBinaryTests
{
    private static readonly string[] StartupRules = [RuleIds.EntryReachesRt0Go, RuleIds.SettlsSucceeds, RuleIds.CgoStackGuard];

    [TestMethod]
    public void Verify_ReleaseBinaries_NoFindingsAndAtLeastFifteenFullVerdicts()
    {
        var entries = Fixtures.Release;
        var full = new List<string>();
        foreach (var entry in entries)
        {
            var report = Verification.Verify(File.ReadAllBytes(entry.Path), entry.Path);
            var results = StartupRules.Select(report.Result).ToList();
            Assert.IsFalse(results.Any(r => r.Status == RuleStatus.Fail), $"{entry}: {report.Describe()}");
            Assert.IsTrue(results.All(r => r.Status == RuleStatus.Pass || !string.IsNullOrEmpty(r.Reason)), $"{entry}: {report.Describe()}");
            if (results.All(r => r.Status is RuleStatus.Pass or RuleStatus.NotApplicable)) full.Add(entry.ToString());
        }
        Assert.IsTrue(full.Count >= 15, $"only {full.Count} of {entries.Count} release binaries got a verdict from every start-up rule: {string.Join("; ", full)}");
    }

    [TestMethod]
    public void Verify_ReleaseCSharedLibraries_StartFromInitArrayAndPass()
    {
        var libraries = Fixtures.Release.Where(e => e.Name is "libpam-fscrypt" or "libgovarnam1").ToList();
        Assert.AreEqual(2, libraries.Count, "pam_fscrypt (go1.19.8) and libgovarnam (go1.24.4) are expected in the release set");
        foreach (var entry in libraries)
        {
            var report = Verification.Verify(File.ReadAllBytes(entry.Path), entry.Path);
            var entryRule = report.Result(RuleIds.EntryReachesRt0Go);
            Assert.AreEqual(RuleStatus.Pass, entryRule.Status, $"{entry}: {report.Describe()}");
            StringAssert.Contains(entryRule.Reason, ".init_array entry", report.Describe());
            Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.CgoStackGuard).Status, $"{entry}: {report.Describe()}");
        }
    }
}
