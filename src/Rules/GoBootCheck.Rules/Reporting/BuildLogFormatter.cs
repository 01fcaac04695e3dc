using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

/// <summary>What a log line is, which decides how a build log shows it.</summary>
public enum LogEntryKind
{
    /// <summary>The one-line facts of a binary; shown by a default build.</summary>
    BinarySummary,
    /// <summary>A tool diagnostic (GBC1xxx).</summary>
    Diagnostic,
    /// <summary>A rule finding (GBC00xx).</summary>
    Finding,
    /// <summary>A rule that passed, does not apply or was not verified; detail for verbose logs.</summary>
    RuleStatus,
    /// <summary>The closing line of the whole run; shown by a default build.</summary>
    RunSummary,
    /// <summary>A finding a rule set suppression accepts, with its justification; shown at normal verbosity, never an error or warning.</summary>
    SuppressedFinding,
}

/// <summary>One line for a text log, with what an MSBuild log needs to place it.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Severity">Error and warning lines fail or warn the build; notes are messages.</param>
/// <param name="Code">The rule or diagnostic id, if any.</param>
/// <param name="File">The binary the line is about, if any.</param>
/// <param name="Message">The text, without the file (which the log shows from <paramref name="File"/>).</param>
/// <param name="Location">A finding's place in the binary (function, Go source, address), for sinks that can point at the source.</param>
public sealed record LogEntry(LogEntryKind Kind, Severity Severity, string? Code, string? File, string Message, CodeLocation? Location = null)
{
    /// <summary>The help keyword for an id: GoBootCheck.GBC0001.</summary>
    public string? HelpKeyword => Code is null ? null : $"GoBootCheck.{Code}";

    /// <summary>Plain-text form for console tools and tests: "hello: error GBC1002: not an ELF file …".</summary>
    public override string ToString()
    {
        string prefix = File is null ? "" : $"{File}: ";
        string level = Kind is LogEntryKind.Diagnostic or LogEntryKind.Finding
            ? $"{Severity.ToString().ToLowerInvariant()} {Code}: "
            : "";
        return prefix + level + Message;
    }
}

/// <summary>
/// Turns reports into log lines for a text log (the MSBuild task's log): one summary per binary, one line per
/// diagnostic and finding, detail per rule, and a closing count. Computes no verdict: severities come from the report.
/// </summary>
public static class BuildLogFormatter
{
    /// <summary>The lines for one binary, in the order they should appear.</summary>
    public static IEnumerable<LogEntry> Format(BinaryReport report)
    {
        string path = report.Path;
        if (report.Summary is { } summary)
            yield return new LogEntry(LogEntryKind.BinarySummary, Severity.Note, null, null,
                $"GoBootCheck: {path}: {summary}{(report.Replayed ? " (unchanged: stored verdict replayed)" : "")}");
        foreach (var d in report.Diagnostics)
            yield return new LogEntry(LogEntryKind.Diagnostic, d.Severity, d.Id, path, MessageText.WithoutPathPrefix(d.Message, path));
        foreach (var result in report.Results)
        {
            foreach (var f in result.Findings)
            {
                string where = f.Location is { } l && !f.Message.Contains(l.ToString(), StringComparison.Ordinal) ? $" [{l}]" : "";
                if (f.Suppression is { } s)
                {
                    yield return new LogEntry(LogEntryKind.SuppressedFinding, Severity.Note, f.RuleId, path,
                        $"suppressed {f.Severity.ToString().ToLowerInvariant()} ({s.Where}: {s.Justification}): {MessageText.WithoutPathPrefix(f.Message, path)}{where}", f.Location);
                    continue;
                }
                yield return new LogEntry(LogEntryKind.Finding, f.Severity, f.RuleId, path, MessageText.WithoutPathPrefix(f.Message, path) + where, f.Location);
            }
            if (result.Status != RuleStatus.Fail)
                yield return new LogEntry(LogEntryKind.RuleStatus, Severity.Note, result.Rule.Id, path, StatusLine(result));
        }
    }

    /// <summary>"GoBootCheck: 3 binaries verified, 0 errors, 1 warning".</summary>
    public static LogEntry Summarize(IReadOnlyCollection<BinaryReport> reports)
    {
        var lines = reports.SelectMany(Format).Where(e => e.Kind is LogEntryKind.Diagnostic or LogEntryKind.Finding or LogEntryKind.SuppressedFinding).ToList();
        int errors = lines.Count(e => e.Kind != LogEntryKind.SuppressedFinding && e.Severity == Severity.Error);
        int warnings = lines.Count(e => e.Kind != LogEntryKind.SuppressedFinding && e.Severity == Severity.Warning);
        int suppressed = lines.Count(e => e.Kind == LogEntryKind.SuppressedFinding);
        return new LogEntry(LogEntryKind.RunSummary, Severity.Note, null, null,
            $"GoBootCheck: {Plural(reports.Count, "binary", "binaries")} verified, {Plural(errors, "error", "errors")}, {Plural(warnings, "warning", "warnings")}" +
            (suppressed > 0 ? $", {suppressed} suppressed" : "") +
            (reports.Count(r => r.Replayed) is > 0 and int replayed ? $", {replayed} replayed" : ""));
    }

    /// <summary>
    /// The closing line of a build: <see cref="Summarize(IReadOnlyCollection{BinaryReport})"/>'s counts, then the
    /// functions of the binaries' pclntabs and the time the verification took: "GoBootCheck: 3 binaries verified,
    /// 0 errors, 1 warning, 4668 functions checked, 0.42 s".
    /// </summary>
    public static LogEntry Summarize(IReadOnlyCollection<BinaryReport> reports, TimeSpan elapsed)
    {
        var counts = Summarize(reports);
        long functions = reports.Sum(r => (long)(r.Summary?.FunctionCount ?? 0));
        return counts with
        {
            Message = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{counts.Message}, {Plural(functions, "function", "functions")} checked, {elapsed.TotalSeconds:F2} s"),
        };
    }

    private static string StatusLine(RuleResult result)
    {
        string status = result.Status switch
        {
            RuleStatus.Pass => "passed",
            RuleStatus.NotApplicable => "not applicable",
            RuleStatus.NotVerified => "not verified",
            _ => "failed",
        };
        return result.Reason is { Length: > 0 } reason
            ? $"{result.Rule.Id} {result.Rule.Name} {status}: {reason}"
            : $"{result.Rule.Id} {result.Rule.Name} {status}";
    }

    private static string Plural(long n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
