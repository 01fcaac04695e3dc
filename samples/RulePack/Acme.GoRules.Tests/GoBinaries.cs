namespace Acme.GoRules.Tests;

/// <summary>
/// Go binaries to test against. Here: GoBootCheck's fixture cache (built by its test/fixtures scripts); in your
/// repository, the binaries your build produces or a few checked-in ones.
/// </summary>
internal static class GoBinaries
{
    public static string Get(string toolchain, string variant, string program = "hello")
    {
        string cache = Environment.GetEnvironmentVariable("GOBOOTCHECK_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gobootcheck");
        string path = Path.Combine(cache, "fixtures", toolchain, variant, program);
        return File.Exists(path) ? path : throw new AssertFailedException($"no Go binary at {path}: run test/fixtures/build-go-fixtures.sh of GoBootCheck first");
    }
}
