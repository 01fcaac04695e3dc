using System.Text;
using System.Text.RegularExpressions;

namespace GoBootCheck.Configuration;

/// <summary>
/// A glob over a binary's path, as in .gitignore: a pattern without '/' matches the file name in any directory
/// ("hello", "*.so"); a pattern with '/' matches the path relative to the rule set file's directory
/// ("go/bin/*", "**/libhello.so"), or the full path if it is rooted. <c>*</c> and <c>?</c> stay within one path
/// segment, <c>**</c> spans segments. Paths compare with '/' separators, case-sensitively.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;
    private readonly bool _nameOnly;
    private readonly bool _rooted;

    private PathGlob(string pattern, Regex regex, bool nameOnly, bool rooted)
    {
        Pattern = pattern;
        _regex = regex;
        _nameOnly = nameOnly;
        _rooted = rooted;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>A glob, or null with the reason if the pattern cannot match a path.</summary>
    public static PathGlob? TryCreate(string pattern, out string? problem)
    {
        problem = null;
        string normalized = pattern.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.Trim().Length == 0)
        {
            problem = "an empty pattern matches no binary; leave \"binary\" out to match every binary";
            return null;
        }
        bool rooted = normalized.StartsWith('/') || (normalized.Length > 2 && normalized[1] == ':' && normalized[2] == '/');
        bool nameOnly = !normalized.Contains('/');
        if (normalized.StartsWith("./", StringComparison.Ordinal)) normalized = normalized[2..];
        return new PathGlob(pattern, new Regex("^" + ToRegex(normalized) + "$", RegexOptions.CultureInvariant), nameOnly, rooted);
    }

    /// <summary>
    /// A '/'-separated glob as a regular expression (unanchored): <c>**</c> any directories (also none), <c>*</c> and
    /// <c>?</c> within one segment. The rule set's binary patterns and the gobootcheck tool's arguments both use it.
    /// </summary>
    internal static string ToRegex(string glob)
    {
        var regex = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool segment = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(segment ? "(?:.*/)?" : ".*");
                i += segment ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.ToString();
    }

    /// <summary>True if <paramref name="binaryPath"/> (full path) matches, relative to <paramref name="baseDirectory"/>.</summary>
    public bool IsMatch(string binaryPath, string baseDirectory)
    {
        string path = binaryPath.Replace('\\', '/');
        if (_nameOnly) return _regex.IsMatch(path[(path.LastIndexOf('/') + 1)..]);
        if (_rooted) return _regex.IsMatch(path);
        string relative = baseDirectory.Length == 0 ? path : Path.GetRelativePath(baseDirectory, binaryPath).Replace('\\', '/');
        return _regex.IsMatch(relative);
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;
}

/// <summary>
/// A pattern over a Go function's full name ("main.noCheck", "runtime.*", "github.com/acme/x.(*T).*"): <c>*</c>
/// matches any text (including '/' and '.'), <c>?</c> one character, everything else itself.
/// </summary>
public sealed class NamePattern
{
    private readonly Regex _regex;

    private NamePattern(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>A pattern, or null with the reason if it cannot match a function name.</summary>
    public static NamePattern? TryCreate(string pattern, out string? problem)
    {
        problem = null;
        if (pattern.Trim().Length == 0)
        {
            problem = "an empty pattern matches no function; leave \"function\" out to match every finding of the rule";
            return null;
        }
        string regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
        return new NamePattern(pattern, new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.Singleline));
    }

    /// <summary>True if the function name matches.</summary>
    public bool IsMatch(string functionName) => _regex.IsMatch(functionName);

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
