using System.Collections;
using GoBootCheck.Diagnostics;
using GoBootCheck.Tasks.GoBuild;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace GoBootCheck.Tasks;

/// <summary>
/// Builds the GoProgram items with go build, each only when its stamp says an input, the toolchain, the environment
/// or a setting changed (checking starts no process). One error (GBC1040) when no go is found; go's own errors at
/// their Go source (GBC1041). An earlier program's failure never stops a later one.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "MSBuild may call Cancel after Execute returns; the source has no timer or wait handle to release.")]
public sealed class BuildGoPrograms : MSBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The GoProgram items with their resolved metadata (OutputPath, HeaderPath, BuildMode, ...).</summary>
    [Required]
    public ITaskItem[] Programs { get; set; } = [];

    /// <summary>Where the up-to-date stamps go (under the intermediate output path).</summary>
    [Required]
    public string StampDirectory { get; set; } = "";

    /// <summary>The go to run unless a program names its own: a path, or a name looked up on PATH.</summary>
    public string? GoCommand { get; set; }

    /// <summary>A GOROOT whose bin/go is used when <see cref="GoCommand"/> is empty.</summary>
    public string? GoRoot { get; set; }

    /// <summary>The stamp files written or checked (for FileWrites).</summary>
    [Output]
    public ITaskItem[] StampFiles { get; private set; } = [];

    /// <summary>Called by MSBuild when the build is cancelled: stops the running go process.</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.LogError("GoBuild", DiagnosticIds.InternalError, $"GoBootCheck.{DiagnosticIds.InternalError}", null, 0, 0, 0, 0,
                $"internal error in GoBuild ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        return !Log.HasLoggedErrors;
    }

    private void Run()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables()) environment[(string)e.Key] = (string?)e.Value ?? "";
        var builder = new GoProgramBuilder(Log, StampDirectory, environment);
        var toolchains = new Dictionary<string, GoToolchain?>(StringComparer.Ordinal);
        var stamps = new List<ITaskItem>();
        foreach (var item in Programs)
        {
            if (_cancellation.IsCancellationRequested) return;
            var problems = new List<string>();
            var program = GoProgram.TryCreate(item.ItemSpec, item.GetMetadata, problems);
            foreach (string problem in problems)
                Log.LogError("GoBuild", DiagnosticIds.InvalidGoProgram, $"GoBootCheck.{DiagnosticIds.InvalidGoProgram}", null, 0, 0, 0, 0, problem);
            if (program is null) continue;

            string command = program.GoCommand ?? GoCommand ?? "";
            if (!toolchains.TryGetValue(command, out var go))
            {
                go = GoToolchain.Find(command, GoRoot, name => environment.GetValueOrDefault(name), out string tried);
                toolchains[command] = go;
                if (go is null)
                    Log.LogError("GoBuild", DiagnosticIds.GoNotFound, $"GoBootCheck.{DiagnosticIds.GoNotFound}", null, 0, 0, 0, 0,
                        $"no go executable found (looked at {tried}); set the GoBootCheckGoCommand property to the go to use " +
                        $"(or GoBootCheckGoRoot to a Go installation, or put go on PATH). GoBuild looks at {GoToolchain.SearchOrder}");
            }
            if (go is null) continue;
            builder.Build(program, go, _cancellation.Token);
            stamps.Add(new Microsoft.Build.Utilities.TaskItem(builder.StampPath(program)));
        }
        StampFiles = [.. stamps];
    }
}
