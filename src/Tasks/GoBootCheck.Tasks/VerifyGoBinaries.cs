using GoBootCheck.Engine;
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

    /// <summary>Directory SARIF artifact URIs are relative to (the project directory).</summary>
    public string? SarifBaseDirectory { get; set; }

    /// <summary>Report "cannot verify" (another architecture, an unknown Go layout, a tool limit) as errors.</summary>
    public bool TreatUnverifiableAsError { get; set; }

    /// <summary>Instructions the start-up emulation may execute per binary; empty: the default.</summary>
    public string? InstructionBudget { get; set; }

    /// <summary>Wall-clock seconds per binary; empty: the default.</summary>
    public string? TimeBudgetSeconds { get; set; }

    /// <summary>GoBootCheckParallelism: empty or 0 = automatic (processor count, at most MSBuild's node count), 1 = off, N = N at once.</summary>
    public string? Parallelism { get; set; }

    /// <summary>MSBuild's node count ($(MSBuildNodeCount)), bounding the automatic parallelism.</summary>
    public int NodeCount { get; set; }

    /// <summary>Called by MSBuild when the build is cancelled: stops after the current binary.</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        var sink = new MSBuildLogSink(Log);
        var inputs = new TaskInputs(
            [.. Binaries.Select(b => b.GetMetadata("FullPath") is { Length: > 0 } full ? full : b.ItemSpec)],
            SarifFile,
            SarifBaseDirectory,
            TreatUnverifiableAsError,
            InstructionBudget,
            TimeBudgetSeconds)
        {
            Parallelism = Parallelism,
            NodeCount = NodeCount,
        };
        try
        {
            new VerificationRun(new GoBinaryVerifier(), sink, ToolVersion.Current).Execute(inputs, _cancellation.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // VerificationRun contains per-binary failures; this is the last guard so nothing reaches MSBuild.
            sink.InternalError(ex);
        }
        return !Log.HasLoggedErrors;
    }
}
