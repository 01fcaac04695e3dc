using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Engine;

/// <summary>Typed options of one verification run.</summary>
public sealed record VerificationOptions
{
    /// <summary>
    /// The binary's position in the build's input order, when binaries are verified side by side (a rule pack abandoned
    /// on an earlier binary is not run on this one); null when the caller verifies one binary after the other.
    /// </summary>
    internal long? Sequence { get; init; }

    /// <summary>Instructions the start-up emulation may execute per binary (the verdict must not depend on machine speed).</summary>
    public long InstructionBudget { get; init; } = 5_000_000;

    /// <summary>Wall-clock safety net per binary.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Turn "cannot verify" warnings (unsupported target or layout, tool limits) into errors.</summary>
    public bool TreatUnverifiableAsError { get; init; }

    /// <summary>Wall-clock budget of one rule pack's rule on one binary; then its cancellation token is cancelled.</summary>
    public TimeSpan RuleTimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a cancelled rule may take to return before it is abandoned and its pack marked faulty.</summary>
    public TimeSpan RuleCancellationGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Parameter values by rule id, then parameter name (typed, validated against the rules' descriptors); null: defaults.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>>? RuleParameters { get; init; }

    /// <summary>Ids of rules that do not run (a rule set's "enabled": false); null: all run.</summary>
    public IReadOnlySet<string>? DisabledRules { get; init; }
    /// <summary>
    /// Threads one binary's per-function work (the prologue scan) may use: 1 = sequential, 0 = as many as the runtime
    /// gives (the default). The start-up emulation is always sequential; the result never depends on this.
    /// </summary>
    public int Parallelism { get; init; }
}

/// <summary>One-line facts about a Go binary, shown per binary in the build log.</summary>
/// <param name="GoVersion">e.g. go1.22.12, or "unknown".</param>
/// <param name="BuildMode">exe, pie, c-shared … as recorded in build info or inferred from the ELF.</param>
/// <param name="BuildModeInferred">True if <paramref name="BuildMode"/> was inferred from the ELF.</param>
/// <param name="Cgo">Whether runtime/cgo is linked, as far as known.</param>
/// <param name="Stripped">True if the binary has no .symtab.</param>
/// <param name="FunctionCount">Functions in pclntab.</param>
/// <param name="PclntabLayout">The pclntab layout, e.g. "go1.20+ (0xfffffff1)".</param>
/// <param name="MainModule">The main module path from build info, if any.</param>
public sealed record BinarySummary(string GoVersion, Sdk.GoBuildMode BuildMode, bool BuildModeInferred, Sdk.CgoUse Cgo, bool Stripped, int FunctionCount,
    string PclntabLayout, string? MainModule)
{
    /// <summary>The build mode as the go command spells it, "exe" or "pie (inferred)".</summary>
    public string BuildModeText => Go.GoBinary.BuildModeName(BuildMode) + (BuildModeInferred ? " (inferred)" : "");

    /// <summary>"yes", "no" or "unknown".</summary>
    public string CgoText => Cgo switch { Sdk.CgoUse.Yes => "yes", Sdk.CgoUse.No => "no", _ => "unknown" };

    /// <summary>"go1.22.12, exe, cgo=no, stripped, 1557 functions".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{GoVersion}, {BuildModeText}, cgo={CgoText}, {(Stripped ? "stripped" : "not stripped")}, {FunctionCount} functions, pclntab {PclntabLayout}");
}

/// <summary>Everything the verifier concluded about one binary. Sinks (MSBuild log, SARIF) read only this.</summary>
/// <param name="Path">The binary's path as the user listed it.</param>
/// <param name="Summary">Facts, if the binary was readable as Go.</param>
/// <param name="Diagnostics">Tool diagnostics (GBC1xxx) with the severity policy applied.</param>
/// <param name="Results">One result per rule (empty if the binary could not be read).</param>
/// <param name="Elapsed">Wall time spent on this binary.</param>
public sealed record BinaryReport(
    string Path,
    BinarySummary? Summary,
    IReadOnlyList<ToolDiagnostic> Diagnostics,
    IReadOnlyList<RuleResult> Results,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The binary's loadable segments (PT_LOAD), so that sinks can show an address as a file offset; empty when the
    /// file was not read as ELF.
    /// </summary>
    public IReadOnlyList<Segment> LoadSegments { get; init; } = [];

    /// <summary>The file offset of link-time virtual address <paramref name="address"/>, if a segment holds it in the file.</summary>
    public ulong? FileOffsetOf(ulong address)
    {
        foreach (var segment in LoadSegments)
        {
            if (address >= segment.VirtualAddress && address - segment.VirtualAddress < segment.FileSize)
                return segment.FileOffset + (address - segment.VirtualAddress);
        }
        return null;
    }

    /// <summary>True if any diagnostic or unsuppressed finding is an error.</summary>
    public bool HasErrors =>
        Diagnostics.Any(d => d.Severity == Severity.Error) ||
        Results.Any(r => r.Findings.Any(f => f.Severity == Severity.Error && f.Suppression is null));

    /// <summary>True if this report is the stored verdict of an earlier build, replayed because no input changed.</summary>
    public bool Replayed { get; init; }
}
