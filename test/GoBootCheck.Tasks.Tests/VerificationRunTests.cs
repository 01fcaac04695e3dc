using System.Text.Json;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.Tests;

/// <summary>The task's work with an injected verifier: a bug in a rule is one error naming the file, never an exception.</summary>
[TestClass]
public sealed class VerificationRunTests
{
    private sealed class ThrowingRule : Sdk.Rule
    {
        public override Sdk.RuleDescriptor Descriptor { get; } = new()
        {
            Id = "GBC5001", Name = "Throws", Title = "Always throws.", HelpText = "A rule with a bug.", MessageFormat = "{0}",
        };

        public override Sdk.Verdict Evaluate(Sdk.RuleContext context) => throw new InvalidOperationException("boom");
    }

    [TestMethod]
    public void Execute_RuleThrows_OneGBC1016ErrorPerBinaryNamingRuleAndPackAndEveryBinaryInSarif()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gbc-run-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            string a = Fixtures.Get("go1.21", "default").Path, b = Fixtures.Get("go1.24", "pie").Path;
            string sarif = Path.Combine(directory, "out.sarif");
            var engine = new RecordingBuildEngine();
            var run = new VerificationRun(new GoBinaryVerifier(RuleCatalog.WithRules("Acme.Rules", isolated: true, new ThrowingRule())), new MSBuildLogSink(new TaskLoggingHelper(engine, "VerifyGoBinaries")), "0.1.0");

            run.Execute(new TaskInputs([a, b], sarif, directory, false, null, null), CancellationToken.None);

            CollectionAssert.AreEqual(new[] { ("GBC1016", a), ("GBC1016", b) }, engine.Errors.Select(e => (e.Code, e.File)).ToList());
            Assert.Contains("rule GBC5001 Throws of rule pack Acme.Rules (Acme.Rules.dll) threw InvalidOperationException: boom", engine.Errors[0].Message ?? "");
            using var log = JsonDocument.Parse(File.ReadAllBytes(sarif));
            var runJson = log.RootElement.GetProperty("runs")[0];
            Assert.AreEqual(2, runJson.GetProperty("artifacts").GetArrayLength());
            Assert.IsFalse(runJson.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
            var openResults = runJson.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == "GBC5001").ToList();
            Assert.HasCount(2, openResults);
            Assert.IsTrue(openResults.All(r => r.GetProperty("kind").GetString() == "open"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
