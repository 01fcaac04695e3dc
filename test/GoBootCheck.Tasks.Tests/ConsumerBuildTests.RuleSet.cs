using GoBootCheck.Tasks.Tests.Infrastructure;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// Rule sets and stored verdicts in a real <c>dotnet build</c> of a project referencing the packed package (issue 11
/// §2 and §4): a real fault suppressed with a justification builds green and is shown as suppressed; rule set mistakes
/// are errors at their file, line and column; MSBuild's warning switches work on GBC codes; a build with nothing
/// changed replays the stored verdicts, says so in one line, and still fails on the unchanged bad binary.
/// </summary>
public sealed partial class ConsumerBuildTests
{
    private const string Justification = "injected on purpose by the test: main.makeCounter compares SP with [r14+0x18]";

    private string FaultProject(string name, string? ruleSet, string extraProperties = "")
    {
        string binary = InjectedFault.Gbc0004InMakeCounter(Path.Combine(Workspace.Root, name + "-go"));
        string project = Workspace.CreateProject(name, [binary],
            (ruleSet is null ? "" : "<GoBootCheckRuleSet>gobootcheck.ruleset.json</GoBootCheckRuleSet>") + extraProperties);
        if (ruleSet is not null) File.WriteAllText(Path.Combine(project, "gobootcheck.ruleset.json"), ruleSet);
        return project;
    }

    [TestMethod]
    public void Build_InjectedFaultSuppressedWithJustification_IsGreenAndShowsTheFindingAsSuppressed()
    {
        string unsuppressed = FaultProject("FaultUnsuppressed", ruleSet: null);
        string suppressed = FaultProject("FaultSuppressed", $$"""
            {
              "$schema": "{{Path.Combine(Workspace.Root, "schema.json")}}",
              "suppressions": [
                {
                  "rule": "GBC0004",
                  "binary": "hello",
                  "function": "{{InjectedFault.Function}}",
                  "justification": "{{Justification}}"
                }
              ]
            }
            """);

        var failing = Dotnet(unsuppressed, "build");
        var green = Dotnet(suppressed, "build", "-v:n");

        Assert.AreNotEqual(0, failing.ExitCode);
        Assert.HasCount(1, failing.DistinctLinesWith(": GoBootCheck error GBC0004: "));
        Assert.Contains(InjectedFault.Function, failing.DistinctLinesWith(": GoBootCheck error GBC0004: ")[0]);
        Assert.AreEqual(0, green.ExitCode, green.Output);
        Assert.IsEmpty(green.DistinctLinesWith("error GBC"));
        Assert.IsEmpty(green.DistinctLinesWith("warning GBC"));
        var shown = green.DistinctLinesWith($"GBC0004: suppressed error (gobootcheck.ruleset.json(4): {Justification}): ");
        Assert.HasCount(1, shown, green.Output);
        Assert.Contains(InjectedFault.Function, shown[0]);
        Assert.HasCount(1, green.DistinctLinesWith("GoBootCheck: 1 binary verified, 0 errors, 0 warnings, 1 suppressed"));
    }

