using System.Globalization;
using System.Text.Json;
using GoBootCheck.Diagnostics;

namespace GoBootCheck.Configuration;

/// <summary>
/// Reads a rule set file and checks it against the rules that will run (built-in and loaded packs): every key known,
/// every value of the declared type and range, every suppression justified. Problems are values (GBC1100–GBC1199,
/// each at its line); what is valid is still returned, so one typo shows every other mistake of the file too.
/// </summary>
/// <example>
/// <code>
/// {
///   "$schema": "…/gobootcheck.ruleset.schema.json",
///   "rules": {
///     "GBC0003": { "severity": "warning", "parameters": { "StackGuard": 928 } },
///     "GBC0005": { "enabled": false }
///   },
///   "suppressions": [
///     { "rule": "GBC0004", "binary": "**/hello", "function": "main.spin", "justification": "hand-written assembly, reviewed in #42" }
///   ]
/// }
/// </code>
/// </example>
public static class RuleSetReader
{
    /// <summary>Reads <paramref name="utf8"/>, the content of <paramref name="file"/> (a full path, also the base of binary globs).</summary>
    public static RuleSet Read(string file, ReadOnlySpan<byte> utf8, IReadOnlyCollection<RuleSpec> rules, ICollection<RuleSetProblem> problems)
    {
        var context = new Context(file, rules.ToDictionary(r => r.Id, StringComparer.Ordinal), problems);
        if (!PositionedJson.TryParse(utf8, out var root, out var error))
        {
            context.Problem(DiagnosticIds.RuleSetSyntax, error.Line, error.Column, $"the rule set is not valid JSON: {error.Message}");
            return RuleSet.Empty with { File = file };
        }
        if (root is not JsonObjectAt top)
        {
            context.Problem(DiagnosticIds.RuleSetBadValue, root!.Line, root.Column, "expected a JSON object with \"rules\" and/or \"suppressions\"");
            return RuleSet.Empty with { File = file };
        }
        var settings = new Dictionary<string, RuleSettings>(StringComparer.Ordinal);
        var suppressions = new List<Suppression>();
        foreach (var member in context.Members(top))
        {
            switch (member.Name)
            {
                case "$schema":
                    context.String(member.Value, "\"$schema\"");
                    break;
                case "rules":
                    if (context.Expect<JsonObjectAt>(member.Value, "\"rules\"", "an object keyed by rule id") is { } ruleObject)
                        foreach (var rule in context.Members(ruleObject))
                            if (ReadRule(context, rule) is { } s) settings[s.RuleId] = s;
                    break;
                case "suppressions":
                    if (context.Expect<JsonArrayAt>(member.Value, "\"suppressions\"", "an array of suppressions") is { } array)
                        foreach (var item in array.Items)
                            if (ReadSuppression(context, item) is { } s) suppressions.Add(s);
                    break;
                default:
                    context.UnknownKey(member, "the top level", ["$schema", "rules", "suppressions"]);
                    break;
            }
        }
        return new RuleSet(file, settings, suppressions);
    }

