namespace GoBootCheck.Sdk;

/// <summary>
/// One violation a rule reports: typed fields for where it is and the arguments of the rule's
/// <see cref="RuleDescriptor.MessageFormat"/>. The rule id comes from the reporting rule; sinks place the function,
/// address and source position themselves, so they are never written into the message.
/// </summary>
public sealed class Finding
{
    /// <summary>A finding with the arguments of the rule's message format.</summary>
    /// <param name="arguments">The values for the message format's placeholders, formatted with the invariant culture.</param>
    public Finding(params object?[] arguments) => Arguments = arguments ?? [];

    /// <summary>The values for the placeholders of the rule's <see cref="RuleDescriptor.MessageFormat"/>.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The Go function (pclntab name) or ELF symbol the finding is about, if any.</summary>
    public string? Function { get; init; }

    /// <summary>The link-time virtual address of the offending instruction or function, if any.</summary>
    public ulong? Address { get; init; }

    /// <summary>The source position, if known (see <see cref="GoMetadata.SourceAt(ulong)"/>).</summary>
    public CodeLocation? Source { get; init; }

    /// <summary>
    /// Tells apart several findings of one rule in one function ("stackguard1", "argv"): stable across builds, so that
    /// baselines and suppressions keep matching. Null when a rule reports at most one finding per function.
    /// </summary>
    public string? Discriminator { get; init; }

    /// <summary>Overrides the rule's default severity for this finding; null: the rule's (or the configured) severity.</summary>
    public Severity? Severity { get; init; }
}