    [TestMethod]
    public void Build_RuleSetWithMistakes_EachAnErrorAtItsFileLineAndColumn()
    {
        string project = Workspace.CreateProject("BadRuleSet", [GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.22", "default").Path],
            "<GoBootCheckRuleSet>config/rules.json</GoBootCheckRuleSet>");
        string file = Path.Combine(project, "config", "rules.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, """
            {
              "rules": {
                "GBC0003": { "severity": "fatal" },
                "GBC0005": { "parameters": { "StackLimit": 800 } },
                "GBC0042": {}
              },
              "suppressions": [
                { "rule": "GBC0004", "function": "main.spin" }
              ],
              "suppresions": []
            }
            """);

        var build = Dotnet(project, "build");

        Assert.AreNotEqual(0, build.ExitCode);
        CollectionAssert.AreEquivalent(new[]
        {
            $"{file}(3,30): GoBootCheck error GBC1103",
            $"{file}(4,34): GoBootCheck error GBC1108",
            $"{file}(5,5): GoBootCheck error GBC1104",
            $"{file}(8,5): GoBootCheck error GBC1105",
            $"{file}(10,3): GoBootCheck error GBC1102",
        }, build.DistinctLinesWith(": GoBootCheck error GBC").Select(l => l[..(l.IndexOf(": GoBootCheck error ", StringComparison.Ordinal) + ": GoBootCheck error GBC0000".Length)]).Distinct().ToArray(), build.Output);
    }

    [TestMethod]
    public void Build_GbcWarning_HonorsNoWarnWarningsAsErrorsAndMSBuildSwitches()
    {
        // The real fault, turned into a warning by the rule set: a GBC0004 warning to switch.
        string project = FaultProject("WarningSwitches", """{ "rules": { "GBC0004": { "severity": "warning" } } }""");
        var restore = Dotnet(project, "restore");
        Assert.AreEqual(0, restore.ExitCode, restore.Output);

        CommandResult Check(string property) => Dotnet(project, property.Length == 0 ? ["msbuild", "-t:GoBootCheck"] : ["msbuild", "-t:GoBootCheck", property]);

        var plain = Check("");
        Assert.AreEqual(0, plain.ExitCode, plain.Output);
        Assert.HasCount(1, plain.DistinctLinesWith(": GoBootCheck warning GBC0004: "));

        var noWarn = Check("-p:NoWarn=GBC0004");
        Assert.AreEqual(0, noWarn.ExitCode, noWarn.Output);
        Assert.IsEmpty(noWarn.DistinctLinesWith("GBC0004"));

        var asMessage = Check("-p:MSBuildWarningsAsMessages=GBC0004");
        Assert.AreEqual(0, asMessage.ExitCode, asMessage.Output);
        Assert.IsEmpty(asMessage.DistinctLinesWith("warning GBC0004"));

        foreach (string property in new[] { "-p:WarningsAsErrors=GBC0004", "-p:MSBuildWarningsAsErrors=GBC0004" })
        {
            var asError = Check(property);
            Assert.AreNotEqual(0, asError.ExitCode, property);
            Assert.HasCount(1, asError.DistinctLinesWith(": GoBootCheck error GBC0004: "), property);
            Assert.IsEmpty(asError.DistinctLinesWith("warning GBC0004"), property);
        }
    }

    [TestMethod]
    public void Build_NothingChanged_ReplaysStoredVerdictsInOneLineAndStillFailsUntilTheBinaryChanges()
    {
        string project = FaultProject("NoChange", ruleSet: null);
        string binary = Path.Combine(Workspace.Root, "NoChange-go", "hello");

        var first = Dotnet(project, "build");
        var second = Dotnet(project, "build");
        var strict = Dotnet(project, "build", "-p:GoBootCheckIncremental=false");
        File.Copy(GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.22", "default").Path, binary, overwrite: true);
        var fixedBuild = Dotnet(project, "build");
        var clean = Dotnet(project, "clean");

        Assert.AreNotEqual(0, first.ExitCode);
        Assert.AreNotEqual(0, second.ExitCode, "an unchanged bad binary keeps failing the build");
        Assert.AreNotEqual(0, strict.ExitCode);
        Assert.AreEqual(0, fixedBuild.ExitCode, fixedBuild.Output);
        CollectionAssert.AreEqual(first.DistinctLinesWith("error GBC"), second.DistinctLinesWith("error GBC"));
        Assert.HasCount(1, first.DistinctLinesWith("error GBC0004"));
        Assert.IsEmpty(first.DistinctLinesWith("no binary changed"));
        Assert.HasCount(1, second.DistinctLinesWith("GoBootCheck: no binary changed since the last build; 1 stored verdict replayed, nothing verified"));
        Assert.HasCount(1, second.DistinctLinesWith($"GoBootCheck: {binary}: go1.22.").Where(l => l.EndsWith("(unchanged: stored verdict replayed)", StringComparison.Ordinal)).ToList());
        Assert.IsEmpty(strict.DistinctLinesWith("replayed"), "GoBootCheckIncremental=false verifies again");
        Assert.IsEmpty(fixedBuild.DistinctLinesWith("replayed"), "a changed binary is verified again");
        Assert.AreEqual(0, clean.ExitCode, clean.Output);
        Assert.IsFalse(Directory.Exists(Path.Combine(project, "obj", "Debug", "net10.0", "gobootcheck")), "dotnet clean removes the stored verdicts");
    }
}
