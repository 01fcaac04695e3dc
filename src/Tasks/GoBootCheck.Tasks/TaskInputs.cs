using System.Globalization;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;

namespace GoBootCheck.Tasks;

/// <summary>The parameters of a verification run as given by MSBuild or the gobootcheck command line, before validation.</summary>
/// <param name="Binaries">The binaries' paths.</param>
/// <param name="SarifFile">Where to write the SARIF log; empty: none.</param>
/// <param name="RepositoryRoot">The repository root: %SRCROOT% of the SARIF log, where Go source files are looked up.</param>
/// <param name="TreatUnverifiableAsError">"Cannot verify" warnings become errors.</param>
/// <param name="InstructionBudget">Instructions per binary, as text; empty: the default.</param>
/// <param name="TimeBudgetSeconds">Seconds per binary, as text; empty: the default.</param>
/// <param name="RulePacks">Rule pack assemblies to load besides the built-in rules (GoBootCheckRulePack, gobootcheck --rule-pack), full paths.</param>
/// <param name="RuleTimeBudgetSeconds">Seconds a pack's rule may take per binary, as text; empty: the default.</param>
/// <param name="CHeaders">Binary path → its cgo export header (the binary's "c-header" companion file).</param>
internal sealed record TaskInputs(
    IReadOnlyList<string> Binaries,
    string? SarifFile,
    string? RepositoryRoot,
    bool TreatUnverifiableAsError,
    string? InstructionBudget,
    string? TimeBudgetSeconds,
    IReadOnlyList<string>? RulePacks = null,
    string? RuleTimeBudgetSeconds = null,
    IReadOnlyDictionary<string, string>? CHeaders = null)
{
    /// <summary>The rule set file (GoBootCheckRuleSet, gobootcheck --ruleset), full path; empty: none.</summary>
    public string? RuleSetFile { get; init; }

    /// <summary>
    /// The repository URL the help links of ids point under, in the log and in SARIF (GoBootCheckRepositoryUrl);
    /// empty: the repository this build of GoBootCheck comes from.
    /// </summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>Replay stored verdicts of unchanged binaries (GoBootCheckIncremental).</summary>
    public bool Incremental { get; init; }

    /// <summary>Where stored verdicts live (under obj/); empty: nothing is stored or replayed.</summary>
    public string? VerdictCacheDirectory { get; init; }

    /// <summary>GoBootCheckParallelism: empty or 0 = automatic, 1 = sequential, N = N binaries (and threads per binary) at once.</summary>
    public string? Parallelism { get; init; }

    /// <summary>MSBuild's node count (<c>$(MSBuildNodeCount)</c>, <c>-m</c>), which bounds the automatic degree; 0 when unknown.</summary>
    public int NodeCount { get; init; }

    /// <summary>Bytes the binaries in flight may weigh together (their peak-memory bounds): half of what the GC may use.</summary>
    public long MemoryBudget { get; init; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    /// <summary>The requested degree (0 = automatic); an invalid value is reported (GBC1013) and automatic is used.</summary>
    public int ParallelismDegree(List<LogEntry> problems)
    {
        if (string.IsNullOrWhiteSpace(Parallelism)) return 0;
        if (int.TryParse(Parallelism.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int degree)) return degree;
        problems.Add(Invalid("GoBootCheckParallelism", Parallelism, "0 (automatic), 1 (sequential) or a number of binaries to verify at once", "0"));
        return 0;
    }

    /// <summary>
    /// Typed options from the MSBuild strings. An invalid value is reported (GBC1013) and the default is used,
    /// so that the binaries are still verified.
    /// </summary>
    public VerificationOptions ToOptions(List<LogEntry> problems)
    {
        var options = new VerificationOptions { TreatUnverifiableAsError = TreatUnverifiableAsError };
        if (!string.IsNullOrWhiteSpace(InstructionBudget))
        {
            if (long.TryParse(InstructionBudget.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long instructions) && instructions > 0)
                options = options with { InstructionBudget = instructions };
            else
                problems.Add(Invalid("GoBootCheckInstructionBudget", InstructionBudget, "a positive whole number of instructions", options.InstructionBudget.ToString(CultureInfo.InvariantCulture)));
        }
        if (!string.IsNullOrWhiteSpace(TimeBudgetSeconds))
        {
            if (double.TryParse(TimeBudgetSeconds.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= int.MaxValue)
                options = options with { TimeBudget = TimeSpan.FromSeconds(seconds) };
            else
                problems.Add(Invalid("GoBootCheckTimeBudgetSeconds", TimeBudgetSeconds, "a positive number of seconds", options.TimeBudget.TotalSeconds.ToString(CultureInfo.InvariantCulture)));
        }
        if (!string.IsNullOrWhiteSpace(RuleTimeBudgetSeconds))
        {
            if (double.TryParse(RuleTimeBudgetSeconds.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= int.MaxValue)
                options = options with { RuleTimeBudget = TimeSpan.FromSeconds(seconds) };
            else
                problems.Add(Invalid("GoBootCheckRuleTimeBudgetSeconds", RuleTimeBudgetSeconds, "a positive number of seconds", options.RuleTimeBudget.TotalSeconds.ToString(CultureInfo.InvariantCulture)));
        }
        return options;
    }

    private static LogEntry Invalid(string property, string value, string expected, string fallback) =>
        new(LogEntryKind.Diagnostic, Severity.Error, DiagnosticIds.InvalidConfiguration, null,
            $"{property} is '{value}', expected {expected}; the default {fallback} is used");
}
