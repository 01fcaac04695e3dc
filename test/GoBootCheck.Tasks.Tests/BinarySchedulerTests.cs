using GoBootCheck.Engine;
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
