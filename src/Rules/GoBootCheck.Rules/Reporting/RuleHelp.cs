using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

/// <summary>
/// Absolute documentation links and help text for rules and tool diagnostics, all under
/// <see cref="ProductInfo.RepositoryUrl"/>: docs/rules/GBCnnnn.md for rules, docs/troubleshooting.md#gbcnnnn for the
/// tool diagnostics (GBC1001–GBC1199).
/// </summary>
public static class RuleHelp
{
    /// <summary>The absolute link of a repository file on the documentation branch, e.g. docs/rules/GBC0001.md.</summary>
    public static string DocumentUri(string repositoryUrl, string relativePath) =>
        $"{repositoryUrl.TrimEnd('/')}/blob/{ProductInfo.DocumentationBranch}/{relativePath.TrimStart('/')}";

    /// <summary>
    /// The absolute help link of <paramref name="rule"/>: its own absolute http(s) HelpUri as is, a relative one
    /// resolved in the repository, else the page its id range is documented on.
    /// </summary>
    public static string HelpUri(RuleDescriptor rule, string? repositoryUrl = null)
    {
        string repository = repositoryUrl ?? ProductInfo.RepositoryUrl;
        if (rule.HelpUri is { Length: > 0 } help)
        {
            if (Uri.TryCreate(help, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute.AbsoluteUri;
            if (!Uri.TryCreate(help, UriKind.Absolute, out _)) return DocumentUri(repository, help);
        }
        return LinkFor(rule.Id, repository);
    }

    /// <summary>The documentation page of an id: a rule's page, the troubleshooting entry of a tool diagnostic, or the README's tables.</summary>
    public static string LinkFor(string id, string? repositoryUrl = null)
    {
        string repository = repositoryUrl ?? ProductInfo.RepositoryUrl;
        if (IsToolDiagnostic(id)) return DocumentUri(repository, "docs/troubleshooting.md") + "#" + id.ToLowerInvariant();
        if (IsBuiltInRule(id)) return DocumentUri(repository, $"docs/rules/{id}.md");
        if (id.StartsWith("GBC21", StringComparison.Ordinal)) return DocumentUri(repository, $"docs/interop/{id}.md");
        return repository + "#readme";
    }

    /// <summary>A tool diagnostic (GBC1001–GBC1199: the tool's problems with its input or configuration).</summary>
    public static bool IsToolDiagnostic(string id) =>
        id.Length == 7 && id.StartsWith("GBC1", StringComparison.Ordinal) && int.TryParse(id.AsSpan(3), out int n) && n is >= 1000 and < 1200;

    private static bool IsBuiltInRule(string id) =>
        id.Length == 7 && id.StartsWith("GBC00", StringComparison.Ordinal) && int.TryParse(id.AsSpan(3), out int n) && n is >= 1 and < 100;

    /// <summary>Plain-text help: the full description and where the page is.</summary>
    public static string Text(RuleDescriptor rule, string helpUri) =>
        $"{rule.FullDescription}\n\nWhat a violation looks like in the build log and in SARIF, and what to do: {helpUri}";

    /// <summary>Markdown help, shown by code-scanning UIs instead of the text when present.</summary>
    public static string Markdown(RuleDescriptor rule, string helpUri) =>
        $"**{rule.Id} {rule.Name}**: {rule.ShortDescription}\n\n{rule.FullDescription}\n\n" +
        $"See [{rule.Id} {rule.Name}]({helpUri}) for what a violation looks like in the build log and in SARIF, and what to do.";

    /// <summary>The SARIF level of a severity.</summary>
    internal static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
