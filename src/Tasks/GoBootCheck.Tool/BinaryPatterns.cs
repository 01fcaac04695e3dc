using System.Text.RegularExpressions;

namespace GoBootCheck.Tool;

/// <summary>
/// Expands the binaries given on the command line: a path is taken as is (a missing file is the run's GBC1001, as for
/// the task); a pattern with <c>*</c>, <c>?</c> or <c>**</c> (quoted, so that the shell leaves it alone) names the
/// files it matches, sorted, like an MSBuild item wildcard.
/// </summary>
internal static class BinaryPatterns
{
    /// <summary>The files of every argument in order, each once; <paramref name="unmatched"/> gets patterns that matched nothing.</summary>
    public static List<string> Expand(IEnumerable<string> arguments, string currentDirectory, List<string> unmatched)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string argument in arguments)
        {
            if (!IsPattern(argument))
            {
                string full = Path.GetFullPath(argument, currentDirectory);
                if (seen.Add(full)) files.Add(full);
                continue;
            }
            var matches = Match(argument, currentDirectory);
            if (matches.Count == 0) unmatched.Add(argument);
            foreach (string match in matches.Where(seen.Add)) files.Add(match);
        }
        return files;
    }

    private static bool IsPattern(string argument) => argument.IndexOfAny(['*', '?']) >= 0;

    private static List<string> Match(string pattern, string currentDirectory)
    {
        string full = Path.GetFullPath(pattern.Replace('\\', '/'), currentDirectory).Replace('\\', '/');
        // The directory part before the first segment with a wildcard is where the walk starts.
        string[] segments = full.Split('/');
        int first = Array.FindIndex(segments, s => IsPattern(s));
        string root = string.Join('/', segments.Take(first));
        if (root.Length == 0) root = "/";
        if (!Directory.Exists(root)) return [];
        string rest = string.Join('/', segments.Skip(first));
        var regex = new Regex("^" + Configuration.PathGlob.ToRegex(rest) + "$", RegexOptions.CultureInvariant);
        bool recursive = segments.Length - first > 1 || rest.Contains("**", StringComparison.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return [.. Directory.EnumerateFiles(root, "*", options)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)];
    }
}
