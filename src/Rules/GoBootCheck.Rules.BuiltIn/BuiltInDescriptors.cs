using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>Descriptors of the built-in rules: their messages are whole sentences built by the rule ("{0}").</summary>
internal static class BuiltInDescriptors
{
    /// <summary>A built-in rule's descriptor; its documentation is docs/rules/&lt;id&gt;.md.</summary>
    public static RuleDescriptor Describe(string id, string name, string category, string title, string helpText,
        Severity severity = Severity.Error, string? helpUri = null) => new()
        {
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
}
