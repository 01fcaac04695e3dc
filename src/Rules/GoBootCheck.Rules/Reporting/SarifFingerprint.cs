using System.Security.Cryptography;
using System.Text;

namespace GoBootCheck.Reporting;

/// <summary>
/// The identity of a finding across rebuilds and machines: rule, the binary's file name, the function and a
/// discriminator for several findings of the rule in that function. Never an address, a path or a line, which move
/// when unrelated code changes or the build directory differs.
/// </summary>
public static class SarifFingerprint
{
    /// <summary>GoBootCheck's own partialFingerprints key (versioned: a change of the recipe changes the key).</summary>
    public const string Key = "gobootcheck/v1";

    /// <summary>
    /// The key GitHub code scanning reads (its documentation: "only uses the primaryLocationLineHash"); filled with the
    /// same identity so that alerts follow the finding, not the line.
    /// </summary>
    public const string GitHubKey = "primaryLocationLineHash";

    /// <summary>Lowercase hex SHA-256 of the identity's parts, separated by NUL (none of them can contain one).</summary>
    public static string Compute(string ruleId, string binaryName, string function, string discriminator)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\0{binaryName}\0{function}\0{discriminator}"));
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>The value for <see cref="GitHubKey"/>: 16 hex digits and an occurrence, the shape GitHub's own hashes have.</summary>
    public static string GitHubValue(string fingerprint) => $"{fingerprint[..16]}:1";
}
