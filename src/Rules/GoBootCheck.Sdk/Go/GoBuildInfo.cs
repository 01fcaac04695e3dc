namespace GoBootCheck.Sdk;

/// <summary>A module line of the build info (path, version, sum).</summary>
/// <param name="Path">Module path.</param>
/// <param name="Version">Version, "(devel)" for the main module built from a work tree.</param>
/// <param name="Sum">go.sum hash, if recorded.</param>
public sealed record GoModule(string Path, string Version, string? Sum);

/// <summary>
/// The build information the Go toolchain embeds (runtime/debug.BuildInfo): version, main package and module,
/// dependencies and build settings (-buildmode, -trimpath, -race, CGO_ENABLED, GOAMD64, vcs.*…).
/// </summary>
public sealed record GoBuildInfo
{
    /// <summary>The Go version string, e.g. "go1.22.12".</summary>
    public string GoVersion { get; init; } = "";

    /// <summary>The main package path ("path" line), if recorded.</summary>
    public string? Path { get; init; }

    /// <summary>The main module, if recorded.</summary>
    public GoModule? MainModule { get; init; }

    /// <summary>Dependencies ("dep" lines, with "=&gt;" replacements applied), in order.</summary>
    public IReadOnlyList<GoModule> Dependencies { get; init; } = [];

    /// <summary>Build settings ("build" lines), values unquoted, in order (Go ≥ 1.18; empty before).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>Where it was read: ".go.buildinfo", "data segment" or "runtime.buildVersion".</summary>
    public string Source { get; init; } = "";

    /// <summary>A build setting's value ("-trimpath", "GOAMD64", "-race"), or null if not recorded.</summary>
    public string? Setting(string key) => Settings.LastOrDefault(kv => kv.Key == key).Value;
}
