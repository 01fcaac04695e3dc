using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>
/// A directory to put first on PATH whose "go" records each invocation (its arguments, one line) and then runs the
/// fixture cache's Go toolchain: the log proves from outside which go processes a build started.
/// </summary>
internal sealed class GoWrapper
{
    /// <summary>The Go toolchain the samples are built with (the README's setup fetches it the same way).</summary>
    public const string Toolchain = "1.22";

    public GoWrapper(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        Directory = directory;
        Log = Path.Combine(directory, "invocations.log");
        string go = Path.Combine(GoRoot, "bin", "go");
        Assert.IsTrue(File.Exists(go), $"no Go {Toolchain} toolchain at {go}; run: bash test/fixtures/fetch-go-toolchains.sh");
        string script = Path.Combine(directory, "go");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$*\" >> '{Log}'\nexec '{go}' \"$@\"\n");
        if (OperatingSystem.IsWindows()) Assert.Fail("the sample tests build linux/amd64 Go programs with a shell wrapper: Linux only");
        else File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Log, "");
    }

    /// <summary>GOROOT of the toolchain in the fixture cache.</summary>
    public static string GoRoot => Path.Combine(Fixtures.Cache, "toolchains", "go" + Toolchain, "usr", "lib", "go-" + Toolchain);

    public string Directory { get; }

    public string Log { get; }

    /// <summary>The invocations so far ("list -e -deps …", "build -o …").</summary>
    public List<string> Invocations => [.. File.ReadAllLines(Log).Where(l => l.Length > 0)];

    /// <summary>PATH with this wrapper first and no GOROOT, for <see cref="ConsumerWorkspace.RunWith"/>.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        ["PATH"] = Directory + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
        ["GOROOT"] = null,
        ["GOFLAGS"] = null,
    };
}
