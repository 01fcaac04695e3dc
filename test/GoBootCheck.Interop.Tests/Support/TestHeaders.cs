using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Interop.Tests.Support;

/// <summary>
/// The cgo headers the tests read: real headers written by real Go toolchains for test/fixtures/go/libcgotypes. The
/// old release's header is committed (CI has no old toolchain); the new releases' are built into the fixture cache by
/// test/fixtures/build-go-fixtures.sh (variant c-shared-types) beside their library.
/// </summary>
public static class TestHeaders
{
    /// <summary>
    /// The committed header the analyzer tests compare messages against (go1.19). The older go1.10.8 header, built from
    /// source (test/fixtures/source-built), is parsed with the others (<see cref="All"/>); its parameters are named
    /// p0, p1, … (cgo before go1.11 does not keep Go's names), which the message tests do not expect.
    /// </summary>
    public const string OldRelease = "go1.19";

    /// <summary>Every committed header: go1.10.8 (built from source) and go1.19.</summary>
    public static readonly string[] CommittedReleases = ["go1.10", "go1.19"];

    /// <summary>The newest toolchain of the fixture cache.</summary>
    public const string NewRelease = "go1.27";

    /// <summary>Path of the committed header of <paramref name="toolchain"/> (e.g. "go1.19").</summary>
    public static string Committed(string toolchain)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Headers", toolchain, "libcgotypes.h");
        if (!File.Exists(path)) throw new AssertFailedException($"committed header {path} is missing");
        return path;
    }

    /// <summary>The toolchains test/fixtures/build-go-fixtures.sh builds the c-shared-types variant with.</summary>
    public static readonly string[] Toolchains = ["go1.15", "go1.19", "go1.21", "go1.22", "go1.23", "go1.24", "go1.25", "go1.26", "go1.27"];

    /// <summary>
    /// Path of the header cgo wrote beside the fixture cache's libcgotypes.so of <paramref name="toolchain"/>. Read from
    /// its place in the cache rather than through the manifest: the header is not a binary of the manifest.
    /// </summary>
    public static string Generated(string toolchain)
    {
        string path = Path.Combine(Fixtures.Cache, "fixtures", toolchain, "c-shared-types", "libcgotypes.h");
        if (!File.Exists(path)) throw new AssertFailedException($"{path} is missing; run: bash test/fixtures/build-go-fixtures.sh");
        return path;
    }

    /// <summary>The header of an old release and of a new one: (label, path) rows for [DynamicData].</summary>
    public static IEnumerable<object[]> OldAndNew =>
    [
        [OldRelease + " (committed)", Committed(OldRelease)],
        [NewRelease + " (fixture cache)", Generated(NewRelease)],
    ];

    /// <summary>Every header: the committed ones and one per toolchain of the fixture cache.</summary>
    public static IEnumerable<object[]> All =>
        CommittedReleases.Select(r => new object[] { r + " (committed)", Committed(r) })
            .Concat(Toolchains.Select(t => new object[] { t, Generated(t) }));
}
