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
        string repository = string.IsNullOrWhiteSpace(repositoryUrl) ? ProductInfo.RepositoryUrl : repositoryUrl.Trim();
        if (rule.HelpUri is { Length: > 0 } help)
        {
            if (Uri.TryCreate(help, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute.AbsoluteUri;
            if (!Uri.TryCreate(help, UriKind.Absolute, out _)) return DocumentUri(repository, help);
        }
        return LinkFor(rule.Id, repository);
    }

    /// <summary>
    /// The documentation page of an id: a rule's page, the troubleshooting entry of a tool diagnostic (the rule set
    /// file's in docs/rule-set.md, the Go build step's in docs/configuration.md), an analyzer's page, or the README.
    /// </summary>
    public static string LinkFor(string id, string? repositoryUrl = null)
    {
        string repository = string.IsNullOrWhiteSpace(repositoryUrl) ? ProductInfo.RepositoryUrl : repositoryUrl.Trim();
        if (Number(id) is not int n) return repository.TrimEnd('/') + "#readme";
        return n switch
        {
            >= 1 and < 100 => DocumentUri(repository, $"docs/rules/{id}.md"),
            >= 1040 and < 1050 => DocumentUri(repository, "docs/configuration.md") + "#diagnostics",
            >= 1100 and < 1200 => DocumentUri(repository, "docs/rule-set.md") + "#" + id.ToLowerInvariant(),
            >= 1000 and < 1200 => DocumentUri(repository, "docs/troubleshooting.md") + "#" + id.ToLowerInvariant(),
            >= 2000 and < 2100 => DocumentUri(repository, $"docs/analyzers/{id}.md"),
            >= 2100 and < 2200 => DocumentUri(repository, $"docs/interop/{id}.md"),
            _ => repository.TrimEnd('/') + "#readme",
        };
    }

    /// <summary>
    /// The help link a build log shows for <paramref name="id"/>: <see cref="LinkFor"/> for GoBootCheck's own ids (GBCnnnn),
    /// none for other ids (a third-party pack documents its rules itself).
    /// </summary>
    public static string? LogLinkFor(string? id, string? repositoryUrl = null) =>
        id is not null && Number(id) is not null ? LinkFor(id, repositoryUrl) : null;

    private static int? Number(string id) =>
        id.Length == 7 && id.StartsWith("GBC", StringComparison.Ordinal) && int.TryParse(id.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;

    /// <summary>A tool diagnostic (GBC1001–GBC1199: the tool's problems with its input or configuration).</summary>
    public static bool IsToolDiagnostic(string id) =>
        id.Length == 7 && id.StartsWith("GBC1", StringComparison.Ordinal) && int.TryParse(id.AsSpan(3), out int n) && n is >= 1000 and < 1200;


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
