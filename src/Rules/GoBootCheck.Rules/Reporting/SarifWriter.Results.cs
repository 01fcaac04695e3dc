using System.Text.Json;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

public sealed partial class SarifWriter
{
    private static void WriteResults(Utf8JsonWriter json, SarifRun run, RuleTable rules)
    {
        json.WriteStartArray("results");
        for (int i = 0; i < run.Reports.Count; i++)
        {
            var report = run.Reports[i];
            foreach (var diagnostic in report.Diagnostics)
            {
                WriteResult(json, run, rules, i, diagnostic.Id, kind: "fail", Level(diagnostic.Severity),
                    MessageText.WithoutPathPrefix(diagnostic.Message, report.Path), diagnostic.Address, function: null, location: null);
            }
            foreach (var result in report.Results)
            {
                WriteRuleResult(json, run, rules, i, result);
            }
        }
        json.WriteEndArray();
    }

    private static void WriteRuleResult(Utf8JsonWriter json, SarifRun run, RuleTable rules, int artifact, RuleResult result)
    {
        var rule = result.Rule;
        if (result.Status == RuleStatus.Fail && result.Findings.Count > 0)
        {
            foreach (var finding in result.Findings)
            {
                WriteResult(json, run, rules, artifact, finding.RuleId, "fail", Level(finding.Severity), finding.Message,
                    finding.Location?.Address, finding.Location?.Function, finding.Location);
            }
            return;
        }
        (string kind, string level, string status) = result.Status switch
        {
            RuleStatus.Pass => ("pass", "none", "passed"),
            RuleStatus.NotApplicable => ("notApplicable", "none", "not applicable"),
            RuleStatus.NotVerified => ("open", "none", "not verified"),
            _ => ("fail", Level(rule.DefaultSeverity), "failed"),
        };
        string text = result.Reason is { Length: > 0 } reason ? $"{rule.Id} {rule.Name} {status}: {reason}" : $"{rule.Id} {rule.Name} {status}.";
        WriteResult(json, run, rules, artifact, rule.Id, kind, level, text, address: null, function: null, location: null);
    }

    private static void WriteResult(Utf8JsonWriter json, SarifRun run, RuleTable rules, int artifact, string ruleId, string kind, string level,
        string text, ulong? address, string? function, CodeLocation? location)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteNumber("ruleIndex", rules.IndexOf(ruleId));
        json.WriteString("kind", kind);
        json.WriteString("level", level);
        WriteMessage(json, "message", text);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysicalLocation(json, run, artifact, address, function);
        if (function is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", MessageText.ShortFunctionName(function));
            json.WriteString("fullyQualifiedName", function);
            json.WriteString("kind", "function");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        if (address is not null || location?.SourceFile is not null)
        {
            json.WriteStartObject("properties");
            if (address is ulong a) json.WriteString("address", MessageText.Hex(a));
            if (location?.SourceFile is { } file)
            {
                json.WriteString("sourceFile", file);
                if (location.Line is int line) json.WriteNumber("line", line);
                json.WriteString("source", location.Line is int l ? $"{file}:{l}" : file);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, SarifRun run, int artifact, ulong? address, string? function)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        WriteUri(json, run, run.Reports[artifact].Path);
        json.WriteNumber("index", artifact);
        json.WriteEndObject();
        if (address is ulong a)
        {
            // SARIF's own place for a machine address; absoluteAddress is a JSON integer (exact up to 2^53).
            json.WriteStartObject("address");
            json.WriteNumber("absoluteAddress", a);
            if (function is not null)
            {
                json.WriteString("fullyQualifiedName", function);
                json.WriteString("kind", "function");
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteUri(Utf8JsonWriter json, SarifRun run, string path)
    {
        // Pure path arithmetic: a relative report path is taken relative to the base directory, never to the
        // process's current directory (MSBuild nodes are shared between projects).
        if (run.BaseDirectory is { } baseDirectory && Path.IsPathFullyQualified(baseDirectory))
        {
            string full = Path.GetFullPath(path, baseDirectory);
            string relative = Path.GetRelativePath(baseDirectory, full);
            if (!Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                json.WriteString("uri", RelativeUri(relative));
                json.WriteString("uriBaseId", ProjectRootBaseId);
                return;
            }
            json.WriteString("uri", new Uri(full).AbsoluteUri);
            return;
        }
        json.WriteString("uri", Path.IsPathFullyQualified(path) ? new Uri(path).AbsoluteUri : RelativeUri(path));
    }

    private static string RelativeUri(string relative) =>
        string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));

    private static string DirectoryUri(string directory)
    {
        string full = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        return Path.IsPathFullyQualified(full) ? new Uri(full).AbsoluteUri : RelativeUri(full);
    }

    /// <summary>The driver's rules in order, with an index per id for ruleIndex.</summary>
    private sealed class RuleTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly HashSet<string> _toolIds = new(StringComparer.Ordinal);

        public List<RuleDescriptor> Descriptors { get; } = [];

        public static RuleTable Build(SarifRun run)
        {
            var table = new RuleTable();
            foreach (var rule in run.Rules) table.Add(rule);
            foreach (var tool in ToolDiagnosticDescriptors.All)
            {
                table.Add(tool);
                table._toolIds.Add(tool.Id);
            }
            // Ids met in the reports but described nowhere (e.g. a rule pack's finding) still get an entry.
            foreach (var report in run.Reports)
            {
                foreach (var d in report.Diagnostics.Where(d => !table._index.ContainsKey(d.Id)))
                {
                    table.Add(ToolDiagnosticDescriptors.For(d.Id));
                    table._toolIds.Add(d.Id);
                }
                foreach (var r in report.Results)
                {
                    table.Add(r.Rule);
                    foreach (var f in r.Findings) table.Add(r.Rule with { Id = f.RuleId });
                }
            }
            return table;
        }

        public int IndexOf(string id) => _index[id];

        public bool IsToolDiagnostic(string id) => _toolIds.Contains(id);

        private void Add(RuleDescriptor rule)
        {
            if (_index.ContainsKey(rule.Id)) return;
            _index[rule.Id] = Descriptors.Count;
            Descriptors.Add(rule);
        }
    }
}
