namespace GoBootCheck.Tests.Support;

/// <summary>
/// The one place tests find Go fixture binaries built by test/fixtures/build-go-fixtures.sh. A missing fixture
/// fails the test with the command that builds it; nothing returns early or skips.
/// </summary>
internal static class Fixtures
{
    /// <summary>Go minor versions the fixture script builds by default.</summary>
    public static readonly string[] Versions = ["1.19", "1.21", "1.22", "1.23", "1.24", "1.25"];

    /// <summary>Variants of the fixture script and the program each builds.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variants = new Dictionary<string, string>
    {
        ["default"] = "hello", ["stripped"] = "hello", ["pie"] = "hello", ["race"] = "hello", ["noopt"] = "hello",
        ["cgo"] = "hellocgo", ["cgo-stripped"] = "hellocgo", ["cgo-pie"] = "hellocgo", ["cgo-internal"] = "hellocgo",
        ["cgo-static"] = "hellocgo", ["c-shared"] = "libhello.so",
    };

    /// <summary>The fixture cache root.</summary>
    public static string Root =>
        Path.Combine(Environment.GetEnvironmentVariable("GOBOOTCHECK_CACHE") is { Length: > 0 } c ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gobootcheck"), "fixtures");

    /// <summary>The path of a fixture; fails the test if it has not been built.</summary>
    public static string PathOf(string version, string variant)
    {
        string path = Path.Combine(Root, "go" + version, variant, Variants[variant]);
        if (!File.Exists(path))
        {
            Assert.Fail($"fixture go{version}/{variant} is missing at {path}; build it with: " +
                $"GOBOOTCHECK_GO_VERSIONS=\"{version}\" test/fixtures/build-go-fixtures.sh");
        }
        return path;
    }

    /// <summary>The bytes of a fixture (a fresh copy: fault-injection tests patch it).</summary>
    public static byte[] Bytes(string version, string variant) => File.ReadAllBytes(PathOf(version, variant));

    /// <summary>Every version, as MSTest data rows.</summary>
    public static IEnumerable<object[]> VersionRows() => Versions.Select(v => new object[] { v });

    /// <summary>Every version × variant pair, as MSTest data rows.</summary>
    public static IEnumerable<object[]> All() =>
        from v in Versions from variant in Variants.Keys select new object[] { v, variant };
}
