using GoBootCheck.Reporting;
using GoBootCheck.Tasks;

namespace GoBootCheck.Tool;

/// <summary>
/// The tool's sink: the task's log entries as plain lines on standard output ("path: error GBC0004: …"), in the order
/// the task logs them. On a terminal, a progress line on standard error shows which of many binaries is being
/// verified; redirected output (CI logs, files) gets the plain lines only.
/// </summary>
internal sealed class ConsoleSink(TextWriter output, TextWriter error, bool interactive, bool verbose, GoSourceLocator? locator = null) : IVerificationSink
{
    private int _progressWidth;

    /// <summary>True if both standard output and standard error are terminals.</summary>
    public static bool IsInteractive() => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public void Write(LogEntry entry)
    {
        if (entry.Kind == LogEntryKind.RuleStatus && !verbose) return;
        ClearProgress();
        // Placed as the task places it (a finding in the repository's Go code at its source line), in MSBuild's canonical form.
        var (file, line, column, message) = GoSourceLocator.Place(locator, entry);
        output.WriteLine((line > 0 ? entry with { File = $"{file}({line},{column})", Message = message } : entry).ToString());
    }

    public void Message(string message)
    {
        ClearProgress();
        output.WriteLine(message);
    }

    public void Progress(int index, int count, string path)
    {
        if (!interactive || count < 2) return;
        string line = $"[{index + 1}/{count}] verifying {Path.GetFileName(path)}…";
        ClearProgress();
        error.Write(line);
        error.Flush();
        _progressWidth = line.Length;
    }

    /// <summary>Erases the progress line so that the next plain line starts clean.</summary>
    public void ClearProgress()
    {
        if (_progressWidth == 0) return;
        error.Write('\r' + new string(' ', _progressWidth) + '\r');
        error.Flush();
        _progressWidth = 0;
    }
}
