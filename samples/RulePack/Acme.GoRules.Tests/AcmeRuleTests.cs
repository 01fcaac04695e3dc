using GoBootCheck.Sdk;
using GoBootCheck.Sdk.Testing;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace Acme.GoRules.Tests;

[TestClass]
public sealed class AcmeRuleTests
{
    [TestMethod]
    public void MinimumAmd64Level_DefaultBuildIsV1_FailsAtMainMain()
    {
        var result = RuleHarness.EvaluateFile(new MinimumAmd64Level(), GoBinaries.Get("go1.22", "default"));

        Assert.AreEqual(VerdictKind.Fail, result.Verdict.Kind, result.ToString());
        Assert.AreEqual("main.main", result.Findings.Single().Function);
        Assert.AreEqual("built with GOAMD64=v1; expected at least v2", result.Messages.Single());
    }

    [TestMethod]
    public void MinimumAmd64Level_V1Allowed_Passes()
    {
        var options = new RuleHarnessOptions { Parameters = new Dictionary<string, object> { ["minimum-level"] = "v1" } };

        var result = RuleHarness.EvaluateFile(new MinimumAmd64Level(), GoBinaries.Get("go1.22", "default"), options);

        Assert.AreEqual(VerdictKind.Pass, result.Verdict.Kind, result.ToString());
    }

    [TestMethod]
    public void NoRaceDetector_RaceBuild_FailsAtRaceinit_DefaultBuildPasses()
    {
        var race = RuleHarness.EvaluateFile(new NoRaceDetector(), GoBinaries.Get("go1.22", "race"));
        Assert.AreEqual(VerdictKind.Fail, race.Verdict.Kind, race.ToString());
        Assert.AreEqual("runtime.raceinit", race.Findings.Single().Function);

        Assert.AreEqual(VerdictKind.Pass, RuleHarness.EvaluateFile(new NoRaceDetector(), GoBinaries.Get("go1.22", "default")).Verdict.Kind);
    }

    [TestMethod]
    public void PositionIndependentExecutable_PiePasses_StaticExeFailsUnlessAllowed()
    {
        Assert.AreEqual(VerdictKind.Pass, RuleHarness.EvaluateFile(new PositionIndependentExecutable(), GoBinaries.Get("go1.22", "pie")).Verdict.Kind);

        var exe = RuleHarness.EvaluateFile(new PositionIndependentExecutable(), GoBinaries.Get("go1.22", "default"));
        Assert.AreEqual(VerdictKind.Fail, exe.Verdict.Kind, exe.ToString());
        StringAssert.StartsWith(exe.Messages.Single(), "a statically linked executable at the fixed address 0x");

        var allowed = RuleHarness.EvaluateFile(new PositionIndependentExecutable(), GoBinaries.Get("go1.22", "default"),
            new RuleHarnessOptions { Parameters = new Dictionary<string, object> { ["allow-static"] = true } });
        Assert.AreEqual(VerdictKind.NotApplicable, allowed.Verdict.Kind, allowed.ToString());
    }

    [TestMethod]
    public void BuiltWithTrimpath_PlainBuild_FailsNamingItsSourcePath()
    {
        var result = RuleHarness.EvaluateFile(new BuiltWithTrimpath(), GoBinaries.Get("go1.22", "default"));

        Assert.AreEqual(VerdictKind.Fail, result.Verdict.Kind, result.ToString());
        StringAssert.EndsWith(result.Findings.Single().Source?.File, "/main.go");
    }

    [TestMethod]
    public void MinimumGoPatchRelease_NewerPatchRequired_Fails()
    {
        var options = new RuleHarnessOptions { Parameters = new Dictionary<string, object> { ["minimum-patches"] = "go1.22.99" } };

        var result = RuleHarness.EvaluateFile(new MinimumGoPatchRelease(), GoBinaries.Get("go1.22", "default"), options);

        Assert.AreEqual(VerdictKind.Fail, result.Verdict.Kind, result.ToString());
        StringAssert.EndsWith(result.Messages.Single(), "; expected go1.22.99 or newer");
    }
}
