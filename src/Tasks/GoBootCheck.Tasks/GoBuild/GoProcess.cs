using System.Diagnostics;
using System.Text;

namespace GoBootCheck.Tasks.GoBuild;

/// <summary>Exit code and the interleaved output of one go command.</summary>
internal sealed record GoProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

/// <summary>Runs the go executable in a directory with environment overrides; cancellation kills it and its children.</summary>
internal static class GoProcess
{
    public static GoProcessResult Run(GoToolchain go, string directory, IReadOnlyList<string> arguments,
        IEnumerable<KeyValuePair<string, string>> environment, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(go.Executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // A toolchain that downloads another one would build with a go the stamp does not know: local unless asked.
        if (!start.Environment.ContainsKey("GOTOOLCHAIN")) start.Environment["GOTOOLCHAIN"] = "local";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var output = new StringBuilder();
        var error = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.Append(e.Data).Append('\n'); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellation.Register(() =>
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* already exited */ }
        }))
        {
            process.WaitForExit();
        }
        return new GoProcessResult(process.ExitCode, output.ToString(), error.ToString(), clock.Elapsed);
    }

    /// <summary>"go build -o out ." with arguments quoted where they contain spaces, for the log.</summary>
    public static string CommandLine(IEnumerable<string> arguments) =>
        "go " + string.Join(' ', arguments.Select(a => a.Length == 0 || a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
}
