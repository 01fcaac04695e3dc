using System.Text.Encodings.Web;
using System.Text.Json;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

/// <summary>
/// Writes one SARIF 2.1.0 log with one run for the reports of many binaries, in the shape code scanning takes as is.
/// A sink: it records what the verifier concluded and computes no verdict of its own.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>tool.driver.rules</c>: the rules (GBC0001–GBC0099, rule packs) with descriptions, help text and markdown
/// and an absolute helpUri; <c>tool.driver.notifications</c>: the tool diagnostics (GBC1001–GBC1199).</item>
/// <item><c>results</c>: rule findings only, one per finding. The first location is the Go source file and line
/// when the function's source lies in the repository (<c>%SRCROOT%</c>), else the binary with a byte-offset region
/// at the address; the binary with the address is always a related location; the function is the logical
/// location; <c>partialFingerprints</c> come from <see cref="SarifFingerprint"/>; suppressed findings carry
/// <c>suppressions</c>.</item>
/// <item><c>invocations[0]</c>: executionSuccessful (false when GoBootCheck itself failed or was cancelled), the tool
/// diagnostics as toolExecutionNotifications located at their binary (no region), configuration problems as
/// toolConfigurationNotifications, and each binary's rule statuses (pass, not applicable, not verified, fail) as
/// properties. Code scanning turns every result into an alert and ignores notifications and properties: a tool
/// diagnostic or a pass is not a defect at a place in the code, so neither is a result.</item>
/// </list>
/// </remarks>
public sealed partial class SarifWriter
{
    /// <summary>Where GoBootCheck is documented (<see cref="ProductInfo.RepositoryUrl"/>).</summary>
    public static string InformationUri => ProductInfo.RepositoryUrl;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="run"/> as a SARIF log to <paramref name="stream"/> (left open).</summary>
    public static void Write(Stream stream, SarifRun run)
    {
        var context = new WriteContext(run);
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, context);
        WriteInvocation(json, context);
        if (context.Paths.RootUri is { } root)
        {
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SarifPaths.SourceRootBaseId);
            json.WriteString("uri", root);
            WriteMessage(json, "description", "The repository root.");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        WriteArtifacts(json, context);
        WriteResults(json, context);
        json.WriteString("columnKind", "unicodeCodePoints");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter json, WriteContext context)
    {
        var run = context.Run;
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "GoBootCheck");
        json.WriteString("fullName", $"GoBootCheck {run.ToolVersion}: Go linux/amd64 runtime start-up verifier");
        json.WriteString("version", run.ToolVersion);
        json.WriteString("semanticVersion", run.ToolVersion);
        json.WriteString("informationUri", run.RepositoryUrl);
        json.WriteStartArray("rules");
        foreach (var rule in context.Rules.Descriptors) WriteDescriptor(json, run, rule, "binary");
        json.WriteEndArray();
        json.WriteStartArray("notifications");
        foreach (var notification in context.Notifications.Descriptors) WriteDescriptor(json, run, notification, "tool");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, SarifRun run, RuleDescriptor rule, string category)
    {
        string helpUri = RuleHelp.HelpUri(rule, run.RepositoryUrl);
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Name);
        WriteMessage(json, "shortDescription", rule.ShortDescription);
        WriteMessage(json, "fullDescription", rule.FullDescription);
        json.WriteStartObject("help");
        json.WriteString("text", RuleHelp.Text(rule, helpUri));
        json.WriteString("markdown", RuleHelp.Markdown(rule, helpUri));
        json.WriteEndObject();
        json.WriteString("helpUri", helpUri);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", RuleHelp.Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", category);
        if (category == "binary")
        {
            // Code scanning filters by tags and orders by precision and problem.severity; these are correctness rules, not security ones.
            json.WriteStartArray("tags");
            json.WriteStringValue("reliability");
            json.WriteStringValue("go-runtime");
            json.WriteEndArray();
            json.WriteString("precision", "high");
            json.WriteString("problem.severity", rule.DefaultSeverity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "recommendation" });
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArtifacts(Utf8JsonWriter json, WriteContext context)
    {
        var run = context.Run;
        json.WriteStartArray("artifacts");
        foreach (var report in run.Reports)
        {
            json.WriteStartObject();
            json.WriteStartObject("location");
            WriteUri(json, context, report.Path);
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

    private static void WriteUri(Utf8JsonWriter json, WriteContext context, string path)
    {
        var (uri, baseId) = context.Paths.ForFile(path);
        json.WriteString("uri", uri);
        if (baseId is not null) json.WriteString("uriBaseId", baseId);
    }

    private static void WriteMessage(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>What one write needs besides the run: the descriptor tables and the path mapping.</summary>
    private sealed class WriteContext(SarifRun run)
    {
        public SarifRun Run { get; } = run;
        public DescriptorTable Rules { get; } = DescriptorTable.ForRules(run);
        public DescriptorTable Notifications { get; } = DescriptorTable.ForNotifications(run);
        public SarifPaths Paths { get; } = new(run.RepositoryRoot, run.GoModules);
    }

    /// <summary>Descriptors in order, with an index per id for ruleIndex and descriptor.index.</summary>
    private sealed class DescriptorTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public List<RuleDescriptor> Descriptors { get; } = [];

        public static DescriptorTable ForRules(SarifRun run)
        {
            var table = new DescriptorTable();
            foreach (var rule in run.Rules) table.Add(rule);
            // Ids met in the reports but described nowhere (e.g. a rule pack's finding under another id) still get an entry.
            foreach (var result in run.Reports.SelectMany(r => r.Results))
            {
                table.Add(result.Rule);
                foreach (var f in result.Findings) table.Add(result.Rule with { Id = f.RuleId });
            }
            return table;
        }

        public static DescriptorTable ForNotifications(SarifRun run)
        {
            var table = new DescriptorTable();
            foreach (var tool in ToolDiagnosticDescriptors.All) table.Add(tool);
            foreach (var d in run.Reports.SelectMany(r => r.Diagnostics).Concat(run.ConfigurationDiagnostics))
                table.Add(ToolDiagnosticDescriptors.For(d.Id));
            return table;
        }

        public int IndexOf(string id) => _index[id];

        private void Add(RuleDescriptor rule)
        {
            if (_index.ContainsKey(rule.Id)) return;
            _index[rule.Id] = Descriptors.Count;
            Descriptors.Add(rule);
        }
    }
}
