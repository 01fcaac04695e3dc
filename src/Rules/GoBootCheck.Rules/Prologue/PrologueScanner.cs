using System.Collections.Concurrent;
using GoBootCheck.Go;

namespace GoBootCheck.Prologue;

/// <summary>
/// Runs the <see cref="PrologueMatcher"/> over every function, in parallel chunks when the binary is large enough
/// for that to pay (each worker owns one matcher and decoder; results land in a preallocated array, so no locks).
/// </summary>
internal static class PrologueScanner
{
    // Below this many functions the thread hand-off costs more than the decoding (a hello world has ~1500).
    private const int ParallelThreshold = 4000;
    private const int ChunkSize = 1024;

    /// <summary>Scans a Go binary; the register-ABI expectation comes from its version or, failing that, its pclntab layout.</summary>
    public static PrologueScan Scan(GoBinary binary, CancellationToken cancellation)
    {
        var env = new PrologueEnvironment(binary.Image.Memory, binary.FunctionAt, RegisterAbiOf(binary),
            binary.Constants?.StackSmall ?? 128, binary.Constants?.StackBig ?? 4096);
        return Scan(env, binary.Functions, binary.Pclntab.MaxFrame, cancellation);
    }

    /// <summary>Scans <paramref name="functions"/>; <paramref name="frameOf"/> gives each Go function's largest pcsp value.</summary>
    public static PrologueScan Scan(PrologueEnvironment env, IReadOnlyList<GoFunction> functions, Func<GoFunction, int> frameOf, CancellationToken cancellation)
    {
        var results = new FunctionPrologue[functions.Count];
        if (functions.Count < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            var matcher = new PrologueMatcher(env);
            for (int i = 0; i < results.Length; i++)
            {
                if ((i & 1023) == 0) cancellation.ThrowIfCancellationRequested();
                results[i] = MatchOne(matcher, functions[i], frameOf);
            }
        }
        else
        {
            Parallel.ForEach(
                Partitioner.Create(0, results.Length, ChunkSize),
                new ParallelOptions { CancellationToken = cancellation },
                () => new PrologueMatcher(env),
                (range, _, matcher) =>
                {
                    for (int i = range.Item1; i < range.Item2; i++) results[i] = MatchOne(matcher, functions[i], frameOf);
                    return matcher;
                },
                _ => { });
        }
        return new PrologueScan(results, env.RegisterAbi);
    }

    private static FunctionPrologue MatchOne(PrologueMatcher matcher, GoFunction f, Func<GoFunction, int> frameOf) =>
        matcher.Match(f, f.IsGoCode ? frameOf(f) : 0);

    /// <summary>
    /// Go ≥ 1.17 passes g in R14 to ABIInternal functions (linux/amd64). The version only chooses this expectation.
    /// Without a version, the pclntab layout bounds it: the Go 1.2 layout is ≤ 1.15, the 1.18 layouts are ≥ 1.18;
    /// the 1.16 layout is shared by 1.16 and 1.17, which differ exactly here, so it stays unknown.
    /// </summary>
    internal static bool? RegisterAbiOf(GoBinary binary) => binary.Version is { } v
        ? v.AtLeast(17)
        : binary.Pclntab.Layout switch
        {
            PclntabLayout.Go12 => false,
            PclntabLayout.Go116 => null,
            _ => true,
        };
}
