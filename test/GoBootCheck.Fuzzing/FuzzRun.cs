using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GoBootCheck.Fuzzing;

/// <summary>What a run of many cases found.</summary>
public sealed class FuzzSummary
{
    /// <summary>Cases run.</summary>
    public int Cases { get; internal set; }

    /// <summary>Cases per outcome ("verified", or the first diagnostic id).</summary>
    public SortedDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>Cases per mutation kind used (a case with several mutations counts for each).</summary>
    public SortedDictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Every crash, hang or memory excess, in case order.</summary>
    public List<CaseResult> Crashes { get; } = [];

    /// <summary>The slowest case.</summary>
    public CaseResult? Slowest { get; internal set; }

    /// <summary>The case that allocated most.</summary>
    public CaseResult? Hungriest { get; internal set; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>One line: cases, crashes, hangs, slowest, most memory, outcomes.</summary>
    public override string ToString() =>
        $"{Cases} cases in {Elapsed.TotalSeconds:F0} s: {Crashes.Count(c => !c.IsHang)} crashes, {Crashes.Count(c => c.IsHang)} hangs; " +
        $"slowest {Slowest?.Elapsed.TotalMilliseconds:F0} ms (case {Slowest?.Index}), most allocated {(Hungriest?.Allocated ?? 0) / 1e6:F1} MB (case {Hungriest?.Index}); " +
        $"outcomes: {string.Join(", ", Outcomes.Select(o => $"{o.Key} {o.Value}"))}";

    /// <summary>A crash's kind without numbers or names, so that minimization keeps "the same" crash.</summary>
    public static string Signature(string problem) =>
        Regex.Replace(problem, @"fuzz-\d+-\d+|0x[0-9a-fA-F]+|\d+", "#", RegexOptions.None, TimeSpan.FromSeconds(1)) is var s && s.Length > 120 ? s[..120] : s;
}

/// <summary>
/// Runs cases [start, start+count) of a harness, stopping at the first hang (its thread cannot be stopped) or when
/// <c>stop</c> is cancelled (the summary then counts the cases run so far).
/// </summary>
public static class FuzzRun
{
    /// <summary>Runs the cases; <paramref name="progress"/> gets a line every <paramref name="every"/> cases and per crash.</summary>
    public static FuzzSummary Execute(FuzzHarness harness, int start, int count, Action<string>? progress = null, int every = 1000,
        CancellationToken stop = default)
    {
        var summary = new FuzzSummary();
        var clock = Stopwatch.StartNew();
        for (int i = start; i < start + count && !stop.IsCancellationRequested; i++)
        {
            var result = harness.RunCase(i);
            summary.Cases++;
            summary.Outcomes[result.Outcome] = summary.Outcomes.GetValueOrDefault(result.Outcome) + 1;
            foreach (string kind in Mutator.Kinds.Where(k => result.Input.Contains(KindMarker(k), StringComparison.Ordinal)))
                summary.Kinds[kind] = summary.Kinds.GetValueOrDefault(kind) + 1;
            if (result.Input.StartsWith("random ELF", StringComparison.Ordinal)) summary.Kinds["random-elf"] = summary.Kinds.GetValueOrDefault("random-elf") + 1;
            if (summary.Slowest is null || result.Elapsed > summary.Slowest.Elapsed) summary.Slowest = result;
            if (summary.Hungriest is null || result.Allocated > summary.Hungriest.Allocated) summary.Hungriest = result;
            if (result.IsCrash)
            {
                summary.Crashes.Add(result);
                progress?.Invoke($"CRASH case {result.Index} ({result.Input}, {result.Length} bytes): {result.Problem}");
                if (result.IsHang) break;
            }
            summary.Elapsed = clock.Elapsed;
            if (progress is not null && summary.Cases % every == 0) progress($"{DateTime.UtcNow:HH:mm:ss} {summary}");
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    // The words Mutator writes into a case's description for each kind.
    private static string KindMarker(string kind) => kind switch
    {
        "flip" => "flip ",
        "truncate" => "truncate to",
        "elf-header" => "ELF ",
        "segment" => "phdr[",
        "section" => "shdr[",
        "relocation" => "rela[",
        "entry-point" => "entry",
        "pclntab-header" => "pcHeader.",
        "pclntab-field" => "_func.",
        "pcsp" => "pcsp table",
        "pclntab-bytes" => "of pclntab",
        "moduledata" => "moduledata",
        "buildinfo" => "build info",
        "prologue" => "function prologue",
        _ => "splice",
    };
}
