using System.Globalization;
using GoBootCheck.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.GoBuild;

/// <summary>
/// Brings one GoProgram up to date: checks its stamp (no process), else lists its inputs with go list, runs go build
/// and writes a new stamp. go's errors become MSBuild errors at the Go source (GBC1041).
/// </summary>
internal sealed class GoProgramBuilder(TaskLoggingHelper log, string stampDirectory, IReadOnlyDictionary<string, string> environment)
{
    private const string Subcategory = "GoBuild";

    /// <summary>Variables besides the program's own settings that change what go build makes (read from the build's environment).</summary>
    private static readonly string[] OutputAffectingVariables =
    [
        "GOFLAGS", "GOEXPERIMENT", "GOAMD64", "GOOS", "GOARCH", "GOROOT", "GOPATH", "GOWORK", "GOTOOLCHAIN", "GOENV",
        "GO111MODULE", "CC", "CXX", "AR", "PKG_CONFIG",
    ];

    /// <summary>The stamp file of <paramref name="program"/>.</summary>
    public string StampPath(GoProgram program) =>
        Path.Combine(stampDirectory, $"{Path.GetFileName(program.OutputPath)}-{GoBuildStamp.Hash(program.OutputPath)}.json");

    /// <summary>True if the output is up to date or was built; false after logging why not.</summary>
    public bool Build(GoProgram program, GoToolchain go, CancellationToken cancellation)
    {
        string stampPath = StampPath(program);
        string key = Key(program, go);
        string? why = GoBuildStamp.Read(stampPath) is { } stamp ? stamp.WhyNotUpToDate(key, program.OutputPath, program.HeaderPath) : "it was never built by GoBuild";
        if (why is null)
        {
            log.LogMessage(MessageImportance.Normal, $"GoBuild: {program.OutputPath} is up to date; no go process started");
            return true;
        }

        var started = DateTime.UtcNow;
        var environmentOverrides = program.EnvironmentOverrides();
        string[] listArguments = ["list", "-e", "-deps", .. program.FlagsThatChangeTheFileSet(), "-f", GoListing.Template, "."];
        var list = GoProcess.Run(go, program.Directory, listArguments, environmentOverrides, cancellation);
        if (cancellation.IsCancellationRequested) return false;
        if (list.ExitCode != 0)
        {
            log.LogError(Subcategory, DiagnosticIds.GoListFailed, null, program.Directory, 0, 0, 0, 0,
                $"go list in {program.Directory} failed (exit code {list.ExitCode}): {list.StandardError.Trim()}");
            return false;
        }
        var (files, directories, _) = GoListing.Parse(list.StandardOutput);
        // States as of before go build: an input written from here on is recorded as changed, so the next build builds again.
        var next = new GoBuildStamp { Key = key, Output = program.OutputPath, Header = program.HeaderPath };
        foreach (string file in files) next.Files[file] = GoBuildStamp.FileState(file, started);
        foreach (string directory in directories) next.Directories[directory] = GoBuildStamp.DirectoryState(directory, started);

        var arguments = program.BuildArguments();
        log.LogMessage(MessageImportance.High, $"GoBuild: {program.OutputPath}: {why}; {GoProcess.CommandLine(arguments)} (in {program.Directory})");
        Directory.CreateDirectory(Path.GetDirectoryName(program.OutputPath)!);
        var build = GoProcess.Run(go, program.Directory, arguments, environmentOverrides, cancellation);
        if (cancellation.IsCancellationRequested) return false;
        if (build.StandardOutput.Trim().Length > 0) log.LogMessage(MessageImportance.Normal, build.StandardOutput.TrimEnd());
        if (build.ExitCode != 0)
        {
            ReportFailure(program, build);
            return false;
        }
        var output = new FileInfo(program.OutputPath);
        if (!output.Exists)
        {
            log.LogError(Subcategory, DiagnosticIds.GoBuildFailed, null, program.Directory, 0, 0, 0, 0,
                $"go build succeeded but wrote no {program.OutputPath} (is {program.Directory} a main package? BuildMode c-shared or c-archive builds a library)");
            return false;
        }
        if (build.StandardError.Trim().Length > 0) log.LogMessage(MessageImportance.Normal, build.StandardError.TrimEnd());
        next.OutputLength = output.Length;
        next.OutputTicks = output.LastWriteTimeUtc.Ticks;
        next.Write(stampPath);
        log.LogMessage(MessageImportance.Normal, string.Create(CultureInfo.InvariantCulture,
            $"GoBuild: {program.OutputPath} built in {build.Elapsed.TotalSeconds:F1} s ({files.Count} input files; go list {list.Elapsed.TotalSeconds:F1} s)"));
        return true;
    }

    private void ReportFailure(GoProgram program, GoProcessResult build)
    {
        var (positioned, other) = GoCompilerMessages.Parse(build.StandardError, program.Directory);
        foreach (var m in positioned)
            log.LogError(Subcategory, DiagnosticIds.GoBuildFailed, null, m.File, m.Line, m.Column, 0, 0, m.Message);
        string text = string.Join(Environment.NewLine, other.Where(l => !l.StartsWith('#')));
        if (positioned.Count == 0)
            log.LogError(Subcategory, DiagnosticIds.GoBuildFailed, null, program.Directory, 0, 0, 0, 0,
                $"go build failed (exit code {build.ExitCode}){(text.Length > 0 ? ": " + text : "")}");
        else if (text.Length > 0)
            log.LogMessage(MessageImportance.High, text);
    }

    /// <summary>Everything besides the listed files that decides the output, as text (stored in the stamp as is).</summary>
    private string Key(GoProgram program, GoToolchain go)
    {
        var lines = new List<string> { "go=" + go.Identity, "args=" + string.Join('\u001f', program.BuildArguments()) };
        lines.AddRange(program.EnvironmentOverrides().Select(p => $"set {p.Key}={p.Value}"));
        // The listed variables and every CGO_ one (CGO_CFLAGS, CGO_LDFLAGS, ...), whichever are set.
        foreach (var (name, value) in environment.Where(e => OutputAffectingVariables.Contains(e.Key) || e.Key.StartsWith("CGO_", StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal))
            lines.Add($"env {name}={value}");
        return string.Join('\n', lines);
    }
}
