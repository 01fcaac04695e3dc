using System.Text.Encodings.Web;
using System.Text.Json;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

/// <summary>
/// Writes one SARIF 2.1.0 log with one run for the reports of many binaries. A sink: it records what the verifier
/// concluded and computes no verdict of its own.
/// </summary>
/// <remarks>
/// <para>Layout of the log:</para>
/// <list type="bullet">
/// <item><c>tool.driver.rules</c>: the verifier's rules (GBC0001–GBC0099, rule packs) followed by the tool
/// diagnostics (GBC1001–GBC1099), each with name, descriptions, default level and help URI.</item>
/// <item><c>artifacts</c>: every binary, with a URI relative to <c>PROJECTROOT</c> where possible, its length and
/// SHA-256 when known, and the binary's summary (Go version, build mode, cgo, stripped, function count) as
/// properties.</item>
/// <item><c>results</c>: per binary, first one result per tool diagnostic (its own rule entry, so that code-scanning
/// UIs, which show results but not notifications, list "not ELF" or "arm64, not verified" next to the file), then
/// for every rule either one <c>fail</c> result per finding (with the function as a logical location and the
/// address and source position as properties) or a single <c>pass</c>, <c>notApplicable</c> or <c>open</c>
/// (not verified) result whose message says why, so that each rule's status per binary can be read.</item>
/// <item><c>invocations[0].toolExecutionNotifications</c>: the tool diagnostics again, for SARIF consumers that
/// judge the tool's health from the invocation.</item>
/// </list>
/// </remarks>
public sealed partial class SarifWriter
{
    /// <summary>Where GoBootCheck is documented; relative help URIs (docs/rules/GBC0001.md) are files of its main branch.</summary>
    public const string InformationUri = "https://github.com/GoBootCheck/GoBootCheck";

    /// <summary>The uriBaseId artifact URIs are relative to.</summary>
    public const string ProjectRootBaseId = "PROJECTROOT";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="run"/> as a SARIF log to <paramref name="stream"/> (left open).</summary>
    public static void Write(Stream stream, SarifRun run)
    {
        var rules = RuleTable.Build(run);
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, run, rules);
        WriteInvocation(json, run, rules);
        if (run.BaseDirectory is { } baseDirectory)
        {
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(ProjectRootBaseId);
            json.WriteString("uri", DirectoryUri(baseDirectory));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        WriteArtifacts(json, run);
        WriteResults(json, run, rules);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter json, SarifRun run, RuleTable rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "GoBootCheck");
        json.WriteString("version", run.ToolVersion);
        json.WriteString("semanticVersion", run.ToolVersion);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules.Descriptors)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            WriteMessage(json, "shortDescription", rule.ShortDescription);
            WriteMessage(json, "fullDescription", rule.FullDescription);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteString("helpUri", HelpUri(rule));
            json.WriteStartObject("properties");
            json.WriteString("category", rules.IsToolDiagnostic(rule.Id) ? "tool" : "binary");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, SarifRun run, RuleTable rules)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        bool internalError = run.Reports.Any(r => r.Diagnostics.Any(d => d.Id is DiagnosticIds.InternalError or DiagnosticIds.RuleFailure or DiagnosticIds.RuleThrew or DiagnosticIds.RuleContractViolation));
        json.WriteBoolean("executionSuccessful", !internalError);
        if (run.StartTime is { } start) json.WriteString("startTimeUtc", start.UtcDateTime.ToString("o"));
        if (run.EndTime is { } end) json.WriteString("endTimeUtc", end.UtcDateTime.ToString("o"));
        json.WriteStartArray("toolExecutionNotifications");
        for (int i = 0; i < run.Reports.Count; i++)
        {
            var report = run.Reports[i];
            foreach (var diagnostic in report.Diagnostics)
            {
                json.WriteStartObject();
                // The diagnostics are described in driver.rules (not driver.notifications): reference them as the associated rule.
                json.WriteStartObject("associatedRule");
                json.WriteString("id", diagnostic.Id);
                json.WriteNumber("index", rules.IndexOf(diagnostic.Id));
                json.WriteEndObject();
                json.WriteString("level", Level(diagnostic.Severity));
                WriteMessage(json, "message", MessageText.WithoutPathPrefix(diagnostic.Message, report.Path));
                json.WriteStartArray("locations");
                json.WriteStartObject();
                WritePhysicalLocation(json, run, i, address: diagnostic.Address, function: null);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteArtifacts(Utf8JsonWriter json, SarifRun run)
    {
        json.WriteStartArray("artifacts");
        foreach (var report in run.Reports)
        {
            json.WriteStartObject();
            json.WriteStartObject("location");
            WriteUri(json, run, report.Path);
            json.WriteEndObject();
            json.WriteStartArray("roles");
            json.WriteStringValue("analysisTarget");
            json.WriteEndArray();
            if (run.Artifacts.TryGetValue(report.Path, out var facts))
            {
                json.WriteNumber("length", facts.Length);
                json.WriteStartObject("hashes");
                json.WriteString("sha-256", facts.Sha256);
                json.WriteEndObject();
            }
            json.WriteStartObject("properties");
            json.WriteNumber("elapsedMilliseconds", Math.Round(report.Elapsed.TotalMilliseconds, 1));
            if (report.Summary is { } s)
            {
                json.WriteString("goVersion", s.GoVersion);
                json.WriteString("buildMode", s.BuildModeText);
                json.WriteString("cgo", s.CgoText);
                json.WriteBoolean("stripped", s.Stripped);
                json.WriteNumber("functionCount", s.FunctionCount);
                json.WriteString("pclntabLayout", s.PclntabLayout);
                if (s.MainModule is { } module) json.WriteString("mainModule", module);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static string HelpUri(RuleDescriptor rule) =>
        rule.HelpUri is { } help && Uri.TryCreate(help, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsoluteUri
            : rule.HelpUri is { } relative
                ? new Uri(new Uri(InformationUri + "/blob/main/"), relative.TrimStart('/')).AbsoluteUri
                : $"{InformationUri}#{rule.Id.ToLowerInvariant()}";
}
