using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.Tests;

/// <summary>Binaries verified side by side come back in input order, within the memory budget, and stop on cancellation.</summary>
[TestClass]
public sealed class BinarySchedulerTests
{
    [TestMethod]
    public void Run_FourWorkersOutOfOrderCompletion_YieldsInInputOrder()
    {
        // Later items finish first: item i sleeps (20 - i) ms.
        var order = BinaryScheduler.Run(20, 4, long.MaxValue, _ => 1, i => { Thread.Sleep(20 - i); return i * 10; }, CancellationToken.None).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, 20).Select(i => (i, i * 10)).ToList(), order);
    }

    [TestMethod]
    public void Run_TwoWorkers_ActuallyOverlap()
    {
        int running = 0, most = 0;
        _ = BinaryScheduler.Run(6, 2, long.MaxValue, _ => 1, i =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(50);
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None).ToList();
        Assert.AreEqual(2, most);
    }

    [TestMethod]
    public void Run_BudgetForOneAtATime_NeverOverlaps()
    {
        int running = 0, most = 0;
        var results = BinaryScheduler.Run(6, 3, memoryBudget: 100, _ => 60, i =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None).ToList();
        Assert.AreEqual(1, most);
        Assert.HasCount(6, results);
    }

    [TestMethod]
    public void Run_ItemHeavierThanTheBudget_StillRunsAlone()
    {
        var results = BinaryScheduler.Run(3, 2, memoryBudget: 10, _ => 1000, i => i, CancellationToken.None).ToList();
        CollectionAssert.AreEqual(new[] { (0, 0), (1, 1), (2, 2) }, results);
    }

    [TestMethod]
    public void Run_CancelledAfterTheFirst_StartsNoMore()
    {
        using var cancellation = new CancellationTokenSource();
        var results = BinaryScheduler.Run(50, 2, long.MaxValue, _ => 1, i =>
        {
            if (i == 0) cancellation.Cancel();
            Thread.Sleep(5);
            return i;
        }, cancellation.Token).ToList();
        Assert.IsTrue(results.Count is >= 1 and <= 3, $"{results.Count} ran");
        CollectionAssert.AreEqual(Enumerable.Range(0, results.Count).ToList(), results.Select(r => r.Index).ToList());
    }

    [TestMethod]
    [DataRow(0, 8, 2, 2)]  // automatic: processors, at most the node count
    [DataRow(0, 1, 2, 1)]  // -m:1
    [DataRow(0, 0, 4, 1)]  // node count unknown: sequential
    [DataRow(3, 1, 2, 3)]  // explicit wins
    [DataRow(1, 8, 8, 1)]  // 1 = off
    public void Degree_FromPropertyNodeCountAndProcessors(int requested, int nodes, int processors, int expected) =>
        Assert.AreEqual(expected, BinaryScheduler.Degree(requested, nodes, processors));

    [TestMethod]
    public void Execute_ParallelismTwo_SameLogAndSarifAsSequential()
    {
        string[] binaries =
        [
            Fixtures.Get("go1.21", "default").Path, Fixtures.Get("go1.22", "cgo").Path, "/nonexistent/binary",
            Fixtures.Get("go1.24", "pie").Path, Fixtures.Get("go1.23", "c-shared").Path, "/usr/bin/gcc",
        ];
        string Run(string parallelism)
        {
            var engine = new RecordingBuildEngine();
            var run = new VerificationRun(new GoBinaryVerifier(), new MSBuildLogSink(new TaskLoggingHelper(engine, "VerifyGoBinaries")), "0.1.0");
            run.Execute(new TaskInputs(binaries, null, null, false, null, null) { Parallelism = parallelism }, CancellationToken.None);
            // Elapsed times (per binary in ms, the closing line's total in s) differ run to run; everything else must not.
            return System.Text.RegularExpressions.Regex.Replace(engine.Transcript(), @"\d+(\.\d+)? m?s\b", "# s");
        }
        string sequential = Run("1"), parallel = Run("2");
        Assert.AreEqual(sequential, parallel);
        StringAssert.Contains(sequential, "GBC1001");
    }

    [TestMethod]
    public void Run_PackAbandonedWhileBinariesRunSideBySide_SameLogAndSarifAsSequential()
    {
        // test/RulePacks/FaultyRulePack: FLT0009 ignores cancellation. Four workers start the pack on all four binaries
        // before any abandonment is known; the log must still be the sequential one: every fault once, on the first
        // binary, and the pack "not run" on the rest.
        string pack = Path.Combine(AppContext.BaseDirectory, "packs", "FaultyRulePack", "FaultyRulePack.dll");
        string[] binaries =
        [
            Fixtures.Get("go1.22", "default").Path, Fixtures.Get("go1.24", "pie").Path, Fixtures.Get("go1.21", "cgo").Path, Fixtures.Get("go1.23", "stripped").Path,
        ];
        string sarif = Path.Combine(Path.GetTempPath(), $"gbc-pack-order-{Guid.NewGuid():N}.sarif");
        (string Log, string Sarif) Run(string parallelism)
        {
            try
            {
                var engine = new RecordingBuildEngine();
                var inputs = new TaskInputs(binaries, sarif, null, false, null, null, RulePacks: [pack], RuleTimeBudgetSeconds: "0.3") { Parallelism = parallelism };
                VerificationRun.Run(inputs, new MSBuildLogSink(new TaskLoggingHelper(engine, "VerifyGoBinaries")), "0.1.0", CancellationToken.None);
                string Stable(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d+(\.\d+)? m?s\b", "# s");
                string log = Stable(System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(sarif), "\"(startTimeUtc|endTimeUtc|elapsedMilliseconds)\": (\"[^\"]*\"|[0-9.]+)", "\"$1\": \"…\""));
                return (Stable(engine.Transcript()), log);
            }
            finally
            {
                File.Delete(sarif);
            }
        }

        var sequential = Run("1");
        var parallel = Run("4");

        Assert.AreEqual(sequential.Log, parallel.Log);
        Assert.AreEqual(sequential.Sarif, parallel.Sarif);
        foreach (string id in new[] { "GBC1016", "GBC1017", "GBC1018", "GBC1032" })
            Assert.AreEqual(1, System.Text.RegularExpressions.Regex.Count(parallel.Log, $"(error|warning) {id} "), $"{id} once:{Environment.NewLine}{parallel.Log}");
        StringAssert.Contains(parallel.Log, "FLT0009 ignored cancellation on " + binaries[0]);
    }

    /// <summary>A pack's rule that ignores cancellation until the test releases it.</summary>
    private sealed class StubbornRule(ManualResetEventSlim release) : Sdk.Rule
    {
        public override Sdk.RuleDescriptor Descriptor { get; } = new()
        {
            Id = "GBC5009", Name = "Stubborn", Title = "Ignores cancellation.", HelpText = "Test probe.", MessageFormat = "{0}", DefaultSeverity = Sdk.Severity.Note,
        };

        public override Sdk.Verdict Evaluate(Sdk.RuleContext context)
        {
            release.Wait();
            return Sdk.Verdict.Pass("released");
        }
    }

    [TestMethod]
    public void Execute_PackSkippedAfterAnAbandonment_VerdictIsNotStored()
    {
        // A binary on which the pack was not run because of another binary's fault depends on that other binary: the
        // next build must verify it again, not replay a verdict the pack never judged.
        string[] binaries = [Fixtures.Get("go1.22", "default").Path, Fixtures.Get("go1.24", "pie").Path];
        string cache = Path.Combine(Path.GetTempPath(), $"gbc-pack-cache-{Guid.NewGuid():N}");
        using var release = new ManualResetEventSlim();
        try
        {
            string Build()
            {
                var engine = new RecordingBuildEngine();
                var verifier = new GoBinaryVerifier(RuleCatalog.WithRules("Stubborn", isolated: true, new StubbornRule(release)));
                var run = new VerificationRun(verifier, new MSBuildLogSink(new TaskLoggingHelper(engine, "VerifyGoBinaries")), "0.1.0");
                var inputs = new TaskInputs(binaries, null, null, false, null, null, RuleTimeBudgetSeconds: "0.2")
                {
                    Parallelism = "1", Incremental = true, VerdictCacheDirectory = cache,
                };
                run.Execute(inputs, CancellationToken.None);
                return engine.Transcript();
            }
            string first = Build(), second = Build();

            StringAssert.Contains(first, "warning GBC1018 " + binaries[0]);
            StringAssert.Contains(first, "GBC5009 Stubborn not verified: the rule's result is discarded: not run:");
            Assert.DoesNotContain("replayed", second, second);
            StringAssert.Contains(second, "warning GBC1018 " + binaries[0]);
        }
        finally
        {
            release.Set();
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    [TestMethod]
    public void Execute_InvalidParallelism_IsGBC1013AndStillVerifies()
    {
        var engine = new RecordingBuildEngine();
        var run = new VerificationRun(new GoBinaryVerifier(), new MSBuildLogSink(new TaskLoggingHelper(engine, "VerifyGoBinaries")), "0.1.0");
        run.Execute(new TaskInputs([Fixtures.Get("go1.21", "default").Path], null, null, false, null, null) { Parallelism = "lots" }, CancellationToken.None);
        Assert.AreEqual("GBC1013", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors[0].Message, "GoBootCheckParallelism is 'lots'");
        Assert.IsTrue(engine.MessagesAt(Microsoft.Build.Framework.MessageImportance.High).Any(m => m.Contains("1 binary verified", StringComparison.Ordinal)), engine.Transcript());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
