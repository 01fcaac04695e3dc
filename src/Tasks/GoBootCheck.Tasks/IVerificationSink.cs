using GoBootCheck.Reporting;

namespace GoBootCheck.Tasks;

/// <summary>
/// Where a <see cref="VerificationRun"/> reports: MSBuild's log for the task, the console for the gobootcheck tool.
/// Both get the same entries in the same order, so the task and the tool give the same verdicts.
/// </summary>
internal interface IVerificationSink
{
    /// <summary>One log entry (diagnostic, finding, summary, rule status).</summary>
    void Write(LogEntry entry);

    /// <summary>A plain informational line (the SARIF log's path, cancellation).</summary>
    void Message(string message);

    /// <summary>A one-line note a default build shows (e.g. that nothing changed).</summary>
    void Important(string message) => Message(message);

    /// <summary>A problem of the rule set file, at its line and column ("ruleset.json(12,5): error GBC1102: …").</summary>
    void Write(Configuration.RuleSetProblem problem) =>
        Write(new LogEntry(LogEntryKind.Diagnostic, problem.Severity, problem.Id,
            problem.Line > 0 ? $"{problem.File}({problem.Line},{problem.Column})" : problem.File, problem.Message));

    /// <summary>Verification of binary <paramref name="index"/> (0-based) of <paramref name="count"/> starts.</summary>
    void Progress(int index, int count, string path) { }

    /// <summary>Several entries in order.</summary>
    void Write(IEnumerable<LogEntry> entries)
    {
        foreach (var entry in entries) Write(entry);
    }
}
