using GoBootCheck.RulePacks;

namespace GoBootCheck.Tasks;

/// <summary>
/// Finds the file in the repository that a finding's Go source name means, so MSBuild can place the error there:
/// an absolute name (a build without -trimpath) as is, a module-relative one (-trimpath: "example.com/tool/main.go")
/// through the go.mod that declares the module — the binary's own module directory (GoModuleDirectory metadata, set
/// for GoProgram outputs) first, then the go.mod files of the repository (<see cref="GoModuleIndex"/>). Only existing files under the repository
/// root qualify: the standard library and the module cache stay at the binary.
/// </summary>
internal sealed class GoSourceLocator(string? repositoryRoot, IReadOnlyDictionary<string, string> moduleDirectoryByBinary)
{
    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    private readonly string? _root = string.IsNullOrWhiteSpace(repositoryRoot) ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot)) + Path.DirectorySeparatorChar;
    private List<(string ModulePath, string Directory)>? _repositoryModules;

    /// <summary>
    /// Where a log line goes, alike in the build log and the gobootcheck tool's output: a finding whose Go source is in
    /// the repository at that file and line (column 1), naming its binary at the end of the message; everything else at
    /// its file (line 0: none).
    /// </summary>
    public static (string? File, int Line, int Column, string Message) Place(GoSourceLocator? locator, Reporting.LogEntry entry) =>
        entry.Kind == Reporting.LogEntryKind.Finding && entry.File is not null && locator?.Locate(entry.File, entry.Location) is var (source, line)
            ? (source, line, 1, $"{entry.Message} (in {entry.File})")
            : (entry.File, 0, 0, entry.Message);

    /// <summary>The repository file and line of <paramref name="location"/>, or null to leave the diagnostic at the binary.</summary>
    public (string File, int Line)? Locate(string binary, CodeLocation? location)
    {
        if (_root is null || location?.SourceFile is not { Length: > 0 } source || location.Line is not int line || line <= 0) return null;
        if (Path.IsPathRooted(source)) return InRepository(source) is { } file ? (file, line) : null;
        if (moduleDirectoryByBinary.TryGetValue(binary, out string? moduleDirectory) && ModulePathOf(moduleDirectory) is { } modulePath &&
            Resolve(source, modulePath, moduleDirectory) is { } own)
            return (own, line);
        foreach (var (path, directory) in RepositoryModules().OrderByDescending(m => m.ModulePath.Length))
        {
            if (Resolve(source, path, directory) is { } found) return (found, line);
        }
        return null;
    }

    private string? Resolve(string source, string modulePath, string moduleDirectory) =>
        source.StartsWith(modulePath + "/", StringComparison.Ordinal)
            ? InRepository(Path.Combine(moduleDirectory, source[(modulePath.Length + 1)..]))
            : null;

    private string? InRepository(string path)
    {
        string full = Path.GetFullPath(path);
        return full.StartsWith(_root!, PathComparison) && File.Exists(full) ? full : null;
    }

    /// <summary>The repository's Go modules (<see cref="GoModuleIndex"/>, the walk SARIF's -trimpath mapping uses), read once per run.</summary>
    private List<(string ModulePath, string Directory)> RepositoryModules() =>
        _repositoryModules ??= [.. GoModuleIndex.Find(_root!).Select(m => (m.Key, m.Value))];

    /// <summary>The module path of go.mod's "module" directive in <paramref name="directory"/>, or null.</summary>
    internal static string? ModulePathOf(string directory)
    {
        string goMod = Path.Combine(directory, "go.mod");
        try
        {
            return File.Exists(goMod) ? GoModuleIndex.ModulePath(File.ReadLines(goMod)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
