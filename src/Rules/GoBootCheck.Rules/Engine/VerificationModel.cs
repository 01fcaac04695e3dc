using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Engine;

/// <summary>Typed options of one verification run.</summary>
public sealed record VerificationOptions
{
    /// <summary>Instructions the start-up emulation may execute per binary (the verdict must not depend on machine speed).</summary>
    public long InstructionBudget { get; init; } = 5_000_000;

    /// <summary>Wall-clock safety net per binary.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Turn "cannot verify" warnings (unsupported target or layout, tool limits) into errors.</summary>
    public bool TreatUnverifiableAsError { get; init; }

    /// <summary>
    /// Threads one binary's per-function work (the prologue scan) may use: 1 = sequential, 0 = as many as the runtime
    /// gives (the default). The start-up emulation is always sequential; the result never depends on this.
    /// </summary>
    public int Parallelism { get; init; }
}

/// <summary>One-line facts about a Go binary, shown per binary in the build log.</summary>
/// <param name="GoVersion">e.g. go1.22.12, or "unknown".</param>
/// <param name="BuildMode">exe, pie, c-shared … as recorded in build info or inferred from the ELF.</param>
/// <param name="Cgo">"yes", "no" or "unknown".</param>
/// <param name="Stripped">True if the binary has no .symtab.</param>
/// <param name="FunctionCount">Functions in pclntab.</param>
/// <param name="PclntabLayout">The pclntab layout, e.g. "go1.20+ (0xfffffff1)".</param>
/// <param name="MainModule">The main module path from build info, if any.</param>
public sealed record BinarySummary(string GoVersion, string BuildMode, string Cgo, bool Stripped, int FunctionCount, string PclntabLayout, string? MainModule)
{
    /// <summary>"go1.22.12, exe, cgo=no, stripped, 1557 functions".</summary>
    public override string ToString() =>
        $"{GoVersion}, {BuildMode}, cgo={Cgo}, {(Stripped ? "stripped" : "not stripped")}, {FunctionCount} functions, pclntab {PclntabLayout}";
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
    /// <summary>True if any diagnostic or finding is an error.</summary>
    public bool HasErrors =>
        Diagnostics.Any(d => d.Severity == Severity.Error) ||
        Results.Any(r => r.Findings.Any(f => f.Severity == Severity.Error));
}
