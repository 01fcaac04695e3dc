using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>Descriptors of the built-in rules: their messages are whole sentences built by the rule ("{0}").</summary>
internal static class BuiltInDescriptors
{
    /// <summary>A built-in rule's descriptor; its documentation is docs/rules/&lt;id&gt;.md.</summary>
    public static RuleDescriptor Describe(string id, string name, string category, string title, string helpText,
        Severity severity = Severity.Error, string? helpUri = null, IReadOnlyList<RuleParameter>? parameters = null) => new()
        {
            Parameters = parameters ?? [],
            Id = id,
            Name = name,
            Category = category,
            Title = title,
            HelpText = helpText,
            MessageFormat = "{0}",
            DefaultSeverity = severity,
            HelpUri = new Uri(helpUri ?? $"docs/rules/{id}.md", UriKind.RelativeOrAbsolute),
            Tags = ["go-runtime", category.ToLowerInvariant()],
        };

    /// <summary>
    /// StackGuard of the stack-guard rules (GBC0003, GBC0005): g.stackguard0 = g.stack.lo + StackGuard. 0 (the default)
    /// takes it from the binary's Go version; a rule set sets it for a patched toolchain or a GOEXPERIMENT that changes it.
    /// </summary>
    public static readonly RuleParameter<int> StackGuard = new("StackGuard", 0,
        "g.stackguard0 = g.stack.lo + StackGuard, in bytes; 0: from the binary's Go version (runtime/stack.go _StackGuard/stackGuard)")
    {
        Minimum = 0,
        Maximum = 1 << 20,
    };

    /// <summary>
    /// The binary's runtime constants with a configured StackGuard in place of the table's; StackLimit moves with it
    /// (StackLimit = StackGuard − StackSystem − StackSmall, and StackSystem and StackSmall stay).
    /// </summary>
    public static RuntimeConstants WithConfiguredStackGuard(RuleContext context, RuntimeConstants constants)
    {
        int configured = context.GetParameter(StackGuard);
        if (configured == 0 || configured == constants.StackGuard) return constants;
        return constants with
        {
            StackGuard = configured,
            StackLimit = constants.StackLimit + (configured - constants.StackGuard),
            Source = $"StackGuard {configured} set by the rule set; the table has {constants.StackGuard} ({constants.Source})",
        };
    }
}