    private static RuleSettings? ReadRule(Context context, JsonMemberAt member)
    {
        if (context.KnownRule(member.Name, member.Line, member.Column) is not { } rule) return null;
        if (context.Expect<JsonObjectAt>(member.Value, member.Name, "an object with \"enabled\", \"severity\" and/or \"parameters\"") is not { } body)
            return null;
        bool enabled = true;
        Severity? severity = null;
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in context.Members(body))
        {
            switch (key.Name)
            {
                case "enabled":
                    enabled = context.Boolean(key.Value, $"{rule.Id}.enabled") ?? true;
                    break;
                case "severity":
                    severity = ReadSeverity(context, key.Value, rule.Id);
                    break;
                case "parameters":
                    if (context.Expect<JsonObjectAt>(key.Value, $"{rule.Id}.parameters", "an object keyed by parameter name") is { } values)
                        foreach (var parameter in context.Members(values))
                            if (ReadParameter(context, rule, parameter) is { } value) parameters[parameter.Name] = value;
                    break;
                default:
                    context.UnknownKey(key, $"rule {rule.Id}", ["enabled", "severity", "parameters"]);
                    break;
            }
        }
        return new RuleSettings(rule.Id, enabled, severity, parameters, member.Line);
    }

    private static Severity? ReadSeverity(Context context, JsonAt value, string ruleId)
    {
        if (context.String(value, $"{ruleId}.severity") is not { } text) return null;
        switch (text)
        {
            case "error": return Severity.Error;
            case "warning": return Severity.Warning;
            case "note": return Severity.Note;
            default:
                context.Problem(DiagnosticIds.RuleSetBadValue, value.Line, value.Column,
                    $"{ruleId}.severity is \"{text}\"; expected \"error\", \"warning\" or \"note\" (\"enabled\": false turns the rule off)");
                return null;
        }
    }

    private static object? ReadParameter(Context context, RuleSpec rule, JsonMemberAt member)
    {
        var spec = rule.Parameters.FirstOrDefault(p => p.Name == member.Name);
        string where = $"{rule.Id}.parameters.{member.Name}";
        if (spec is null)
        {
            string known = rule.Parameters.Count == 0 ? $"{rule.Id} {rule.Name} has no parameters" : $"{rule.Id} {rule.Name} has {Quote(rule.Parameters.Select(p => p.Name))}";
            context.Problem(DiagnosticIds.RuleSetUnknownParameter, member.Line, member.Column, $"unknown parameter \"{member.Name}\": {known}");
            return null;
        }
        var value = member.Value;
        if (spec.Source is { } source)
        {
            // The JSON kind first (a number for an integer, not "928"), then the descriptor's own parsing and range.
            bool kindMatches = (spec.Kind, value) switch
            {
                (ParameterKind.Integer, JsonScalarAt { Kind: JsonValueKind.Number }) => true,
                (ParameterKind.Boolean, JsonScalarAt { Kind: JsonValueKind.True or JsonValueKind.False }) => true,
                (ParameterKind.String or ParameterKind.Enum, JsonScalarAt { Kind: JsonValueKind.String }) => true,
                _ => false,
            };
            if (kindMatches && value is JsonScalarAt scalar && source.TryParse(scalar.Text, out object? typed, out string? error) && typed is not null)
                return typed;
            string expected = spec.Kind switch
            {
                ParameterKind.Integer => Range(spec),
                ParameterKind.Boolean => "true or false",
                ParameterKind.Enum => $"one of {Quote(spec.Values!)}",
                _ => "a string",
            };
            context.Problem(DiagnosticIds.RuleSetBadValue, value.Line, value.Column, $"{where} is {Context.Describe(value)}; expected {expected}");
            return null;
        }
        switch (spec.Kind)
        {
            case ParameterKind.Boolean:
                return context.Boolean(value, where);
            case ParameterKind.String:
                return context.String(value, where);
            case ParameterKind.Enum:
                if (context.String(value, where) is not { } name) return null;
                if (spec.Values!.Contains(name, StringComparer.Ordinal)) return name;
                context.Problem(DiagnosticIds.RuleSetBadValue, value.Line, value.Column, $"{where} is \"{name}\"; expected one of {Quote(spec.Values!)}");
                return null;
            default:
                string range = Range(spec);
                if (value is JsonScalarAt { Kind: JsonValueKind.Number } number &&
                    long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) &&
                    (spec.Minimum is not long lo || n >= lo) && (spec.Maximum is not long hi || n <= hi))
                {
                    return n;
                }
                context.Problem(DiagnosticIds.RuleSetBadValue, value.Line, value.Column, $"{where} is {Context.Describe(value)}; expected {range}");
                return null;
        }
    }

    private static Suppression? ReadSuppression(Context context, JsonAt item)
    {
        if (context.Expect<JsonObjectAt>(item, "a suppression", "an object with \"rule\", \"binary\", \"function\" and \"justification\"") is not { } body)
            return null;
        RuleSpec? rule = null;
        PathGlob? binary = null;
        NamePattern? function = null;
        string? justification = null;
        bool valid = true, sawRule = false, sawJustification = false;
        foreach (var key in context.Members(body))
        {
            switch (key.Name)
            {
                case "rule":
                    sawRule = true;
                    rule = context.String(key.Value, "a suppression's \"rule\"") is { } id ? context.KnownRule(id, key.Value.Line, key.Value.Column) : null;
                    valid &= rule is not null;
                    break;
                case "binary":
                    binary = context.Pattern(key.Value, "binary", PathGlob.TryCreate);
                    valid &= binary is not null;
                    break;
                case "function":
                    function = context.Pattern(key.Value, "function", NamePattern.TryCreate);
                    valid &= function is not null;
                    break;
                case "justification":
                    sawJustification = true;
                    justification = context.String(key.Value, "a suppression's \"justification\"");
                    if (justification is not null && justification.Trim().Length == 0)
                    {
                        context.Problem(DiagnosticIds.SuppressionWithoutJustification, key.Value.Line, key.Value.Column,
                            "the suppression's justification is blank; say why the finding is acceptable (a reviewer reads it)");
                        justification = null;
                    }
                    valid &= justification is not null;
                    break;
                default:
                    context.UnknownKey(key, "a suppression", ["rule", "binary", "function", "justification"]);
                    break;
            }
        }
        if (!sawRule)
        {
            context.Problem(DiagnosticIds.RuleSetMissingKey, body.Line, body.Column, "the suppression has no \"rule\"; say which rule's findings it accepts (e.g. \"GBC0004\")");
            valid = false;
        }
        if (!sawJustification)
        {
            context.Problem(DiagnosticIds.SuppressionWithoutJustification, body.Line, body.Column,
                "the suppression has no \"justification\"; every suppression must say why the finding is acceptable");
            valid = false;
        }
        return valid ? new Suppression(rule!.Id, binary, function, justification!.Trim(), body.Line) : null;
    }

    private static string Range(RuleParameterSpec spec) => (spec.Minimum, spec.Maximum) switch
    {
        (long min, long max) => $"a whole number from {min} to {max}",
        (long min, null) => $"a whole number of at least {min}",
        (null, long max) => $"a whole number of at most {max}",
        _ => "a whole number",
    };

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    /// <summary>The file, the known rules and the problem sink, with the checks every part of the file shares.</summary>
    private sealed class Context(string file, Dictionary<string, RuleSpec> rules, ICollection<RuleSetProblem> problems)
    {
        public void Problem(string id, int line, int column, string message) =>
            problems.Add(new RuleSetProblem(id, Severity.Error, file, line, column, message));

        /// <summary>The object's members, each name once (a repeated name is reported and skipped).</summary>
        public IEnumerable<JsonMemberAt> Members(JsonObjectAt value)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var member in value.Members)
            {
                if (seen.TryGetValue(member.Name, out int first))
                {
                    Problem(DiagnosticIds.RuleSetDuplicateKey, member.Line, member.Column, $"\"{member.Name}\" appears twice in this object (first at line {first})");
                    continue;
                }
                seen[member.Name] = member.Line;
                yield return member;
            }
        }

        public void UnknownKey(JsonMemberAt member, string where, string[] known) =>
            Problem(DiagnosticIds.RuleSetUnknownKey, member.Line, member.Column, $"unknown key \"{member.Name}\" in {where}; expected {Quote(known)}");

        public RuleSpec? KnownRule(string id, int line, int column)
        {
            if (rules.TryGetValue(id, out var rule)) return rule;
            string hint = rules.Keys.FirstOrDefault(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase)) is { } near
                ? $"; did you mean \"{near}\"?"
                : $"; the rules of this build are {Quote(rules.Keys.Order(StringComparer.Ordinal))} (a rule pack's rules are known once the pack is listed)";
            Problem(DiagnosticIds.RuleSetUnknownRule, line, column, $"unknown rule \"{id}\"{hint}");
            return null;
        }

        public T? Expect<T>(JsonAt value, string what, string expected) where T : JsonAt
        {
            if (value is T typed) return typed;
            Problem(DiagnosticIds.RuleSetBadValue, value.Line, value.Column, $"{what} is {Describe(value)}; expected {expected}");
            return null;
        }

        public string? String(JsonAt value, string what) =>
            value is JsonScalarAt { Kind: JsonValueKind.String } s ? s.Text : Mismatch<string>(value, what, "a string");

        public bool? Boolean(JsonAt value, string what) => value switch
        {
            JsonScalarAt { Kind: JsonValueKind.True } => true,
            JsonScalarAt { Kind: JsonValueKind.False } => false,
            _ => Mismatch<bool?>(value, what, "true or false"),
        };

        public T? Pattern<T>(JsonAt value, string key, TryCreate<T> create) where T : class
        {
            if (String(value, $"a suppression's \"{key}\"") is not { } text) return null;
            if (create(text, out string? why) is { } pattern) return pattern;
            Problem(DiagnosticIds.RuleSetBadValue, value.Line, value.Column, $"a suppression's \"{key}\" is \"{text}\": {why}");
            return null;
        }

        private T? Mismatch<T>(JsonAt value, string what, string expected)
        {
            Problem(DiagnosticIds.RuleSetBadValue, value.Line, value.Column, $"{what} is {Describe(value)}; expected {expected}");
            return default;
        }

        public static string Describe(JsonAt value) => value switch
        {
            JsonScalarAt s => s.Describe(),
            JsonArrayAt => "an array",
            _ => "an object",
        };
    }

    private delegate T? TryCreate<T>(string pattern, out string? problem);
}
