namespace GoBootCheck.Tests.Support;

/// <summary>
/// Real Go release binaries gathered from Debian and npm packages into ${GOBOOTCHECK_CACHE}/release with a
/// manifest.tsv (name, version, source, path, goversion, …). A missing manifest fails the test loudly.
/// </summary>
internal static class ReleaseBinaries
{
    public sealed record Entry(string Name, string Version, string Path, string GoVersion, string Kind)
    {
        public override string ToString() => $"{Name} {Version} ({GoVersion}, {Kind})";
    }

    public static string Root => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Fixtures.Root)!, "release");

    public static IReadOnlyList<Entry> All()
    {
        string manifest = System.IO.Path.Combine(Root, "manifest.tsv");
        if (!File.Exists(manifest))
            Assert.Fail($"the release binaries are missing: {manifest} does not exist; gather them as test/release-binaries/ describes");
        return [.. File.ReadAllLines(manifest).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(f => new Entry(f[0], f[1], System.IO.Path.Combine(Root, f[3]), f[4], f[10]))];
    }
}
