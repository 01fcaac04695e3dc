using System.Globalization;
using System.Text.Json;
using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

public sealed partial class SarifWriter
{
    private static void WriteInvocation(Utf8JsonWriter json, WriteContext context)
    {
        var run = context.Run;
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        // SARIF Appendix I: false means the tool failed (a bug, a rule that threw, cancellation), not that an input was bad;
        // an error-level notification says the results may be incomplete.
        bool toolFailed = run.Cancelled || run.Reports.Any(r => r.Diagnostics.Any(d => d.Id is DiagnosticIds.InternalError or DiagnosticIds.RuleFailure or DiagnosticIds.RuleThrew or DiagnosticIds.RuleContractViolation));
        json.WriteBoolean("executionSuccessful", !toolFailed);
        if (run.StartTime is { } start) json.WriteString("startTimeUtc", start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        if (run.EndTime is { } end) json.WriteString("endTimeUtc", end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));

        json.WriteStartArray("toolExecutionNotifications");
        for (int i = 0; i < run.Reports.Count; i++)
        {
            foreach (var diagnostic in run.Reports[i].Diagnostics)
                WriteNotification(json, context, diagnostic, MessageText.WithoutPathPrefix(diagnostic.Message, run.Reports[i].Path), artifact: i);
        }
        if (run.Cancelled)
        {
            WriteNotification(json, context, ToolDiagnostic.Unsupported(DiagnosticIds.EmulationLimit, "verification was cancelled"),
                $"verification was cancelled after {run.Reports.Count} binaries; the rest were not verified", artifact: null);
        }
        json.WriteEndArray();

        json.WriteStartArray("toolConfigurationNotifications");
        foreach (var diagnostic in run.ConfigurationDiagnostics) WriteNotification(json, context, diagnostic, diagnostic.Message, artifact: null);
        json.WriteEndArray();

        WriteRuleStatuses(json, context);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteNotification(Utf8JsonWriter json, WriteContext context, ToolDiagnostic diagnostic, string text, int? artifact)
    {
        json.WriteStartObject();
        json.WriteStartObject("descriptor");
        json.WriteString("id", diagnostic.Id);
        json.WriteNumber("index", context.Notifications.IndexOf(diagnostic.Id));
        json.WriteEndObject();
        json.WriteString("level", RuleHelp.Level(diagnostic.Severity));
        WriteMessage(json, "message", text);
        if (artifact is int i)
        {
            // At the binary, with no region: a tool diagnostic is about the file as a whole.
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            WriteUri(json, context, context.Run.Reports[i].Path);
            json.WriteNumber("index", i);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// Each binary's verdict per rule, including passes and rules that did not apply: properties, which code scanning
    /// does not turn into alerts, rather than results, which it would.
    /// </summary>
    private static void WriteRuleStatuses(Utf8JsonWriter json, WriteContext context)
    {
        json.WriteStartObject("properties");
        json.WriteStartArray("ruleStatuses");
        for (int i = 0; i < context.Run.Reports.Count; i++)
        {
            var report = context.Run.Reports[i];
            json.WriteStartObject();
            json.WriteNumber("artifactIndex", i);
            json.WriteString("binary", Path.GetFileName(report.Path));
            json.WriteStartArray("rules");
            foreach (var result in report.Results)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", result.Rule.Id);
                json.WriteString("status", result.Status switch
                {
                    RuleStatus.Pass => "pass",
                    RuleStatus.Fail => "fail",
                    RuleStatus.NotApplicable => "notApplicable",
                    _ => "notVerified",
                });
                if (result.Reason is { Length: > 0 } reason) json.WriteString("reason", reason);
                if (result.Findings.Count > 0) json.WriteNumber("findings", result.Findings.Count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
