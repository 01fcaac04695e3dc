using GoBootCheck.Diagnostics;
using GoBootCheck.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks;

/// <summary>
/// Writes log entries to MSBuild: errors and warnings with subcategory, code, file and help keyword; binary and run
/// summaries as high-importance messages, which the default console loggers of <c>dotnet build</c> show.
/// </summary>
internal sealed class MSBuildLogSink(TaskLoggingHelper log) : IVerificationSink
{
    private const string Subcategory = "GoBootCheck";

    public void Write(LogEntry entry)
    {
        string message = entry.Message;
        string? helpLink = entry.Code is null ? null : RuleHelp.LinkFor(entry.Code);
        switch (entry.Kind, entry.Severity)
        {
            case (LogEntryKind.Diagnostic or LogEntryKind.Finding, Severity.Error):
                log.LogError(Subcategory, entry.Code, entry.HelpKeyword, helpLink, entry.File, 0, 0, 0, 0, message);
                break;
            case (LogEntryKind.Diagnostic or LogEntryKind.Finding, Severity.Warning):
                log.LogWarning(Subcategory, entry.Code, entry.HelpKeyword, helpLink, entry.File, 0, 0, 0, 0, message);
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

    /// <summary>A bug that escaped the per-binary guards: one error, never an exception into MSBuild.</summary>
    public void InternalError(Exception ex) =>
        log.LogError(Subcategory, DiagnosticIds.InternalError, $"GoBootCheck.{DiagnosticIds.InternalError}", null, 0, 0, 0, 0,
            $"internal error ({ex.GetType().Name}: {ex.Message}); please report it");
}
