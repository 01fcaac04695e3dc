namespace GoBootCheck.Configuration;

/// <summary>The rule set's view of the rules of a catalog: ids, names and the typed parameters their descriptors declare.</summary>
public static class RuleSpecs
{
    /// <summary>Specs of <paramref name="rules"/> (built-in and packs alike), parameters from their descriptors.</summary>
    public static IReadOnlyList<RuleSpec> From(IEnumerable<Sdk.RuleDescriptor> rules) =>
        [.. rules.Select(r => new RuleSpec(r.Id, r.Name, r.Title, Map(r.DefaultSeverity), [.. r.Parameters.Select(Spec)]))];

    private static RuleParameterSpec Spec(Sdk.RuleParameter p)
    {
        var kind = p.Type == typeof(long) || p.Type == typeof(int) ? ParameterKind.Integer
            : p.Type == typeof(bool) ? ParameterKind.Boolean
            : p.Type.IsEnum ? ParameterKind.Enum
            : ParameterKind.String;
        object? @default = p.DefaultValue switch
        {
            int i => (long)i,
            Enum e => e.ToString(),
            var v => v,
        };
        return new RuleParameterSpec(p.Name, kind, p.Description, @default,
            p.Minimum is { } min ? Convert.ToInt64(min, System.Globalization.CultureInfo.InvariantCulture) : null,
            p.Maximum is { } max ? Convert.ToInt64(max, System.Globalization.CultureInfo.InvariantCulture) : null,
            kind == ParameterKind.Enum ? p.AllowedValues : null)
        {
            Source = p,
        };
    }

    private static Diagnostics.Severity Map(Sdk.Severity severity) => severity switch
    {
        Sdk.Severity.Error => Diagnostics.Severity.Error,
        Sdk.Severity.Warning => Diagnostics.Severity.Warning,
        _ => Diagnostics.Severity.Note,
    };
}
