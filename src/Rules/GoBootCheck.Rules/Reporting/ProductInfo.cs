using System.Reflection;

namespace GoBootCheck.Reporting;

/// <summary>
/// Where GoBootCheck lives, as stamped into this assembly at build time from the one MSBuild property
/// <c>GoBootCheckRepositoryUrl</c> (Directory.Build.props): SARIF's informationUri and helpUri, the build log's help
/// links, the package's repository metadata and SourceLink all derive from it, so a fork changes one line.
/// </summary>
public static class ProductInfo
{
    /// <summary>The assembly metadata key the build writes the repository URL under.</summary>
    public const string RepositoryUrlMetadataKey = "GoBootCheckRepositoryUrl";

    /// <summary>The repository's web address, without a trailing slash, e.g. https://github.com/GoBootCheck/GoBootCheck.</summary>
    public static string RepositoryUrl { get; } = ReadRepositoryUrl();

    /// <summary>The branch the documentation links point into.</summary>
    public const string DocumentationBranch = "main";

    private static string ReadRepositoryUrl()
    {
        string? url = typeof(ProductInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == RepositoryUrlMetadataKey)?.Value;
        // Built outside the repository's props (never in a shipped build): an obviously local placeholder, not a guess.
        return string.IsNullOrWhiteSpace(url) ? "https://localhost/GoBootCheck" : url.TrimEnd('/');
    }
}
