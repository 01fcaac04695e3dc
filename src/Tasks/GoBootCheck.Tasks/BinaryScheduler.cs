namespace GoBootCheck.Tasks;

/// <summary>
/// Verifies the binaries of one task invocation on up to <c>degree</c> workers, taking them in input order, and hands
/// the results back in input order as each becomes ready — so the log reads the same whatever the degree, and the
/// first binary's lines appear as soon as it is done. A memory gate keeps the binaries in flight within a budget
/// (each weighs its peak-memory bound, 1.5 × its size plus a constant); one binary alone always runs.
/// </summary>
/// <remarks>
/// Workers share nothing but the input list and the result slots (each written by one worker, read after its event);
/// each binary gets its own bytes, image, Go model and analyses.
/// </remarks>
internal static class BinaryScheduler
{
    /// <summary>A binary's peak-memory bound: 1.5 × its size plus 64 MiB.</summary>
    public static long Weight(long size) => size + size / 2 + (64L << 20);

    /// <summary>
    /// The degree of parallelism: <paramref name="requested"/> when set (≥ 1), else the smaller of the processor count
    /// and MSBuild's node count (<c>-m</c>; 1 when unknown). It bounds both the binaries verified at once and the
    /// threads of one binary's per-function work (a single large binary still uses the cores).
    /// </summary>
    public static int Degree(int requested, int nodeCount, int processorCount) =>
        Math.Max(1, requested >= 1 ? requested : Math.Min(processorCount, Math.Max(1, nodeCount)));

    /// <summary>
    /// Runs <paramref name="work"/> for every index of <paramref name="count"/> items and yields (index, result) in
    /// index order. After <paramref name="cancellation"/> no new item starts; the items that never started are not
    /// yielded (the caller sees fewer than <paramref name="count"/>).
    /// </summary>
    public static IEnumerable<(int Index, T Result)> Run<T>(int count, int degree, long memoryBudget, Func<int, long> weight, Func<int, T> work,
        CancellationToken cancellation)
    {
        if (degree <= 1 || count <= 1)
        {
            for (int i = 0; i < count && !cancellation.IsCancellationRequested; i++) yield return (i, work(i));
            yield break;
        }
        var results = new T[count];
        var started = new bool[count];
        var errors = new Exception?[count];
        using var done = new CountdownSlots(count);
        var gate = new MemoryGate(memoryBudget);
        int next = -1;
        var workers = new Thread[Math.Min(degree, count)];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    if (cancellation.IsCancellationRequested) { done.Set(i); continue; }
                    long cost = weight(i);
                    gate.Enter(cost);
                    try
                    {
                        started[i] = true;
                        results[i] = work(i);
                    }
                    catch (Exception ex)
                    {
                        errors[i] = ex; // rethrown on the caller's thread, in order
                    }
                    finally
                    {
                        gate.Exit(cost);
                        done.Set(i);
                    }
                }
            }, maxStackSize: 16 << 20) { IsBackground = true, Name = $"GoBootCheck worker {w}" };
            workers[w].Start();
        }
        try
        {
            for (int i = 0; i < count; i++)
            {
                done.Wait(i);
                if (errors[i] is { } error) throw new AggregateException(error);
                if (!started[i]) continue;
                yield return (i, results[i]);
                results[i] = default!; // the caller has it; let a large report go
            }
        }
        finally
        {
            // The caller stopped early (an exception, a break): let the workers finish what they started.
            Interlocked.Exchange(ref next, count);
            foreach (var worker in workers) worker.Join();
        }
    }

    /// <summary>One event per slot.</summary>
    private sealed class CountdownSlots(int count) : IDisposable
    {
        private readonly ManualResetEventSlim[] _events = [.. Enumerable.Range(0, count).Select(_ => new ManualResetEventSlim())];

        public void Set(int i) => _events[i].Set();

        public void Wait(int i) => _events[i].Wait();

        public void Dispose()
        {
            foreach (var e in _events) e.Dispose();
        }
    }

    /// <summary>Admits work while the weights in flight stay within the budget; a single item is always admitted.</summary>
    private sealed class MemoryGate(long budget)
    {
        private readonly object _lock = new();
        private long _inFlight;

        public void Enter(long weight)
        {
            lock (_lock)
            {
                while (_inFlight > 0 && _inFlight + weight > budget) Monitor.Wait(_lock);
                _inFlight += weight;
            }
        }

        public void Exit(long weight)
        {
            lock (_lock)
            {
                _inFlight -= weight;
                Monitor.PulseAll(_lock);
            }
        }
    }
}
