using GoBootCheck.Engine;
using GoBootCheck.Prologue;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Prologue;

/// <summary>
/// Zero findings over real binaries: every fixture (all versions × modes) and every release binary. GBC0004 must
/// pass outright; GBC0005 passes, or is NotVerified only where the binary's runtime constants are unknown.
/// </summary>
[TestClass]
public sealed class RealBinaryTests
{
    [TestMethod]
    public void Verify_EveryFixture_NoPrologueFindings() => AssertClean([.. Fixtures.All.Select(f => f.Path)], minimum: 40);

    [TestMethod]
    public void Verify_EveryReleaseBinary_NoPrologueFindings()
    {
        var releases = Fixtures.Release;
        Assert.IsTrue(releases.Count(r => r.Stripped) >= 5, "the release set should include stripped binaries");
        Assert.IsTrue(releases.Any(r => IsOlderThan17(r.GoVersion)), "the release set should include a Go ≤ 1.16 binary");
        AssertClean([.. releases.Select(r => r.Path)], minimum: 15);
    }

    [TestMethod]
    public void Verify_ToolchainBinaries_NoPrologueFindings() => AssertClean(Fixtures.ToolchainBinaries(), minimum: 6);

    private static bool IsOlderThan17(string v) => GoBootCheck.Go.GoVersion.TryParse(v) is { Minor: < 17 };

    private static void AssertClean(IReadOnlyList<string> paths, int minimum)
    {
        Assert.IsTrue(paths.Count >= minimum, $"expected at least {minimum} binaries, found {paths.Count}");
        var verifier = new GoBinaryVerifier();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            var report = verifier.Verify(path, File.ReadAllBytes(path), new VerificationOptions());
            if (report.Summary is null) { problems.Add($"{path}: not read as Go ({string.Join("; ", report.Diagnostics.Select(d => d.Message))})"); continue; }
            var gbc4 = report.Results.Single(r => r.Rule.Id == RuleIds.PrologueChecksStackguard0);
            var gbc5 = report.Results.Single(r => r.Rule.Id == RuleIds.UncheckedFrameWithinLimit);
            if (gbc4.Status != RuleStatus.Pass) problems.Add($"{path}: GBC0004 {gbc4.Status}: {gbc4.Reason} {string.Join(" | ", gbc4.Findings.Take(3).Select(f => f.Message))}");
            if (gbc5.Status is not (RuleStatus.Pass or RuleStatus.NotVerified)) problems.Add($"{path}: GBC0005 {gbc5.Status}: {string.Join(" | ", gbc5.Findings.Take(3).Select(f => f.Message))}");
            if (gbc5.Status == RuleStatus.NotVerified && !gbc5.Reason!.Contains("constants", StringComparison.Ordinal)) problems.Add($"{path}: GBC0005 not verified: {gbc5.Reason}");
            foreach (var d in report.Diagnostics.Where(d => d.Id is Diagnostics.DiagnosticIds.UndecodableCode or Diagnostics.DiagnosticIds.InternalError or Diagnostics.DiagnosticIds.RuleFailure))
                problems.Add($"{path}: {d.Id} {d.Message}");
        }
        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }
}
