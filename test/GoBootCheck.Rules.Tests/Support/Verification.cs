using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Tests.Support;

/// <summary>Runs the public verifier on bytes and gives tests the results by rule id.</summary>
internal static class Verification
{
    public static readonly VerificationOptions Options = new() { InstructionBudget = 1_000_000, TimeBudget = TimeSpan.FromSeconds(60) };

    public static BinaryReport Verify(byte[] bytes, string name) => new GoBinaryVerifier().Verify(name, bytes, Options);

    public static RuleResult Result(this BinaryReport report, string ruleId) =>
        report.Results.SingleOrDefault(r => r.Rule.Id == ruleId) ?? throw new AssertFailedException($"no result for {ruleId} in {report.Path}");

    /// <summary>Everything about a report, for assertion messages.</summary>
    public static string Describe(this BinaryReport report) =>
        string.Join(Environment.NewLine, report.Results.Select(r => $"{r.Rule.Id} {r.Status}: {r.Reason} {string.Join(" | ", r.Findings.Select(f => $"{f.Message} @ {f.Location}"))}")
            .Concat(report.Diagnostics.Select(d => $"{d.Id} {d.Severity}: {d.Message}")));

    /// <summary>
    /// Asserts that exactly <paramref name="ruleId"/> failed, with its first finding located in <paramref name="function"/>,
    /// and that no other rule failed. Returns the failing result.
    /// </summary>
    /// <paramref name="limitExpected"/> says whether the run is expected to end at a tool limit (GBC1011); otherwise none may appear.
    public static RuleResult AssertOnlyFailure(this BinaryReport report, string ruleId, string function, bool limitExpected = false)
    {
        Assert.AreEqual(limitExpected, report.Diagnostics.Any(d => d.Id == GoBootCheck.Diagnostics.DiagnosticIds.EmulationLimit), report.Describe());
        var failed = report.Results.Where(r => r.Status == RuleStatus.Fail).Select(r => r.Rule.Id).ToList();
        CollectionAssert.AreEqual(new[] { ruleId }, failed, report.Describe());
        var result = report.Result(ruleId);
        Assert.IsTrue(result.Findings.Count > 0, report.Describe());
        Assert.IsTrue(result.Findings.All(f => f.RuleId == ruleId), report.Describe());
        Assert.AreEqual(function, result.Findings[0].Location?.Function, report.Describe());
        return result;
    }
}
