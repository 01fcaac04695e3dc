namespace GoBootCheck.Tests.Fixtures;

/// <summary>
/// Finds the real Go binaries the tests use, in the cache outside the clone
/// (${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}). A missing binary fails the test with the command that builds or
/// fetches it; nothing is skipped silently.
/// </summary>
internal static class GoFixtures
{
    public static string Cache => Environment.GetEnvironmentVariable("GOBOOTCHECK_CACHE") is { Length: > 0 } c
        ? c
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gobootcheck");

    private static string BuildCommand(string version) =>
        $"GOBOOTCHECK_GO_VERSIONS={version} test/fixtures/fetch-go-toolchains.sh && GOBOOTCHECK_GO_VERSIONS={version} test/fixtures/build-go-fixtures.sh";

    private const string FetchReleaseCommand = "test/release-binaries/fetch-release-binaries.sh";

    /// <summary>The fixture binary built by go<paramref name="version"/> (e.g. "1.22") in <paramref name="variant"/>.</summary>
    public static string Fixture(string version, string variant)
    {
        string program = variant.StartsWith("cgo", StringComparison.Ordinal) ? "hellocgo" : variant == "c-shared" ? "libhello.so" : "hello";
        string path = Path.Combine(Cache, "fixtures", "go" + version, variant, program);
        if (!File.Exists(path))
            Assert.Fail($"fixture go{version}/{variant} is missing ({path}); build it with: {BuildCommand(version)}");
        return path;
    }

    /// <summary>Every fixture binary present (fails if there is none at all).</summary>
    public static IReadOnlyList<string> AllFixtures()
    {
        string root = Path.Combine(Cache, "fixtures");
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root, "go1.*").SelectMany(Directory.GetDirectories)
                .SelectMany(d => new[] { "hello", "hellocgo", "libhello.so" }.Select(p => Path.Combine(d, p)))
                .Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        if (found.Count == 0) Assert.Fail($"no Go fixtures under {root}; build them with: test/fixtures/fetch-go-toolchains.sh && test/fixtures/build-go-fixtures.sh");
        return found;
    }

    /// <summary>A release binary by its manifest path (relative to the release directory).</summary>
    public static string Release(string relativePath)
    {
        string path = Path.Combine(Cache, "release", relativePath);
        if (!File.Exists(path)) Assert.Fail($"release binary {relativePath} is missing ({path}); fetch it with: {FetchReleaseCommand}");
        return path;
    }

    /// <summary>Every release binary listed in release/manifest.tsv (column "path"), with its Go version and stripped flag.</summary>
    public static IReadOnlyList<(string Path, string GoVersion, bool Stripped)> AllReleases()
    {
        string manifest = Path.Combine(Cache, "release", "manifest.tsv");
        if (!File.Exists(manifest)) Assert.Fail($"no release binaries ({manifest} is missing); fetch them with: {FetchReleaseCommand}");
        var lines = File.ReadAllLines(manifest);
        var header = lines[0].Split('\t');
        int path = Array.IndexOf(header, "path"), version = Array.IndexOf(header, "goversion"), stripped = Array.IndexOf(header, "stripped");
        Assert.IsTrue(path >= 0 && version >= 0 && stripped >= 0, $"{manifest} lacks the path/goversion/stripped columns");
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(c => (Release(c[path]), c[version], c[stripped] == "yes"))];
    }

    /// <summary>The Debian toolchains' own binaries (bin/go and compile of each toolchain): more real release binaries.</summary>
    public static IReadOnlyList<string> ToolchainBinaries()
    {
        string root = Path.Combine(Cache, "toolchains");
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root, "go1.*").SelectMany(t => Directory.GetDirectories(Path.Combine(t, "usr", "lib"), "go-1.*"))
                .SelectMany(g => new[] { Path.Combine(g, "bin", "go"), Path.Combine(g, "pkg", "tool", "linux_amd64", "compile") })
                .Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        if (found.Count == 0) Assert.Fail($"no Go toolchains under {root}; fetch them with: test/fixtures/fetch-go-toolchains.sh");
        return found;
    }
}
