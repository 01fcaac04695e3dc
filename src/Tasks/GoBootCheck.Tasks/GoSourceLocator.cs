using GoBootCheck.RulePacks;

namespace GoBootCheck.Tasks;

/// <summary>
/// Finds the file in the repository that a finding's Go source name means, so MSBuild can place the error there:
/// an absolute name (a build without -trimpath) as is, a module-relative one (-trimpath: "example.com/tool/main.go")
/// through the go.mod that declares the module — the binary's own module directory (GoModuleDirectory metadata, set
/// for GoProgram outputs) first, then the go.mod files of the repository. Only existing files under the repository
/// root qualify: the standard library and the module cache stay at the binary.
/// </summary>
internal sealed class GoSourceLocator(string? repositoryRoot, IReadOnlyDictionary<string, string> moduleDirectoryByBinary)
{
    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    private readonly string? _root = string.IsNullOrWhiteSpace(repositoryRoot) ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot)) + Path.DirectorySeparatorChar;
    private List<(string ModulePath, string Directory)>? _repositoryModules;

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

    /// <summary>The go.mod files under the root (hidden folders such as .git skipped), read once per task run.</summary>
    private List<(string ModulePath, string Directory)> RepositoryModules()
    {
        if (_repositoryModules is not null) return _repositoryModules;
        _repositoryModules = [];
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 12, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        try
        {
            foreach (string goMod in Directory.EnumerateFiles(_root!, "go.mod", options))
            {
                string directory = Path.GetDirectoryName(goMod)!;
                if (ModulePathOf(directory) is { } path) _repositoryModules.Add((path, directory));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A repository that cannot be listed leaves its findings at the binary.
        }
        return _repositoryModules;
    }

    /// <summary>The module path of go.mod's "module" directive in <paramref name="directory"/>, or null.</summary>
    internal static string? ModulePathOf(string directory)
    {
        string goMod = Path.Combine(directory, "go.mod");
        try
        {
            if (!File.Exists(goMod)) return null;
            foreach (string raw in File.ReadLines(goMod))
            {
                string line = raw.Trim();
                if (!line.StartsWith("module", StringComparison.Ordinal) || line.Length <= 6 || !char.IsWhiteSpace(line[6])) continue;
                string path = line[6..].Split("//")[0].Trim().Trim('"', '`');
                return path.Length > 0 ? path : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
