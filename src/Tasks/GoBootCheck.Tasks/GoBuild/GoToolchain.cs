using System.Globalization;

namespace GoBootCheck.Tasks.GoBuild;

/// <summary>
/// The go executable GoBuild runs, and an identity of it that changes when the toolchain does: found without starting
/// a go process, so that an up-to-date build starts none.
/// </summary>
/// <param name="Executable">The go executable as found (may be a symbolic link).</param>
/// <param name="Identity">Resolved path, size and time of the executable, and GOROOT's VERSION file if there is one.</param>
internal sealed record GoToolchain(string Executable, string Identity)
{
    /// <summary>Where GoBuild looked, for the error that says nothing was found.</summary>
    public const string SearchOrder = "the GoProgram's GoCommand metadata, the GoBootCheckGoCommand property, the GoBootCheckGoRoot property, the GOROOT environment variable, then PATH";

    /// <summary>
    /// The first of: <paramref name="command"/> (a path, or a name looked up on PATH), <paramref name="goRoot"/>/bin/go,
    /// $GOROOT/bin/go, go on PATH. Null when none exists; <paramref name="tried"/> says what was looked at.
    /// </summary>
    public static GoToolchain? Find(string? command, string? goRoot, Func<string, string?> environment, out string tried)
    {
        string exe = OperatingSystem.IsWindows() ? "go.exe" : "go";
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(command))
        {
            // An explicit choice is the only one: falling back would build with a toolchain the user did not pick.
            candidates.AddRange(command.Contains('/') || command.Contains('\\') ? [command] : OnPath(command, environment));
            tried = $"'{command}'";
            return First(candidates);
        }
        if (!string.IsNullOrWhiteSpace(goRoot)) candidates.Add(Path.Combine(goRoot, "bin", exe));
        if (environment("GOROOT") is { Length: > 0 } envRoot) candidates.Add(Path.Combine(envRoot, "bin", exe));
        candidates.AddRange(OnPath(exe, environment));
        tried = candidates.Count == 0 ? "PATH (no go on it)" : string.Join(", ", candidates.Distinct(StringComparer.Ordinal));
        return First(candidates);
    }

    private static GoToolchain? First(IEnumerable<string> candidates)
    {
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate)) return new GoToolchain(Path.GetFullPath(candidate), IdentityOf(Path.GetFullPath(candidate)));
        }
        return null;
    }

    private static IEnumerable<string> OnPath(string name, Func<string, string?> environment) =>
        (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name));

    /// <summary>Resolved path, length and write time of the executable, and GOROOT/VERSION (GOROOT = two levels up).</summary>
    private static string IdentityOf(string executable)
    {
        var resolved = new FileInfo(executable);
        if (resolved.LinkTarget is not null && resolved.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) resolved = target;
        string identity = string.Create(CultureInfo.InvariantCulture, $"{resolved.FullName}|{resolved.Length}|{resolved.LastWriteTimeUtc.Ticks}");
        string? root = resolved.Directory?.Parent?.FullName;
        string? versionFile = root is null ? null : Path.Combine(root, "VERSION");
        if (versionFile is not null && File.Exists(versionFile))
            identity += "|" + File.ReadAllText(versionFile).Split('\n')[0].Trim();
        return identity;
    }
}
