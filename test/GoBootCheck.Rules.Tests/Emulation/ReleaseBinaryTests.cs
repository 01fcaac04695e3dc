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
            bool verdicts = results.All(r => r.Status is RuleStatus.Pass or RuleStatus.NotApplicable);
            if (verdicts) full.Add(entry.ToString());
            // Only a Go version the tool cannot read or does not know (constants table go1.4–go1.25) may leave a rule unverified.
            if (report.Summary?.GoVersion is { } v && v.StartsWith("go1.", StringComparison.Ordinal) &&
                int.TryParse(v[4..].Split('.')[0], out int minor) && minor is >= 5 and <= 25)
                Assert.IsTrue(verdicts, $"{entry}: {report.Describe()}");
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
