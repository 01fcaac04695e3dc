using System.Text;
using GoBootCheck.Configuration;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Prologue;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Configuration;

/// <summary>
/// The rule set applied to the report of a real fault: go1.22/default with main.makeCounter's stack check comparing
/// against [r14+0x18] instead of g.stackguard0 (GBC0004 at main.go:66, as in the fault-injection tests).
/// </summary>
[TestClass]
public sealed class RuleSetPolicyTests
{
    private const string RuleSetFile = "/repo/build/gobootcheck.ruleset.json";
    private const string BinaryPath = "/repo/go/bin/hello";

    private static BinaryReport FaultyReport()
    {
        var b = new PatchedBinary(Fixtures.Get("go1.22", "default").Path);
        var f = b.Function("main.makeCounter", "main.go");
        b.Patch(f.Entry, [0x49, 0x3b, 0x66, 0x10], [0x49, 0x3b, 0x66, 0x18]);
        return b.Verify() with { Path = BinaryPath };
    }

    private static RuleSet Read(string json)
    {
        var problems = new List<RuleSetProblem>();
        var ruleSet = RuleSetReader.Read(RuleSetFile, Encoding.UTF8.GetBytes(json), RuleSpecs.From(new GoBinaryVerifier().RuleDescriptors), problems);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        return ruleSet;
    }

    [TestMethod]
    public void Apply_JustifiedSuppressionOfTheFault_FindingStaysMarkedAndNoLongerFails()
    {
        var report = FaultyReport();
        Assert.IsTrue(report.HasErrors);
        var policy = new RuleSetPolicy(Read("""
            {
              "suppressions": [
                { "rule": "GBC0004", "binary": "../go/bin/*", "function": "main.makeCounter", "justification": "injected on purpose" },
                { "rule": "GBC0004", "binary": "hello", "function": "main.make*", "justification": "same finding, second match" },
                { "rule": "GBC0004", "function": "main.smallFrame", "justification": "stale" },
                { "rule": "GBC0005", "binary": "**/other", "justification": "other binary" }
              ]
            }
            """));

        var applied = policy.Apply(report);

        var finding = applied.Results.Single(r => r.Rule.Id == RuleIds.PrologueChecksStackguard0).Findings.Single();
        Assert.AreEqual("main.makeCounter", finding.Location!.Function);
        Assert.AreEqual(new FindingSuppression("injected on purpose") { File = RuleSetFile, Line = 3 }, finding.Suppression);
        Assert.AreEqual(Severity.Error, finding.Severity, "suppression keeps the severity; it only stops counting");
        Assert.IsFalse(applied.HasErrors);
        Assert.AreEqual(report.Results.Count, applied.Results.Count);
        CollectionAssert.AreEqual(new[] { "5 GBC1109 Warning", "6 GBC1109 Warning" },
            policy.UnusedSuppressions().Select(p => $"{p.Line} {p.Id} {p.Severity}").ToArray());
        StringAssert.Contains(policy.UnusedSuppressions().First().Message, "GBC0004 in functions matching \"main.smallFrame\" matched no finding");
    }

    [TestMethod]
    public void Apply_SeverityAndDisabledRule_FindingBecomesWarningAndDisabledRuleHasNoResult()
    {
        var report = FaultyReport();
        var policy = new RuleSetPolicy(Read("""
            { "rules": { "GBC0004": { "severity": "warning" }, "GBC0005": { "enabled": false } } }
            """));

        var applied = policy.Apply(report);

        Assert.AreEqual(Severity.Warning, applied.Results.Single(r => r.Rule.Id == RuleIds.PrologueChecksStackguard0).Findings.Single().Severity);
        Assert.IsFalse(applied.HasErrors);
        Assert.IsFalse(applied.Results.Any(r => r.Rule.Id == RuleIds.UncheckedFrameWithinLimit));
        Assert.AreEqual(report.Results.Count - 1, applied.Results.Count);
        Assert.IsEmpty(policy.UnusedSuppressions().ToList());
    }

    [TestMethod]
    public void Apply_SuppressionOfOtherFunction_LeavesTheFaultFailing()
    {
        var policy = new RuleSetPolicy(Read("""
            { "suppressions": [ { "rule": "GBC0004", "function": "main.makeCounter2", "justification": "not this one" } ] }
            """));

        var applied = policy.Apply(FaultyReport());

        Assert.IsTrue(applied.HasErrors);
        Assert.IsNull(applied.Results.Single(r => r.Rule.Id == RuleIds.PrologueChecksStackguard0).Findings.Single().Suppression);
        Assert.AreEqual(1, policy.UnusedSuppressions().Single().Line);
    }

    [TestMethod]
    [DataRow("hello", "/repo/go/bin/hello", true)]
    [DataRow("hello", "/repo/go/bin/hello2", false)]
    [DataRow("*.so", "/repo/out/libhello.so", true)]
    [DataRow("go/bin/*", "/repo/build/go/bin/hello", true)]
    [DataRow("go/bin/*", "/repo/build/go/bin/sub/hello", false)]
    [DataRow("go/**", "/repo/build/go/bin/sub/hello", true)]
    [DataRow("**/hello", "/repo/build/hello", true)]
    [DataRow("**/hello", "/elsewhere/x/hello", true)]
    [DataRow("../go/bin/h?llo", "/repo/go/bin/hallo", true)]
    [DataRow("/repo/go/**", "/repo/go/bin/hello", true)]
    [DataRow("/repo/go/*", "/repo/go/bin/hello", false)]
    public void PathGlob_MatchesLikeGitignoreRelativeToTheRuleSet(string pattern, string path, bool expected)
    {
        var glob = PathGlob.TryCreate(pattern, out string? problem);
        Assert.IsNull(problem);
        Assert.AreEqual(expected, glob!.IsMatch(path, "/repo/build"));
    }

    [TestMethod]
    [DataRow("main.makeCounter", "main.makeCounter", true)]
    [DataRow("main.makeCounter", "main.makeCounter.func1", false)]
    [DataRow("main.*", "main.makeCounter.func1", true)]
    [DataRow("github.com/acme/x.*", "github.com/acme/x.(*T).Run", true)]
    [DataRow("main.(*T).Run", "main.(*T).Run", true)]
    [DataRow("runtime.morestack?", "runtime.morestack", false)]
    public void NamePattern_StarMatchesAnyText(string pattern, string name, bool expected) =>
        Assert.AreEqual(expected, NamePattern.TryCreate(pattern, out _)!.IsMatch(name));
}
