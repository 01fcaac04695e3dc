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

    /// <summary>
    /// Scans a Go binary. The register-ABI expectation comes from its version or its pclntab layout; when neither
    /// tells (go1.16/1.17 layout, no version), from the binary's own prologues: go1.16 loads g from TLS in every check,
    /// go1.17 in almost none. <paramref name="abiNote"/> then says how it was decided.
    /// </summary>
    public static PrologueScan Scan(GoBinary binary, CancellationToken cancellation, out string? abiNote) =>
        Scan(binary, parallelism: 0, cancellation, out abiNote);

    /// <inheritdoc cref="Scan(GoBinary, CancellationToken, out string?)"/>
    /// <param name="binary">The binary.</param>
    /// <param name="parallelism">Worker threads: 1 = sequential, 0 = the runtime's default.</param>
    /// <param name="cancellation">Stops the scan.</param>
    /// <param name="abiNote">How the register ABI was decided, when the binary did not say.</param>
    public static PrologueScan Scan(GoBinary binary, int parallelism, CancellationToken cancellation, out string? abiNote)
    {
        abiNote = null;
        bool? abi = RegisterAbiOf(binary);
        var env = new PrologueEnvironment(binary.Image.Memory, binary.FunctionAt, abi,
            binary.Constants?.StackSmall ?? 128, binary.Constants?.StackBig ?? 4096, binary.Pclntab.SpDeltaAt);
        var scan = Scan(env, binary.Functions, binary.Pclntab.MaxFrame, parallelism, cancellation);
        if (abi is not null) return scan;
        var checks = scan.Functions.Where(p => p.HasCheck).ToList();
        int inR14 = checks.Count(p => p.GLoad == GLoadForm.Register);
        bool inferred = inR14 > checks.Count - inR14;
        abiNote = $"{inR14} of {checks.Count} checks use g in R14 without loading it, so the register ABI (go1.17+) is {(inferred ? "assumed" : "assumed absent (go1.16)")}";
        return Scan(env with { RegisterAbi = inferred }, binary.Functions, binary.Pclntab.MaxFrame, parallelism, cancellation);
    }

    /// <summary>Scans <paramref name="functions"/>; <paramref name="frameOf"/> gives each Go function's largest pcsp value.</summary>
    public static PrologueScan Scan(PrologueEnvironment env, IReadOnlyList<GoFunction> functions, Func<GoFunction, int> frameOf, CancellationToken cancellation) =>
        Scan(env, functions, frameOf, parallelism: 0, cancellation);

    /// <summary>As above, on at most <paramref name="parallelism"/> threads (1 = sequential, 0 = the runtime's default).</summary>
    public static PrologueScan Scan(PrologueEnvironment env, IReadOnlyList<GoFunction> functions, Func<GoFunction, int> frameOf, int parallelism,
        CancellationToken cancellation)
    {
        var results = new FunctionPrologue[functions.Count];
        if (functions.Count < ParallelThreshold || parallelism == 1)
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
                new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = parallelism > 0 ? parallelism : -1 },
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
