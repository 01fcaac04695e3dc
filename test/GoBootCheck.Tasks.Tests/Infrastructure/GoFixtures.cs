namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>
/// The one way tests find Go binaries: the fixtures built by test/fixtures/build-go-fixtures.sh and the release
/// binaries fetched by test/release-binaries/fetch-release-binaries.sh, both in the cache outside the clone
/// (<c>${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}</c>). A missing fixture fails the test with the command that
/// makes it; it never skips.
/// </summary>
internal static class GoFixtures
{
    public static string CacheRoot { get; } =
        Environment.GetEnvironmentVariable("GOBOOTCHECK_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gobootcheck");

    /// <summary>The fixture built with Go 1.<paramref name="minor"/> in <paramref name="variant"/> (default, stripped, pie, cgo …).</summary>
    public static string Binary(int minor, string variant)
    {
        string manifest = Path.Combine(CacheRoot, "fixtures", "manifest.tsv");
        var rows = ReadTsv(manifest, "bash test/fixtures/build-go-fixtures.sh");
        var row = rows.FirstOrDefault(r => r["variant"] == variant && IsMinor(r["goversion"], minor));
        if (row is null)
            Assert.Fail($"fixture go1.{minor}/{variant} is not in {manifest}; run: bash test/fixtures/fetch-go-toolchains.sh && bash test/fixtures/build-go-fixtures.sh");
        return Existing(Resolve(row!["path"], Path.GetDirectoryName(manifest)!), "bash test/fixtures/build-go-fixtures.sh");
    }

    /// <summary>Every release binary of real Go programs listed in the release manifest (stripped, older Go versions).</summary>
    public static IReadOnlyList<string> ReleaseBinaries()
    {
        string manifest = Path.Combine(CacheRoot, "release", "manifest.tsv");
        var rows = ReadTsv(manifest, "bash test/release-binaries/fetch-release-binaries.sh");
        string column = rows.Count > 0 && rows[0].ContainsKey("path") ? "path" : rows.FirstOrDefault()?.Keys.First() ?? "path";
        var paths = rows.Select(r => Existing(Resolve(r[column], Path.GetDirectoryName(manifest)!), "bash test/release-binaries/fetch-release-binaries.sh")).ToList();
        if (paths.Count == 0) Assert.Fail($"{manifest} lists no release binary; run: bash test/release-binaries/fetch-release-binaries.sh");
        return paths;
    }

    private static bool IsMinor(string goVersion, int minor) =>
        goVersion == $"go1.{minor}" || goVersion.StartsWith($"go1.{minor}.", StringComparison.Ordinal);

    private static string Resolve(string path, string directory) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));

    private static string Existing(string path, string command)
    {
        if (!File.Exists(path)) Assert.Fail($"fixture {path} is missing; run: {command}");
        return path;
    }

    private static List<Dictionary<string, string>> ReadTsv(string file, string command)
    {
        if (!File.Exists(file)) Assert.Fail($"{file} is missing; run: {command}");
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split('\t');
        return [.. lines.Skip(1).Select(l =>
        {
            var cells = l.Split('\t');
            return header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal);
        })];
    }
}
