using System.Diagnostics;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>
/// Builds a Go program with one of the Debian toolchains the fixture scripts fetched (toolchains/manifest.tsv of the
/// fixture cache), in a clean environment like build-go-fixtures.sh's: no GOFLAGS, no network, no toolchain switch.
/// </summary>
internal static class GoBuild
{
    /// <summary>GOROOT of toolchain <paramref name="minor"/> (e.g. "go1.22"); fails with the command that fetches it.</summary>
    public static string GoRoot(string minor)
    {
        string manifest = Path.Combine(Fixtures.Cache, "toolchains", "manifest.tsv");
        Assert.IsTrue(File.Exists(manifest), $"{manifest} is missing; run: bash test/fixtures/fetch-go-toolchains.sh");
        var row = File.ReadAllLines(manifest).Skip(1).Select(l => l.Split('\t'))
            .FirstOrDefault(c => c.Length >= 4 && (c[0] == minor || c[0].StartsWith(minor + ".", StringComparison.Ordinal)));
        Assert.IsNotNull(row, $"no {minor} toolchain in {manifest}; run: bash test/fixtures/fetch-go-toolchains.sh");
        Assert.IsTrue(File.Exists(Path.Combine(row[3], "bin", "go")), $"{row[3]}/bin/go is missing; run: bash test/fixtures/fetch-go-toolchains.sh");
        return row[3];
    }

    /// <summary>Copies the fixture program <paramref name="program"/> (test/fixtures/go/&lt;program&gt;) to <paramref name="destination"/>.</summary>
    public static void CopyProgram(string program, string destination)
    {
        string source = Path.Combine(ConsumerWorkspace.RepositoryRootDirectory, "test", "fixtures", "go", program);
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
    }

    /// <summary>Runs <c>go build [flags] -o output .</c> in <paramref name="directory"/> with CGO off; fails with the output if it fails.</summary>
    public static void Build(string goRoot, string directory, string output, params string[] flags)
    {
        var start = new ProcessStartInfo(Path.Combine(goRoot, "bin", "go")) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "build", "-buildvcs=false" }.Concat(flags).Concat(["-o", output, "."])) start.ArgumentList.Add(a);
        start.Environment.Clear();
        string minor = Path.GetFileName(goRoot).Replace("go-", "go", StringComparison.Ordinal);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["PATH"] = $"{goRoot}/bin:/usr/bin:/bin",
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root",
            ["GOROOT"] = goRoot,
            ["GOCACHE"] = Path.Combine(Fixtures.Cache, "gocache", minor),
            ["GOPATH"] = Path.Combine(Fixtures.Cache, "gopath"),
            ["GOTOOLCHAIN"] = "local", ["GOPROXY"] = "off", ["GOSUMDB"] = "off", ["GOFLAGS"] = "", ["GOWORK"] = "off",
            ["GOENV"] = "off", ["GO111MODULE"] = "on", ["GOOS"] = "linux", ["GOARCH"] = "amd64", ["CGO_ENABLED"] = "0",
        }) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"go build in {directory} failed:\n{stdout}{stderr.Result}");
    }
}
