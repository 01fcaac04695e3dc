namespace GoBootCheck.Tasks;

/// <summary>
/// The Go modules of a repository (module path → directory of its go.mod), found by walking the repository: what
/// maps the module-relative source names of a <c>-trimpath</c> build back to files for SARIF. Bounded, so that a
/// huge tree costs a bounded walk: build output, dependencies and hidden directories are skipped.
/// </summary>
internal static class GoModuleIndex
{
    /// <summary>Directories visited at most; a repository with more gets the modules found so far.</summary>
    internal const int MaxDirectories = 20_000;

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "node_modules", "bin", "obj", "vendor", "testdata", "artifacts",
    };

    /// <summary>Every go.mod under <paramref name="root"/>; an unreadable directory or file is passed over.</summary>
    public static IReadOnlyDictionary<string, string> Find(string root, CancellationToken cancellation = default)
    {
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root)) return modules;
        var pending = new Queue<string>([root]);
        int visited = 0;
        while (pending.Count > 0 && visited++ < MaxDirectories && !cancellation.IsCancellationRequested)
        {
            string directory = pending.Dequeue();
            try
            {
                string goMod = Path.Combine(directory, "go.mod");
                if (File.Exists(goMod) && ModulePath(File.ReadLines(goMod)) is { } module) modules.TryAdd(module, directory);
                foreach (string child in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
                {
                    string name = Path.GetFileName(child);
                    if (name.StartsWith('.') || Skipped.Contains(name)) continue;
                    if ((File.GetAttributes(child) & FileAttributes.ReparsePoint) != 0) continue;
                    pending.Enqueue(child);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                // An unreadable corner of the tree only means fewer source locations; the binaries are still verified.
            }
        }
        return modules;
    }

    /// <summary>The module path of a go.mod's <c>module</c> directive (quoted or not), or null.</summary>
    internal static string? ModulePath(IEnumerable<string> lines)
    {
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            int comment = line.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0) line = line[..comment].Trim();
            if (!line.StartsWith("module", StringComparison.Ordinal) || line.Length == 6 || !char.IsWhiteSpace(line[6])) continue;
            string path = line[6..].Trim().Trim('"', '`');
            return path.Length > 0 ? path : null;
        }
        return null;
    }
}
