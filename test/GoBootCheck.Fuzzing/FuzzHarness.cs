using System.Diagnostics;
using System.Text.Json;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Fuzzing;

/// <summary>How a fuzz run is driven.</summary>
/// <param name="RunSeed">The run's seed: case <c>i</c> of run <c>s</c> is always the same input.</param>
/// <param name="InstructionBudget">The emulation's instruction budget per case (smaller than a build's, to get through more cases).</param>
/// <param name="CaseLimit">Time limit of one case: CPU time of the process while the case runs (wall time on an idle machine), with 20 × it in wall time as a backstop; past it the case is a hang.</param>
/// <param name="RandomElfShare">Percent of cases that are random ELF files rather than mutated seeds.</param>
public sealed record FuzzOptions(int RunSeed, long InstructionBudget = 1_000_000, TimeSpan? CaseLimit = null, int RandomElfShare = 10)
{
    /// <summary>The wall-clock limit, 20 s unless given.</summary>
    public TimeSpan Limit => CaseLimit ?? TimeSpan.FromSeconds(20);
}

/// <summary>What one case ended in.</summary>
/// <param name="Index">Case number.</param>
/// <param name="Input">How the input was made.</param>
/// <param name="Length">Input size in bytes.</param>
/// <param name="Outcome">"verified" (the rules ran), or the first diagnostic id when they could not.</param>
/// <param name="Problem">Null, or why this case is a crash: an exception, GBC1099/GBC1012, a diagnostic not naming the file, no verdict, invalid SARIF, a hang, memory past its bound.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Allocated">Bytes the case's thread allocated to verify the input and write its SARIF log (not to judge it).</param>
public sealed record CaseResult(int Index, string Input, int Length, string Outcome, string? Problem, TimeSpan Elapsed, long Allocated)
{
    /// <summary>True if the case found a bug.</summary>
    public bool IsCrash => Problem is not null;

    /// <summary>True if the case ran past its wall-clock limit.</summary>
    public bool IsHang => Problem?.StartsWith("hang", StringComparison.Ordinal) == true;
}

/// <summary>
/// Runs fuzz cases through the whole pipeline — image → Go metadata → start-up emulation and prologue scan → rules →
/// SARIF — and judges each: it must end in rule results or in GBC diagnostics that name the file, with no exception,
/// no internal error (GBC1099) or rule failure (GBC1012), a parseable SARIF log, within the wall-clock limit and
/// allocating at most <see cref="MemoryBound"/>.
/// </summary>
public sealed class FuzzHarness(IReadOnlyList<Seed> seeds, FuzzOptions options)
{
    private readonly GoBinaryVerifier _verifier = new();

    /// <summary>The verification options every case runs with: sequential, the run's instruction budget.</summary>
    public VerificationOptions Verification { get; } = new()
    {
        InstructionBudget = options.InstructionBudget,
        TimeBudget = options.Limit / 2,
        Parallelism = 1,
    };

    /// <summary>Bytes one case may allocate: 8 × the input plus 64 MiB (the task's peak memory bound is 1.5 × plus a constant).</summary>
    public static long MemoryBound(int length) => 8L * length + (64L << 20);

    /// <summary>The input of case <paramref name="index"/>, the same for the same run seed.</summary>
    public byte[] MakeInput(int index, out string description) => MakeInput(index, out description, out _);

    /// <summary>As above; <paramref name="origin"/> is the seed it was mutated from, null for a random ELF file.</summary>
    public byte[] MakeInput(int index, out string description, out Seed? origin)
    {
        var random = new Random(unchecked(options.RunSeed * 1_000_003 + index));
        var seed = seeds[random.Next(seeds.Count)];
        origin = null;
        if (random.Next(100) < options.RandomElfShare)
        {
            var elf = RandomElf.Create(random, seed.Bytes, out description);
            if (elf is not null) return elf;
        }
        origin = seed;
        var other = seeds[random.Next(seeds.Count)];
        var bytes = Mutator.Mutate(seed, other, random, out string steps);
        description = $"{seed.Name}: {steps}";
        return bytes;
    }

    /// <summary>Runs one case on its own thread and judges it.</summary>
    public CaseResult RunCase(int index)
    {
        var input = MakeInput(index, out string description);
        return Check(index, description, input);
    }

