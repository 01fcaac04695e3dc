using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tasks.Incremental;
using GoBootCheck.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// Stored verdicts: an unchanged binary is not verified again (no rule runs) but every finding is shown again and
/// the build still fails; any change of a verdict input verifies again; verdicts at a tool limit are never stored.
/// </summary>
[TestClass]
public sealed class IncrementalVerificationTests
{
    private string _directory = "";

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gbc-incr-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
    }

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>Counts evaluations: a rule that runs means the binary was verified.</summary>
    private sealed class CountingRule : Sdk.Rule
    {
        public int Evaluations;

        public override Sdk.RuleDescriptor Descriptor { get; } = new()
        {
            Id = "GBC5002", Name = "Counts", Title = "Counts evaluations.", HelpText = "Test probe.", MessageFormat = "{0}", DefaultSeverity = Sdk.Severity.Note,
        };

        public override Sdk.Verdict Evaluate(Sdk.RuleContext context)
        {
            Interlocked.Increment(ref Evaluations);
            return Sdk.Verdict.Pass("counted");
        }
    }

    private sealed record Outcome(RecordingBuildEngine Engine, VerificationRun Run)
    {
        public string[] Problems => [.. Engine.Errors.Select(e => $"error {e.Code} {e.File}: {e.Message}").Concat(Engine.Warnings.Select(w => $"warning {w.Code} {w.File}: {w.Message}"))];
    }

    private Outcome Execute(CountingRule probe, string[] binaries, bool incremental = true, string? ruleSet = null, string? instructionBudget = null)
    {
        var engine = new RecordingBuildEngine();
        var verifier = new GoBinaryVerifier(RuleCatalog.WithRules("Probe", isolated: false, probe));
        var run = new VerificationRun(verifier, new MSBuildLogSink(new TaskLoggingHelper(engine, "VerifyGoBinaries")), "0.1.0");
        var inputs = new TaskInputs(binaries, null, _directory, false, instructionBudget, null)
        {
            Incremental = incremental,
            RuleSetFile = ruleSet,
            VerdictCacheDirectory = Path.Combine(_directory, "obj", "gobootcheck"),
        };
        run.Execute(inputs, CancellationToken.None);
        TestContext.WriteLine(engine.Transcript());
        return new Outcome(engine, run);
    }

    [TestMethod]
    public void SecondRun_UnchangedBadBinary_NoRuleRunsEveryFindingShownAgainAndStillFails()
    {
        string bad = InjectedFault.Gbc0004InMakeCounter(Path.Combine(_directory, "go"));
        string good = GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.21", "default").Path;
        var probe = new CountingRule();

        var first = Execute(probe, [bad, good]);
        var second = Execute(probe, [bad, good]);

        Assert.AreEqual(2, probe.Evaluations, "the second run must verify nothing");
        Assert.AreEqual(1, first.Engine.Errors.Count, first.Engine.Transcript());
        Assert.AreEqual("GBC0004", first.Engine.Errors[0].Code);
        Assert.Contains(InjectedFault.Function, first.Engine.Errors[0].Message ?? "");
        CollectionAssert.AreEqual(first.Problems, second.Problems);
        CollectionAssert.AreEqual(
            first.Engine.MessagesAt(MessageImportance.Low).ToArray(), second.Engine.MessagesAt(MessageImportance.Low).ToArray(), "the per-rule detail is replayed too");
        Assert.HasCount(1, second.Engine.MessagesAt(MessageImportance.High).Where(m => m == "GoBootCheck: no binary changed since the last build; 2 stored verdicts replayed, nothing verified").ToList());
        Assert.HasCount(2, second.Engine.MessagesAt(MessageImportance.High).Where(m => m.EndsWith(" (unchanged: stored verdict replayed)", StringComparison.Ordinal)).ToList());
        Assert.IsEmpty(first.Engine.MessagesAt(MessageImportance.High).Where(m => m.Contains("replayed", StringComparison.Ordinal)).ToList());
        Assert.HasCount(2, second.Run.CacheFiles);
    }

    [TestMethod]
    public void SecondRun_BinaryContentChanged_VerifiedAgain()
    {
        string path = InjectedFault.Gbc0004InMakeCounter(_directory);
        var probe = new CountingRule();
        var first = Execute(probe, [path]);
        File.Copy(GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.22", "default").Path, path, overwrite: true); // the fault fixed

        var second = Execute(probe, [path]);

        Assert.AreEqual(2, probe.Evaluations);
        Assert.HasCount(1, first.Engine.Errors);
        Assert.IsEmpty(second.Engine.Errors, second.Engine.Transcript());
    }

    [TestMethod]
    public void SecondRun_RuleSetOrBudgetChanged_VerifiedAgain()
    {
        string binary = GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.22", "default").Path;
        string ruleSet = Path.Combine(_directory, "rules.json");
        File.WriteAllText(ruleSet, """{ "rules": { "GBC0005": { "severity": "warning" } } }""");
        var probe = new CountingRule();

        Execute(probe, [binary], ruleSet: ruleSet);
        Execute(probe, [binary], ruleSet: ruleSet);
        Assert.AreEqual(1, probe.Evaluations, "unchanged: replayed");

        File.WriteAllText(ruleSet, """{ "rules": { "GBC0005": { "severity": "error" } } }""");
        Execute(probe, [binary], ruleSet: ruleSet);
        Assert.AreEqual(2, probe.Evaluations, "rule set content changed");

        Execute(probe, [binary], ruleSet: ruleSet, instructionBudget: "4000000");
        Assert.AreEqual(3, probe.Evaluations, "budget changed");

        Execute(probe, [binary], ruleSet: ruleSet, instructionBudget: "4000000");
        Assert.AreEqual(3, probe.Evaluations, "unchanged again: replayed");
    }

    [TestMethod]
    public void IncrementalOff_VerifiesEveryTimeAndStoresNothing()
    {
        string binary = GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.22", "default").Path;
        var probe = new CountingRule();

        Execute(probe, [binary], incremental: false);
        var second = Execute(probe, [binary], incremental: false);

        Assert.AreEqual(2, probe.Evaluations);
        Assert.IsEmpty(second.Run.CacheFiles);
        Assert.IsFalse(Directory.Exists(Path.Combine(_directory, "obj", "gobootcheck")));
    }

    [TestMethod]
    public void VerdictThatHitTheInstructionBudget_IsNeverReplayed()
    {
        string binary = GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.22", "default").Path;
        var probe = new CountingRule();

        var first = Execute(probe, [binary], instructionBudget: "50");
        var second = Execute(probe, [binary], instructionBudget: "50");

        Assert.AreEqual(2, probe.Evaluations);
        Assert.IsTrue(first.Engine.Warnings.Any(w => w.Code == "GBC1011"), first.Engine.Transcript());
        Assert.IsTrue(second.Engine.Warnings.Any(w => w.Code == "GBC1011"));
        Assert.IsEmpty(second.Run.CacheFiles);
    }

    [TestMethod]
    public void DamagedEntry_IsAMissAndIsOverwritten()
    {
        string binary = GoBootCheck.Tests.TestSupport.Fixtures.Get("go1.22", "default").Path;
        var probe = new CountingRule();
        string entry = Execute(probe, [binary]).Run.CacheFiles.Single();
        File.WriteAllText(entry, "{ \"format\": 1, \"key\": ");

        var second = Execute(probe, [binary]);
        var third = Execute(probe, [binary]);

        Assert.AreEqual(2, probe.Evaluations);
        Assert.IsEmpty(second.Engine.Errors);
        Assert.IsTrue(third.Engine.MessagesAt(MessageImportance.High).Any(m => m.StartsWith("GoBootCheck: no binary changed", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void ConfigurationKey_CoversToolCodeRuleSetPacksBudgetsAndSeverityPolicy()
    {
        var options = new VerificationOptions();
        string Key(string tool = "tool-a", string ruleSet = "{}", string pack = "pack-1", VerificationOptions? o = null) =>
            VerdictCache.ConfigurationKey(tool, System.Text.Encoding.UTF8.GetBytes(ruleSet), [("acme.dll", System.Text.Encoding.UTF8.GetBytes(pack))], o ?? options);

        string[] keys =
        [
            Key(),
            Key(tool: "tool-b"),
            Key(ruleSet: "{ }"),
            Key(pack: "pack-2"),
            Key(o: options with { InstructionBudget = options.InstructionBudget + 1 }),
            Key(o: options with { TimeBudget = options.TimeBudget + TimeSpan.FromSeconds(1) }),
            Key(o: options with { TreatUnverifiableAsError = true }),
        ];

        Assert.AreEqual(keys.Length, keys.Distinct().Count());
        Assert.AreEqual(Key(), Key());
        StringAssert.Contains(ToolIdentity.Current, typeof(GoBinaryVerifier).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
    }
}
