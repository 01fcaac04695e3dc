using System.Text;
using System.Text.Json;

namespace GoBootCheck.Configuration;

/// <summary>
/// Writes the JSON schema of the rule set file: its structure and, for the given rules (the built-in ones for the
/// schema that ships in the package), each rule's parameters with type, range and description, so that editors
/// complete and check them. Rules of packs (ids not starting with GBC00) get the generic shape; their parameters are
/// checked by <see cref="RuleSetReader"/> against the pack's descriptors when the pack is loaded.
/// </summary>
/// <remarks>Generated: schema/gobootcheck.ruleset.schema.json is this output, and a test checks it is current.</remarks>
public static class RuleSetSchema
{
    /// <summary>Where the schema is published (the package also ships it, see docs/rule-set.md).</summary>
    public const string Id = "https://raw.githubusercontent.com/GoBootCheck/GoBootCheck/main/schema/gobootcheck.ruleset.schema.json";

    /// <summary>The schema as indented UTF-8 JSON text with a final newline.</summary>
    public static string Generate(IReadOnlyList<RuleSpec> rules)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
            json.WriteString("$id", Id);
            json.WriteString("title", "GoBootCheck rule set");
            json.WriteString("description", "Per-rule settings and justified suppressions for GoBootCheck (MSBuild property GoBootCheckRuleSet). See docs/rule-set.md.");
            json.WriteString("type", "object");
            json.WriteBoolean("additionalProperties", false);
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteString("description", "This schema, for editors: the package's schema/gobootcheck.ruleset.schema.json or its published URL.");
            json.WriteEndObject();
            WriteRules(json, rules);
            json.WriteStartObject("suppressions");
            json.WriteString("description", "Findings accepted for a written reason. A suppressed finding stays visible (as suppressed, with the justification) and no longer fails the build; a suppression that matches nothing is warning GBC1109.");
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            json.WriteString("$ref", "#/definitions/suppression");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            WriteDefinitions(json, rules);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteRules(Utf8JsonWriter json, IReadOnlyList<RuleSpec> rules)
    {
        json.WriteStartObject("rules");
        json.WriteString("description", "Settings by rule id. A rule the file does not mention runs at its defaults.");
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        foreach (var rule in rules)
        {
            json.WriteStartObject(rule.Id);
            json.WriteString("description", $"{rule.Id} {rule.Name}: {rule.Title} (default severity: {rule.DefaultSeverity.ToString().ToLowerInvariant()})");
            json.WriteString("type", "object");
            json.WriteBoolean("additionalProperties", false);
            json.WriteStartObject("properties");
            WriteEnabledAndSeverity(json);
            json.WriteStartObject("parameters");
            json.WriteString("type", "object");
            json.WriteBoolean("additionalProperties", false);
            json.WriteStartObject("properties");
            foreach (var parameter in rule.Parameters) WriteParameter(json, parameter);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("patternProperties");
        json.WriteStartObject("^(?!GBC00)[A-Z][A-Z0-9]*[0-9]{4}$");
        json.WriteString("$ref", "#/definitions/packRule");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteBoolean("additionalProperties", false);
        json.WriteEndObject();
    }

    private static void WriteEnabledAndSeverity(Utf8JsonWriter json)
    {
        json.WriteStartObject("enabled");
        json.WriteString("type", "boolean");
        json.WriteString("description", "false: the rule does not run.");
        json.WriteBoolean("default", true);
        json.WriteEndObject();
        json.WriteStartObject("severity");
        json.WriteString("$ref", "#/definitions/severity");
        json.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter json, RuleParameterSpec parameter)
    {
        json.WriteStartObject(parameter.Name);
        json.WriteString("description", parameter.Description);
        switch (parameter.Kind)
        {
            case ParameterKind.Integer:
                json.WriteString("type", "integer");
                if (parameter.Minimum is long min) json.WriteNumber("minimum", min);
                if (parameter.Maximum is long max) json.WriteNumber("maximum", max);
                if (parameter.Default is long d) json.WriteNumber("default", d);
                break;
            case ParameterKind.Boolean:
                json.WriteString("type", "boolean");
                if (parameter.Default is bool b) json.WriteBoolean("default", b);
                break;
            case ParameterKind.Enum:
                json.WriteString("type", "string");
                json.WriteStartArray("enum");
                foreach (string value in parameter.Values ?? []) json.WriteStringValue(value);
                json.WriteEndArray();
                if (parameter.Default is string e) json.WriteString("default", e);
                break;
            default:
                json.WriteString("type", "string");
                if (parameter.Default is string s) json.WriteString("default", s);
                break;
        }
        json.WriteEndObject();
    }

    private static void WriteDefinitions(Utf8JsonWriter json, IReadOnlyList<RuleSpec> rules)
    {
        json.WriteStartObject("definitions");
        json.WriteStartObject("severity");
        json.WriteString("description", "Severity of all the rule's findings: error fails the build, warning and note do not.");
        json.WriteStartArray("enum");
        foreach (string s in new[] { "error", "warning", "note" }) json.WriteStringValue(s);
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("packRule");
        json.WriteString("description", "A rule of a rule pack; its parameters are checked against the pack's descriptors when the pack is loaded.");
        json.WriteString("type", "object");
        json.WriteBoolean("additionalProperties", false);
        json.WriteStartObject("properties");
        WriteEnabledAndSeverity(json);
        json.WriteStartObject("parameters");
        json.WriteString("type", "object");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("suppression");
        json.WriteString("type", "object");
        json.WriteStartArray("required");
        json.WriteStringValue("rule");
        json.WriteStringValue("justification");
        json.WriteEndArray();
        json.WriteBoolean("additionalProperties", false);
        json.WriteStartObject("properties");
        json.WriteStartObject("rule");
        json.WriteString("description", "The id of the rule whose findings are accepted.");
        json.WriteString("type", "string");
        json.WriteStartArray("anyOf");
        json.WriteStartObject();
        json.WriteStartArray("enum");
        foreach (var rule in rules) json.WriteStringValue(rule.Id);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("pattern", "^(?!GBC00)[A-Z][A-Z0-9]*[0-9]{4}$");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("binary");
        json.WriteString("description", "Glob over the binary's path: without '/' it matches the file name anywhere (\"hello\", \"*.so\"); with '/' the path relative to this file's directory (\"go/bin/*\", \"**/hello\"). * and ? stay within a directory, ** spans directories. Leave out for every binary.");
        json.WriteString("type", "string");
        json.WriteNumber("minLength", 1);
        json.WriteEndObject();
        json.WriteStartObject("function");
        json.WriteString("description", "Pattern over the Go function's full name (\"main.spin\", \"runtime.*\", \"example.com/x.(*T).*\"): * is any text, ? one character. Leave out for every finding of the rule.");
        json.WriteString("type", "string");
        json.WriteNumber("minLength", 1);
        json.WriteEndObject();
        json.WriteStartObject("justification");
        json.WriteString("description", "Why the finding is acceptable (required, not blank): shown with the suppressed finding in the build log and in SARIF.");
        json.WriteString("type", "string");
        json.WriteString("pattern", "\\S");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
