namespace GoBootCheck.Tests.TestSupport;

/// <summary>A Go binary built by test/fixtures/build-go-fixtures.sh (one row of its manifest).</summary>
/// <param name="GoVersion">The toolchain's exact version, e.g. go1.22.12.</param>
/// <param name="Variant">default, stripped, pie, cgo, cgo-stripped, cgo-pie, cgo-internal, cgo-static, race, noopt, c-shared.</param>
/// <param name="Path">Absolute path of the binary.</param>
/// <param name="Program">hello, hellocgo or libhello.</param>
/// <param name="Stripped">Built with -ldflags=-s -w.</param>
/// <param name="Cgo">runtime/cgo is linked in (measured by go list; race builds link it too).</param>
/// <param name="BuildMode">-buildmode.</param>
public sealed record Fixture(string GoVersion, string Variant, string Path, string Program, bool Stripped, bool Cgo, string BuildMode)
{
    /// <summary>The toolchain, e.g. go1.22.</summary>
    public string Toolchain => string.Join('.', GoVersion.Split('.').Take(2));

    /// <summary>"go1.22/pie" — used as the data-row display name.</summary>
    public override string ToString() => $"{Toolchain}/{Variant}";

    /// <summary>The exact output of `go version -m` for this binary, saved beside it by the build script.</summary>
    public string GoVersionM => File.ReadAllText(Path + ".goversion-m.txt");

    /// <summary>The file's bytes.</summary>
    public byte[] Bytes => File.ReadAllBytes(Path);
}

/// <summary>A real release binary fetched by test/release-binaries/fetch-release-binaries.sh.</summary>
/// <param name="Name">Package name.</param>
/// <param name="Version">Package version.</param>
/// <param name="Path">Absolute path of the binary.</param>
/// <param name="GoVersion">Go version recorded in it, or "unknown".</param>
/// <param name="Stripped">True if it has no .symtab.</param>
/// <param name="GoVersionFrom">Where the fetch script found the version: buildinfo, symtab (runtime.buildVersion) or rodata (a string scan — not something the Go toolchain itself reads).</param>
/// <param name="PclntabMagic">The pclntab header magic as read by test/release-binaries/goelfinfo.py, an independent (Python) reader: "0xfffffffb".</param>
public sealed record ReleaseBinary(string Name, string Version, string Path, string GoVersion, bool Stripped, string GoVersionFrom, string PclntabMagic = "")
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}-{Version} ({GoVersion})";
}

/// <summary>
/// The one place tests find their real binaries. The cache lives outside the clone
/// (GOBOOTCHECK_CACHE, default ~/.cache/gobootcheck); a missing manifest or file fails the test loudly
/// with the command that builds it — tests never pass by skipping.
/// </summary>
public static class Fixtures
{
    /// <summary>The cache folder.</summary>
    public static string Cache =>
        Environment.GetEnvironmentVariable("GOBOOTCHECK_CACHE") is { Length: > 0 } c
            ? c
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gobootcheck");

    /// <summary>Every fixture of the manifest (all Go versions × variants).</summary>
    public static IReadOnlyList<Fixture> All => _all.Value;

    /// <summary>Every release binary of the manifest.</summary>
    public static IReadOnlyList<ReleaseBinary> Release => _release.Value;

    private static readonly Lazy<IReadOnlyList<Fixture>> _all = new(() =>
        [.. ReadManifest(System.IO.Path.Combine(Cache, "fixtures", "manifest.tsv"), "bash test/fixtures/build-go-fixtures.sh")
            .Select(c => new Fixture(c["goversion"], c["variant"], c["path"], c["program"], c["stripped"] == "yes", c["cgo"] == "yes", c["buildmode"]))]);

    private static readonly Lazy<IReadOnlyList<ReleaseBinary>> _release = new(() =>
        [.. ReadManifest(System.IO.Path.Combine(Cache, "release", "manifest.tsv"), "bash test/release-binaries/fetch-release-binaries.sh")
            .Select(c => new ReleaseBinary(c["name"], c["version"], c["path"], c["goversion"], c["stripped"] is "yes" or "true", c["goversion_from"], c["pclntab_magic"]))]);

    /// <summary>The fixture of one toolchain (e.g. "go1.22") and variant; fails if it was not built.</summary>
    public static Fixture Get(string toolchain, string variant) =>
        All.FirstOrDefault(f => f.Toolchain == toolchain && f.Variant == variant)
        ?? throw new AssertFailedException($"fixture {toolchain}/{variant} is not in {Cache}/fixtures/manifest.tsv; run: bash test/fixtures/build-go-fixtures.sh");

    /// <summary>
    /// The Debian toolchains' own binaries (bin/go and pkg/tool/linux_amd64/compile of each toolchain under
    /// toolchains/): more real release binaries, go1.15 and go1.19–go1.27.
    /// </summary>
    public static IReadOnlyList<string> ToolchainBinaries()
    {
        string root = System.IO.Path.Combine(Cache, "toolchains");
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root, "go1.*").SelectMany(t => Directory.GetDirectories(System.IO.Path.Combine(t, "usr", "lib"), "go-1.*"))
                .SelectMany(g => new[] { System.IO.Path.Combine(g, "bin", "go"), System.IO.Path.Combine(g, "pkg", "tool", "linux_amd64", "compile") })
                .Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        if (found.Count == 0) throw new AssertFailedException($"no Go toolchains under {root}; run: bash test/fixtures/fetch-go-toolchains.sh");
        return found;
    }

    /// <summary>The release binary at <paramref name="relativePath"/> of the release manifest; fails if it was not fetched.</summary>
    public static ReleaseBinary ReleaseAt(string relativePath) =>
        Release.FirstOrDefault(r => r.Path.EndsWith("/" + relativePath, StringComparison.Ordinal))
        ?? throw new AssertFailedException($"release binary {relativePath} is not in {Cache}/release/manifest.tsv; run: bash test/release-binaries/fetch-release-binaries.sh");

    /// <summary>Data rows for [DynamicData]: one per fixture.</summary>
    public static IEnumerable<object[]> AllRows => All.Select(f => new object[] { f });

    /// <summary>Data rows for [DynamicData]: one per release binary.</summary>
    public static IEnumerable<object[]> ReleaseRows => Release.Select(r => new object[] { r });

    private static List<Dictionary<string, string>> ReadManifest(string path, string command)
    {
        if (!File.Exists(path))
            throw new AssertFailedException($"{path} is missing; run: {command}");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split('\t');
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>();
            for (int i = 0; i < header.Length; i++) row[header[i]] = i < cells.Length ? cells[i] : "";
            row["path"] = System.IO.Path.GetFullPath(row["path"], System.IO.Path.GetDirectoryName(path)!);
            if (!File.Exists(row["path"]))
                throw new AssertFailedException($"{row["path"]} listed in {path} is missing; run: {command}");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new AssertFailedException($"{path} lists no binaries; run: {command}");
        return rows;
    }
}
