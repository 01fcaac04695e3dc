namespace GoBootCheck.Fuzzing;

/// <summary>The fuzzer's default seeds: fixtures of the cache (test/fixtures/build-go-fixtures.sh) across Go versions and build modes.</summary>
public static class Seeds
{
    /// <summary>toolchain/variant of each default seed: exe, stripped, PIE, cgo (dynamic, static, internal), c-shared, race, -N -l.</summary>
    public static readonly string[] Default =
    [
        "go1.19/default", "go1.21/pie", "go1.22/stripped", "go1.22/cgo", "go1.22/c-shared", "go1.23/cgo-static",
        "go1.23/cgo-internal", "go1.24/noopt", "go1.25/cgo-pie", "go1.21/race",
    ];

    /// <summary>The fixture cache: GOBOOTCHECK_CACHE, default ~/.cache/gobootcheck.</summary>
    public static string Cache =>
        Environment.GetEnvironmentVariable("GOBOOTCHECK_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gobootcheck");

    /// <summary>Loads seeds by toolchain/variant from the fixture manifest; throws naming the build command if one is missing.</summary>
    public static List<Seed> Load(IEnumerable<string> names)
    {
        string manifest = Path.Combine(Cache, "fixtures", "manifest.tsv");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"{manifest} is missing; run: bash test/fixtures/build-go-fixtures.sh");
        var lines = File.ReadAllLines(manifest).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split('\t');
        int goversion = Array.IndexOf(header, "goversion"), variant = Array.IndexOf(header, "variant"), path = Array.IndexOf(header, "path");
        var rows = lines.Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(c => $"{string.Join('.', c[goversion].Split('.').Take(2))}/{c[variant]}", c => Path.GetFullPath(c[path], Path.GetDirectoryName(manifest)!));
        return [.. names.Select(n => rows.TryGetValue(n, out var p) && File.Exists(p)
            ? Seed.Load(n, File.ReadAllBytes(p))
            : throw new FileNotFoundException($"fixture {n} is not in {manifest}; run: bash test/fixtures/build-go-fixtures.sh"))];
    }
}
