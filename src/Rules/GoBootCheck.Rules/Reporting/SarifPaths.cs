namespace GoBootCheck.Reporting;

/// <summary>
/// Pure path arithmetic for SARIF URIs: which files lie in the repository (%SRCROOT%), and where a Go source file
/// recorded in pclntab is in it. Never touches the file system or the process's current directory (MSBuild nodes are
/// shared between projects).
/// </summary>
/// <param name="RepositoryRoot">Absolute repository root, or null (then every URI is absolute).</param>
/// <param name="GoModules">Module path → absolute directory of its go.mod, for the module-relative file names that
/// <c>go build -trimpath</c> records (example.com/hello/main.go).</param>
internal sealed record SarifPaths(string? RepositoryRoot, IReadOnlyDictionary<string, string> GoModules)
{
    /// <summary>The uriBaseId of the repository root (the name GitHub code scanning and the SARIF SDK use).</summary>
    public const string SourceRootBaseId = "%SRCROOT%";

    private readonly string? _root = RepositoryRoot is { Length: > 0 } r && Path.IsPathFullyQualified(r) ? Path.GetFullPath(r) : null;

    private readonly KeyValuePair<string, string>[] _modules =
        [.. GoModules.Where(m => m.Key.Length > 0).OrderByDescending(m => m.Key.Length)];

    /// <summary>The root as a directory URI (file:///…/), or null.</summary>
    public string? RootUri => _root is null ? null : new Uri(Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar).AbsoluteUri;

    /// <summary>The URI of a file given by absolute path (or relative to the root): relative to %SRCROOT% inside the repository, else absolute.</summary>
    public (string Uri, string? BaseId) ForFile(string path)
    {
        if (_root is not null)
        {
            string full = Path.GetFullPath(path, _root);
            if (TryRelative(full, out string relative)) return (relative, SourceRootBaseId);
            return (new Uri(full).AbsoluteUri, null);
        }
        return Path.IsPathFullyQualified(path) ? (new Uri(path).AbsoluteUri, null) : (RelativeUri(path), null);
    }

    /// <summary>
    /// The repository-relative URI of a Go source file as pclntab records it — an absolute path of the machine that
    /// built it, or with -trimpath a module path — when that file lies in the repository; false otherwise (the
    /// standard library, other modules' files, a path of another machine).
    /// </summary>
    public bool TryMapGoSource(string sourceFile, out string uri)
    {
        uri = "";
        if (_root is null || sourceFile.Length == 0) return false;
        if (Path.IsPathFullyQualified(sourceFile)) return TryRelative(Path.GetFullPath(sourceFile), out uri);
        // -trimpath: "<module path>/<path in the module>"; the standard library is "<package>/file.go" (no module).
        foreach (var (module, directory) in _modules)
        {
            if (sourceFile.Length > module.Length && sourceFile.StartsWith(module, StringComparison.Ordinal) && sourceFile[module.Length] == '/')
            {
                string inModule = sourceFile[(module.Length + 1)..];
                if (inModule.Split('/').Any(part => part is ".." or "")) return false;
                return TryRelative(Path.GetFullPath(Path.Combine(directory, inModule.Replace('/', Path.DirectorySeparatorChar))), out uri);
            }
        }
        return false;
    }

    private bool TryRelative(string full, out string uri)
    {
        uri = "";
        string relative = Path.GetRelativePath(_root!, full);
        if (Path.IsPathRooted(relative) || relative == "." || relative == ".." ||
            relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return false;
        uri = RelativeUri(relative);
        return true;
    }

    private static string RelativeUri(string relative) =>
        string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
}
