namespace GoBootCheck.Sdk;

/// <summary>
/// What a rule is: stable id, name, texts for people and tools (SARIF, the build log, documentation), default severity,
/// and the typed parameters a rule set may configure. Immutable once built.
/// </summary>
public sealed class RuleDescriptor
{
    /// <summary>Stable id, letters then four or more digits: "GBC0004", "GBC5001", "ACME0001". Never reused once retired.</summary>
    public required string Id { get; init; }

    /// <summary>PascalCase name, e.g. "PrologueChecksStackguard0".</summary>
    public required string Name { get; init; }

    /// <summary>One sentence: the invariant the rule checks.</summary>
    public required string Title { get; init; }

    /// <summary>
    /// Composite format of a finding's message (<see cref="string.Format(IFormatProvider, string, object[])"/>, always
    /// with the invariant culture); the placeholders take <see cref="Finding.Arguments"/>. Say what was expected and
    /// what was found; the function, address and source position are separate fields, not part of the text.
    /// </summary>
    public required string MessageFormat { get; init; }

    /// <summary>Severity of a finding unless the finding or the build's configuration says otherwise.</summary>
    public Severity DefaultSeverity { get; init; } = Severity.Error;

    /// <summary>What the invariant is and why it matters (SARIF fullDescription).</summary>
    public string HelpText { get; init; } = "";

    /// <summary>The rule's documentation: absolute, or relative to the tool's documentation root.</summary>
    public Uri? HelpUri { get; init; }

    /// <summary>A grouping for people and configuration, e.g. "Startup", "Stack", "BuildSettings".</summary>
    public string Category { get; init; } = "General";

    /// <summary>Free-form tags (SARIF properties.tags).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The parameters a rule set may set for this rule, each with its type, default and allowed range.</summary>
    public IReadOnlyList<RuleParameter> Parameters { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => Id + " " + Name;
}
