using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace GoBootCheck.Tasks;

/// <summary>
/// Verifies Go linux/amd64 ELF binaries after a build: one summary line per binary, one error or warning per
/// problem (naming the file), one closing line, and a SARIF log. Fails the build exactly when an error was logged.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "MSBuild may call Cancel after Execute returns; the source has no timer or wait handle to release.")]
public sealed class VerifyGoBinaries : MSBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The Go binaries to verify (the GoBootCheckBinary items).</summary>
    [Required]
    public ITaskItem[] Binaries { get; set; } = [];

    /// <summary>Where to write the SARIF 2.1.0 log; empty: no log.</summary>
    public string? SarifFile { get; set; }

    /// <summary>
    /// The repository root (GoBootCheckRepositoryRoot, by default the source-control root MSBuild knows): SARIF's
    /// %SRCROOT%, which binary and Go source URIs are relative to, and where a finding whose Go source lies under it is
    /// placed in the build log (that file and line).
    /// </summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Report "cannot verify" (another architecture, an unknown Go layout, a tool limit) as errors.</summary>
    public bool TreatUnverifiableAsError { get; set; }

    /// <summary>Instructions the start-up emulation may execute per binary; empty: the default.</summary>
    public string? InstructionBudget { get; set; }

    /// <summary>Wall-clock seconds per binary; empty: the default.</summary>
    public string? TimeBudgetSeconds { get; set; }

    /// <summary>Rule pack assemblies (the GoBootCheckRulePack items): each loads into its own isolated load context.</summary>
    public ITaskItem[] RulePacks { get; set; } = [];

    /// <summary>Wall-clock seconds a pack's rule may take per binary; empty: the default.</summary>
    public string? RuleTimeBudgetSeconds { get; set; }

    /// <summary>The rule set file (GoBootCheckRuleSet): rule settings and justified suppressions; empty: none.</summary>
    public string? RuleSet { get; set; }

    /// <summary>Replay the stored verdict of a binary whose verdict inputs are unchanged (GoBootCheckIncremental).</summary>
    public bool Incremental { get; set; }

    /// <summary>Directory of stored verdicts (under obj/); empty: nothing is stored or replayed.</summary>
    public string? VerdictCacheDirectory { get; set; }

    /// <summary>The stored-verdict files this run read or wrote, for FileWrites.</summary>
    [Output]
    public ITaskItem[] VerdictCacheFiles { get; private set; } = [];

    /// <summary>The repository URL the help links of ids point under, in the log and in SARIF (GoBootCheckRepositoryUrl); empty: GoBootCheck's own.</summary>
    public string? RepositoryUrl { get; set; }

    /// <summary>GoBootCheckParallelism: empty or 0 = automatic (processor count, at most MSBuild's node count), 1 = off, N = N at once.</summary>
    public string? Parallelism { get; set; }

    /// <summary>MSBuild's node count ($(MSBuildNodeCount)), bounding the automatic parallelism.</summary>
    public int NodeCount { get; set; }

    /// <summary>
    /// Called by MSBuild when the build is cancelled: the current binary's verification stops at its next check
    /// (the emulation and the prologue scan check every 1024 steps), the rest are not started, and the SARIF log
    /// records the run as cancelled.
    /// </summary>
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var b in Binaries)
        {
            if (b.GetMetadata("GoModuleDirectory") is { Length: > 0 } module) modules[b.GetMetadata("FullPath") is { Length: > 0 } full ? full : b.ItemSpec] = module;
        }
        var sink = new MSBuildLogSink(Log, new GoSourceLocator(RepositoryRoot, modules), RepositoryUrl);
        var inputs = new TaskInputs(
            [.. Binaries.Select(b => b.GetMetadata("FullPath") is { Length: > 0 } full ? full : b.ItemSpec)],
            SarifFile,
            RepositoryRoot,
            TreatUnverifiableAsError,
            InstructionBudget,
            TimeBudgetSeconds,
            [.. RulePacks.Select(p => p.GetMetadata("FullPath") is { Length: > 0 } full ? full : p.ItemSpec)],
            RuleTimeBudgetSeconds,
            Binaries.Where(b => !string.IsNullOrWhiteSpace(b.GetMetadata("CHeader")))
                .ToDictionary(b => b.GetMetadata("FullPath") is { Length: > 0 } full ? full : b.ItemSpec, b => Path.GetFullPath(b.GetMetadata("CHeader")), StringComparer.Ordinal))
        {
            RuleSetFile = RuleSet,
            RepositoryUrl = RepositoryUrl,
            Incremental = Incremental,
            VerdictCacheDirectory = VerdictCacheDirectory,
            Parallelism = Parallelism,
            NodeCount = NodeCount,
        };
        try
        {
            // The tool's code path: packs, rule set, verdict cache, SARIF.
            var outcome = VerificationRun.Run(inputs, sink, ToolVersion.Current, _cancellation.Token);
            VerdictCacheFiles = [.. outcome.CacheFiles.Select(f => new Microsoft.Build.Utilities.TaskItem(f))];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // VerificationRun contains per-binary failures; this is the last guard so nothing reaches MSBuild.
            sink.InternalError(ex);
        }
        return !Log.HasLoggedErrors;
    }
}
