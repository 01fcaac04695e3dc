using GoBootCheck.Diagnostics;

namespace GoBootCheck.Configuration;

/// <summary>The type of a rule parameter's value in a rule set file.</summary>
public enum ParameterKind
{
    /// <summary>A whole number (JSON integer), read as <see cref="long"/>.</summary>
    Integer,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>Any string.</summary>
    String,
    /// <summary>One of <see cref="RuleParameterSpec.Values"/> (a JSON string).</summary>
    Enum,
}

/// <summary>What the rule set reader and the schema need to know about a rule parameter.</summary>
/// <param name="Name">The key in the rule's "parameters" object (PascalCase, as the descriptor declares it).</param>
/// <param name="Kind">Value type.</param>
/// <param name="Description">One sentence, shown by editors through the schema.</param>
/// <param name="Default">The value the rule uses when the file sets none; null when the rule derives it (e.g. from the binary's Go version).</param>
/// <param name="Minimum">Smallest allowed integer, if bounded.</param>
/// <param name="Maximum">Largest allowed integer, if bounded.</param>
/// <param name="Values">The allowed names of an <see cref="ParameterKind.Enum"/> parameter.</param>
public sealed record RuleParameterSpec(
    string Name,
    ParameterKind Kind,
    string Description,
    object? Default = null,
    long? Minimum = null,
    long? Maximum = null,
    IReadOnlyList<string>? Values = null)
{
    /// <summary>
    /// The rule's own parameter, if the spec comes from a descriptor: values are converted to its type (int, long,
    /// bool, string or the enum) and range-checked by it, so that the rule reads them back with GetParameter.
    /// </summary>
    public Sdk.RuleParameter? Source { get; init; }
}

/// <summary>What the rule set reader and the schema need to know about a rule: its id, name and parameters.</summary>
/// <param name="Id">e.g. GBC0003.</param>
/// <param name="Name">e.g. CgoStackGuard.</param>
/// <param name="Title">One sentence.</param>
/// <param name="DefaultSeverity">Severity of its findings when the rule set says nothing.</param>
/// <param name="Parameters">Parameters the rule declares.</param>
public sealed record RuleSpec(string Id, string Name, string Title, Severity DefaultSeverity, IReadOnlyList<RuleParameterSpec> Parameters);
