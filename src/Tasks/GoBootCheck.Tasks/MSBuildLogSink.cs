using GoBootCheck.Diagnostics;
using GoBootCheck.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks;

/// <summary>
/// Writes log entries to MSBuild: errors and warnings with subcategory, code, file and help keyword; binary and run
/// summaries as high-importance messages, which the default console loggers of <c>dotnet build</c> show. A finding
/// whose function's Go source lies in the repository is placed there — "main.go(12,1): error GBC0004: …", which IDEs
/// and terminals open — and names the binary at the end of its message; everything else is placed at the binary.
/// </summary>
internal sealed class MSBuildLogSink(TaskLoggingHelper log, GoSourceLocator? locator = null, string? repositoryUrl = null) : IVerificationSink
{
    private const string Subcategory = "GoBootCheck";

    public void Write(LogEntry entry)
    {
        string? helpLink = RuleHelp.LogLinkFor(entry.Code, repositoryUrl);
        var (file, line, column, message) = GoSourceLocator.Place(locator, entry);
        switch (entry.Kind, entry.Severity)
        {
            case (LogEntryKind.Diagnostic or LogEntryKind.Finding, Severity.Error):
                log.LogError(Subcategory, entry.Code, entry.HelpKeyword, helpLink, file, line, column, 0, 0, message);
                break;
            case (LogEntryKind.Diagnostic or LogEntryKind.Finding, Severity.Warning):
                log.LogWarning(Subcategory, entry.Code, entry.HelpKeyword, helpLink, file, line, column, 0, 0, message);
                break;
            case (LogEntryKind.BinarySummary or LogEntryKind.RunSummary, _):
                log.LogMessage(MessageImportance.High, message);
                break;
            case (LogEntryKind.RuleStatus, _):
                log.LogMessage(Subcategory, entry.Code, entry.HelpKeyword, entry.File, 0, 0, 0, 0, MessageImportance.Low, message);
                break;
            default:
                log.LogMessage(Subcategory, entry.Code, entry.HelpKeyword, entry.File, 0, 0, 0, 0, MessageImportance.Normal, message);
                break;
        }
    }

    public void Message(string message) => log.LogMessage(MessageImportance.Normal, message);

    /// <summary>A one-line note a default build shows (e.g. that nothing changed).</summary>
    public void Important(string message) => log.LogMessage(MessageImportance.High, message);

    /// <summary>A problem of the rule set file, at its line and column, so that the IDE and the console point at it.</summary>
    public void Write(Configuration.RuleSetProblem problem)
    {
        string? helpLink = RuleHelp.LogLinkFor(problem.Id, repositoryUrl);
        if (problem.Severity == Severity.Error)
            log.LogError(Subcategory, problem.Id, $"GoBootCheck.{problem.Id}", helpLink, problem.File, problem.Line, problem.Column, 0, 0, problem.Message);
        else
            log.LogWarning(Subcategory, problem.Id, $"GoBootCheck.{problem.Id}", helpLink, problem.File, problem.Line, problem.Column, 0, 0, problem.Message);
    }

    /// <summary>A bug that escaped the per-binary guards: one error, never an exception into MSBuild.</summary>
    public void InternalError(Exception ex) =>
        log.LogError(Subcategory, DiagnosticIds.InternalError, $"GoBootCheck.{DiagnosticIds.InternalError}", null, 0, 0, 0, 0,
            $"internal error ({ex.GetType().Name}: {ex.Message}); please report it");
}
