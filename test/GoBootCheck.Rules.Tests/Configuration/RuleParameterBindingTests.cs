using System.Text;
using GoBootCheck.Configuration;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Configuration;

/// <summary>A rule set's StackGuard reaches the stack-guard rules through their typed parameter (GetParameter).</summary>
[TestClass]
public sealed class RuleParameterBindingTests
{
    private static BinaryReport Verify(string toolchain, string variant, string ruleSetJson)
    {
        var verifier = new GoBinaryVerifier();
        var problems = new List<RuleSetProblem>();
        var ruleSet = RuleSetReader.Read("/r.json", Encoding.UTF8.GetBytes(ruleSetJson), RuleSpecs.From(verifier.RuleDescriptors), problems);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var options = new VerificationOptions
        {
            RuleParameters = ruleSet.Rules.Values.ToDictionary(r => r.RuleId, r => r.Parameters),
        };
        return verifier.Verify($"{toolchain}/{variant}", Fixtures.Get(toolchain, variant).Bytes, options);
    }

    private static RuleResult Result(BinaryReport report, string id) => report.Results.Single(r => r.Rule.Id == id);

    [TestMethod]
    public void StackGuard_TheTablesValue_Gbc0003PassesAsWithoutIt()
    {
        var report = Verify("go1.22", "cgo", """{ "rules": { "GBC0003": { "parameters": { "StackGuard": 928 } } } }""");

        Assert.AreEqual(RuleStatus.Pass, Result(report, "GBC0003").Status, Result(report, "GBC0003").Reason);
    }

    [TestMethod]
    public void StackGuard_OtherThanTheBinarysGuard_Gbc0003FailsNamingTheConfiguredValue()
    {
        var report = Verify("go1.22", "cgo", """{ "rules": { "GBC0003": { "parameters": { "StackGuard": 1024 } } } }""");

        var result = Result(report, "GBC0003");
        Assert.AreEqual(RuleStatus.Fail, result.Status);
        Assert.HasCount(2, result.Findings, "stackguard0 and stackguard1");
        Assert.IsTrue(result.Findings.All(f => f.Message.Contains("StackGuard 1024 set by the rule set; the table has 928", StringComparison.Ordinal)), result.Findings[0].Message);
        CollectionAssert.AreEqual(new[] { "GBC0003" }, report.Results.Where(r => r.Status == RuleStatus.Fail).Select(r => r.Rule.Id).ToArray());
    }

    [TestMethod]
    public void StackGuard_SmallerForGbc0005_LowersTheNosplitLimitItReports()
    {
        var defaults = Result(Verify("go1.22", "default", "{}"), "GBC0005");
        var lowered = Result(Verify("go1.22", "default", """{ "rules": { "GBC0005": { "parameters": { "StackGuard": 828 } } } }"""), "GBC0005");

        StringAssert.Contains(defaults.Reason, "limit 792 bytes");
        StringAssert.Contains(lowered.Reason ?? string.Join("\n", lowered.Findings.Select(f => f.Message)), "limit 692 bytes");
    }
}
