using System.Text.Json;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;
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
            var run = new VerificationRun(new GoBinaryVerifier(RuleCatalog.WithRules("Acme.Rules", isolated: true, new ThrowingRule())), new MSBuildLogSink(new TaskLoggingHelper(engine, "VerifyGoBinaries")), ToolVersion.Current);

            var outcome = run.Execute(new TaskInputs([a, b], sarif, directory, false, null, null), CancellationToken.None);

            Assert.AreEqual(new RunOutcome(HasErrors: true, Cancelled: false), outcome);
            CollectionAssert.AreEqual(new[] { ("GBC1016", a), ("GBC1016", b) }, engine.Errors.Select(e => (e.Code, e.File)).ToList());
            Assert.Contains("rule GBC5001 Throws of rule pack Acme.Rules (Acme.Rules.dll) threw InvalidOperationException: boom", engine.Errors[0].Message ?? "");
            var runJson = SarifSchema.ParseFile(sarif).GetProperty("runs")[0];
            Assert.AreEqual(2, runJson.GetProperty("artifacts").GetArrayLength());
            var invocation = runJson.GetProperty("invocations")[0];
            Assert.IsFalse(invocation.GetProperty("executionSuccessful").GetBoolean());
            CollectionAssert.AreEqual(new[] { "GBC1016", "GBC1016" },
                invocation.GetProperty("toolExecutionNotifications").EnumerateArray().Select(n => n.GetProperty("descriptor").GetProperty("id").GetString()).ToList());
            var statuses = invocation.GetProperty("properties").GetProperty("ruleStatuses").EnumerateArray()
                .Select(s => s.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "GBC5001").GetProperty("status").GetString()).ToList();
            CollectionAssert.AreEqual(new[] { "notVerified", "notVerified" }, statuses);
            Assert.IsFalse(runJson.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("ruleId").GetString() == "GBC5001"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Records entries and cancels the run once <see cref="CancelAfter"/> binaries were reported.</summary>
    private sealed class CancellingSink(CancellationTokenSource source, int cancelAfter) : IVerificationSink
    {
        public List<LogEntry> Entries { get; } = [];
        public List<string> Messages { get; } = [];
        public int CancelAfter => cancelAfter;

        public void Write(LogEntry entry)
        {
            Entries.Add(entry);
            if (entry.Kind == LogEntryKind.BinarySummary && Entries.Count(e => e.Kind == LogEntryKind.BinarySummary) == cancelAfter) source.Cancel();
        }

        public void Message(string message) => Messages.Add(message);
    }

    [TestMethod]
    public void Execute_CancelledAfterTheFirstBinary_VerifiesNoMoreAndRecordsTheRunAsCancelled()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gbc-cancel-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            string[] binaries = [Fixtures.Get("go1.21", "default").Path, Fixtures.Get("go1.22", "default").Path, Fixtures.Get("go1.23", "default").Path];
            string sarif = Path.Combine(directory, "out.sarif");
            using var source = new CancellationTokenSource();
            var sink = new CancellingSink(source, cancelAfter: 1);

            var outcome = new VerificationRun(new GoBinaryVerifier(), sink, ToolVersion.Current)
                .Execute(new TaskInputs(binaries, sarif, directory, false, null, null), source.Token);

            Assert.IsTrue(outcome.Cancelled);
            var summary = sink.Entries.Single(e => e.Kind == LogEntryKind.BinarySummary);
            Assert.StartsWith($"GoBootCheck: {binaries[0]}: ", summary.Message);
            Assert.Contains("GoBootCheck: cancelled; 2 binaries not verified", sink.Messages);
            var run = SarifSchema.ParseFile(sarif).GetProperty("runs")[0];
            Assert.AreEqual(1, run.GetProperty("artifacts").GetArrayLength());
            Assert.IsFalse(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
