using System.Text.Json;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

public sealed partial class SarifWriter
{
    /// <summary>The function name used in fingerprints when a finding has no function.</summary>
    private const string NoFunction = "(no function)";

    private static void WriteResults(Utf8JsonWriter json, WriteContext context)
    {
        json.WriteStartArray("results");
        for (int i = 0; i < context.Run.Reports.Count; i++)
        {
            var report = context.Run.Reports[i];
            // Several findings of one rule in one function without a discriminator of their own: told apart by order.
            var occurrences = new Dictionary<(string, string), int>();
            foreach (var finding in report.Results.SelectMany(r => r.Findings))
            {
                string function = finding.Location?.Function ?? NoFunction;
                string discriminator = finding.Discriminator ?? Occurrence(occurrences, finding.RuleId, function);
                WriteFinding(json, context, i, finding, function, discriminator);
            }
        }
        json.WriteEndArray();
    }

    private static string Occurrence(Dictionary<(string, string), int> occurrences, string ruleId, string function)
    {
        int n = occurrences.GetValueOrDefault((ruleId, function)) + 1;
        occurrences[(ruleId, function)] = n;
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void WriteFinding(Utf8JsonWriter json, WriteContext context, int artifact, Finding finding, string function, string discriminator)
    {
        var report = context.Run.Reports[artifact];
        var location = finding.Location;
        ulong? address = location?.Address;
        ulong? offset = address is ulong a ? report.FileOffsetOf(a) : null;

        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", context.Rules.IndexOf(finding.RuleId));
        json.WriteString("kind", "fail");
        json.WriteString("level", RuleHelp.Level(finding.Severity));
        WriteMessage(json, "message", MessageText.WithoutPathPrefix(finding.Message, report.Path));

        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (location?.SourceFile is { } source && location.Line is int line && line > 0 && context.Paths.TryMapGoSource(source, out string sourceUri))
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", sourceUri);
            json.WriteString("uriBaseId", SarifPaths.SourceRootBaseId);
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", line);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else
        {
            WriteBinaryLocation(json, context, artifact, address, offset, location?.Function);
        }
        if (location?.Function is { } fullName)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", MessageText.ShortFunctionName(fullName));
            json.WriteString("fullyQualifiedName", fullName);
            json.WriteString("kind", "function");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();

        // The binary and the address, always: the place the verdict is about, whatever the first location shows.
        json.WriteStartArray("relatedLocations");
        json.WriteStartObject();
        json.WriteNumber("id", 1);
        WriteBinaryLocation(json, context, artifact, address, offset, location?.Function);
        string name = Path.GetFileName(report.Path);
        WriteMessage(json, "message", address is ulong at
            ? $"{name} at {MessageText.Hex(at)}{(offset is ulong o ? $" (file offset {MessageText.Hex(o)})" : "")}"
            : name);
        json.WriteEndObject();
        json.WriteEndArray();

        string fingerprint = SarifFingerprint.Compute(finding.RuleId, name, function, discriminator);
        json.WriteStartObject("partialFingerprints");
        json.WriteString(SarifFingerprint.Key, fingerprint);
        json.WriteString(SarifFingerprint.GitHubKey, SarifFingerprint.GitHubValue(fingerprint));
        json.WriteEndObject();

        if (finding.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", suppression.Justification);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        if (address is ulong addr) json.WriteString("address", MessageText.Hex(addr));
        if (location?.SourceFile is { } file)
        {
            // As pclntab records it (an absolute path of the building machine, or a -trimpath module path).
            json.WriteString("sourceFile", file);
            if (location.Line is int l) json.WriteNumber("line", l);
        }
        json.WriteString("discriminator", discriminator);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBinaryLocation(Utf8JsonWriter json, WriteContext context, int artifact, ulong? address, ulong? offset, string? function)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        WriteUri(json, context, context.Run.Reports[artifact].Path);
        json.WriteNumber("index", artifact);
        json.WriteEndObject();
        if (offset is ulong o)
        {
            json.WriteStartObject("region");
            json.WriteNumber("byteOffset", o);
            json.WriteEndObject();
        }
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
}
