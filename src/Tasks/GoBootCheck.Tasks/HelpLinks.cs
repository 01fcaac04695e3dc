namespace GoBootCheck.Tasks;

/// <summary>
/// The help link of an id, all under one repository URL (GoBootCheckRepositoryUrl): a rule's page in docs/rules, an
/// interop diagnostic's in docs/interop, the tool diagnostics' table in the README. Ids of other packs: none.
/// </summary>
internal static class HelpLinks
{
    public const string DefaultRepositoryUrl = "https://github.com/GoBootCheck/GoBootCheck";

    public static string? For(string? code, string? repositoryUrl)
    {
        if (code is null || code.Length != 7 || !code.StartsWith("GBC", StringComparison.Ordinal) || !int.TryParse(code.AsSpan(3), out int number)) return null;
        string root = (string.IsNullOrWhiteSpace(repositoryUrl) ? DefaultRepositoryUrl : repositoryUrl.Trim()).TrimEnd('/') + "/blob/main/";
        return number switch
        {
            < 1000 => $"{root}docs/rules/{code}.md",
            >= 2100 and < 2200 => $"{root}docs/interop/{code}.md",
            _ => $"{root}docs/configuration.md#diagnostics",
        };
    }
}