    /// <summary>Runs <paramref name="input"/> through the pipeline on its own thread and judges it.</summary>
    public CaseResult Check(int index, string description, byte[] input)
    {
        string name = $"fuzz-{options.RunSeed}-{index}";
        CaseResult? result = null;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() => result = Judge(index, name, description, input), 16 << 20) { IsBackground = true, Name = name };
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        thread.Start();
        // The limit is on the CPU time the process spends on the case; wall time stands in for it on an idle machine,
        // but on a shared, overloaded one (or under nice -n 19) a case can wait for a core far longer than it runs.
        // A backstop of 20 × the limit in wall time still ends a case that never gets the CPU it would need.
        while (!thread.Join(options.Limit))
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            if (cpu >= options.Limit || clock.Elapsed >= options.Limit * 20)
            {
                // The thread cannot be stopped; the caller ends the run (a hang is a bug to fix, not to skip).
                return new CaseResult(index, description, input.Length, "hang",
                    $"hang: still running after {clock.Elapsed.TotalSeconds:F0} s ({cpu.TotalSeconds:F0} s of CPU)", clock.Elapsed, 0);
            }
        }
        return result!;
    }

    private CaseResult Judge(int index, string name, string description, byte[] input)
    {
        long allocated0 = GC.GetAllocatedBytesForCurrentThread();
        // What the pipeline allocates (verification and the SARIF log written as the task writes it, to a stream), not
        // what judging it costs here: parsing a log of thousands of findings back is the harness's memory, not the tool's.
        long allocated = -1;
        var clock = Stopwatch.StartNew();
        string outcome = "exception";
        string? problem;
        try
        {
            var report = _verifier.Verify(name, input, Verification);
            SarifWriter.Write(Stream.Null, Log(report));
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
            outcome = report.Results.Count > 0 ? "verified" : (report.Diagnostics.Count > 0 ? report.Diagnostics[0].Id : "nothing");
            problem = Problems(name, report) ?? Sarif(report);
        }
        catch (Exception ex)
        {
            problem = $"exception: {ex.GetType().Name}: {ex.Message} at {FirstFrame(ex)}";
        }
        clock.Stop();
        if (allocated < 0) allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        if (problem is null && allocated > MemoryBound(input.Length))
            problem = $"memory: allocated {allocated >> 20} MiB for a {input.Length >> 10} KiB input (bound {MemoryBound(input.Length) >> 20} MiB)";
        if (problem is null && clock.Elapsed > options.Limit * 20)
            problem = $"hang: took {clock.Elapsed.TotalSeconds:F1} s (limit {options.Limit.TotalSeconds:F0} s of CPU, {options.Limit.TotalSeconds * 20:F0} s of wall time)";
        return new CaseResult(index, description, input.Length, outcome, problem, clock.Elapsed, allocated);
    }

    private static string? Problems(string name, BinaryReport report)
    {
        foreach (var d in report.Diagnostics)
        {
            if (d.Id is DiagnosticIds.InternalError or DiagnosticIds.RuleFailure) return $"{d.Id}: {d.Message}";
            if (!d.Message.StartsWith(name + ":", StringComparison.Ordinal)) return $"{d.Id} does not name the file: {d.Message}";
        }
        if (report.Results.Count == 0 && !report.Diagnostics.Any(d => d.Severity >= Severity.Warning))
            return "no rule results and no warning or error diagnostic";
        if (report.Results.Any(r => r.Status == RuleStatus.NotVerified && string.IsNullOrWhiteSpace(r.Reason)))
            return "a rule was not verified and says no reason";
        return null;
    }

    private string? Sarif(BinaryReport report)
    {
        using var stream = new MemoryStream();
        SarifWriter.Write(stream, Log(report));
        using var json = JsonDocument.Parse(stream.ToArray());
        // Findings are results; tool diagnostics are notifications and per-rule statuses are invocation properties
        // (docs/ci.md: what code scanning turns into alerts): the binary must appear in at least one of them.
        var run = json.RootElement.GetProperty("runs")[0];
        bool results = run.TryGetProperty("results", out var r) && r.GetArrayLength() > 0;
        var invocation = run.GetProperty("invocations")[0];
        bool notifications = invocation.TryGetProperty("toolExecutionNotifications", out var n) && n.GetArrayLength() > 0;
        bool statuses = invocation.TryGetProperty("properties", out var p) && p.TryGetProperty("ruleStatuses", out var st) && st.GetArrayLength() > 0;
        return results || notifications || statuses ? null : "the SARIF log records no result, tool notification or rule status for the binary";
    }

    private SarifRun Log(BinaryReport report) => new() { Reports = [report], Rules = _verifier.Rules, ToolVersion = "0.0.0-fuzz" };

    private static string FirstFrame(Exception ex) =>
        ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("GoBootCheck", StringComparison.Ordinal))?.Trim() ?? "(no stack)";
}
