using System.Globalization;

namespace GoBootCheck.Tasks.GoBuild;

/// <summary>
/// One GoProgram item after the targets resolved its defaults (_GoBootCheckResolveGoPrograms): a Go package directory,
/// where its output goes and how <c>go build</c> is to make it. Invalid metadata is a problem value, never an exception.
/// </summary>
internal sealed record GoProgram(
    string Directory,
    string OutputPath,
    string? HeaderPath,
    string BuildMode,
    bool? Cgo,
    string GoOS,
    string GoArch,
    string? GoAmd64,
    string? Tags,
    string? LdFlags,
    string? GcFlags,
    bool TrimPath,
    bool BuildVcs,
    IReadOnlyList<string> ExtraArguments,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string? GoCommand)
{
    /// <summary>Build modes go build knows and GoBuild accepts; "default" is go's own default (exe for a main package).</summary>
    public static readonly IReadOnlySet<string> BuildModes = new HashSet<string>(StringComparer.Ordinal)
    {
        "default", "exe", "pie", "c-shared", "c-archive",
    };

    /// <summary>Reads an item's metadata (names as in docs/configuration.md); null with problems if any value is invalid.</summary>
    public static GoProgram? TryCreate(string itemSpec, Func<string, string> metadata, List<string> problems)
    {
        int before = problems.Count;
        string directory = metadata("FullPath");
        if (directory.Length == 0) directory = Path.GetFullPath(itemSpec);
        directory = Path.TrimEndingDirectorySeparator(directory);
        if (!System.IO.Directory.Exists(directory))
            problems.Add($"GoProgram '{itemSpec}': the directory {directory} does not exist (Include is the Go package's directory)");

        string output = metadata("OutputPath");
        if (output.Length == 0) problems.Add($"GoProgram '{itemSpec}': no OutputPath");

        string mode = Value(metadata("BuildMode")) ?? "default";
        if (!BuildModes.Contains(mode))
            problems.Add($"GoProgram '{itemSpec}': BuildMode '{mode}' is not one of {string.Join(", ", BuildModes.Order(StringComparer.Ordinal))}");

        bool? cgo = Bool(itemSpec, "Cgo", metadata("Cgo"), problems);
        bool trimPath = Bool(itemSpec, "TrimPath", metadata("TrimPath"), problems) ?? false;
        bool buildVcs = Bool(itemSpec, "BuildVcs", metadata("BuildVcs"), problems) ?? false;

        var environment = new List<KeyValuePair<string, string>>();
        foreach (string pair in Split(metadata("Environment")))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) problems.Add($"GoProgram '{itemSpec}': Environment entry '{pair}' is not NAME=value");
            else environment.Add(new(pair[..equals].Trim(), pair[(equals + 1)..]));
        }

        if (problems.Count > before) return null;
        string? header = Value(metadata("HeaderPath"));
        return new GoProgram(
            directory,
            Path.GetFullPath(output),
            header is null ? null : Path.GetFullPath(header),
            mode,
            cgo,
            Value(metadata("GoOS")) ?? "linux",
            Value(metadata("GoArch")) ?? "amd64",
            Value(metadata("GoAmd64")),
            Value(metadata("Tags")),
            Value(metadata("LdFlags")),
            Value(metadata("GcFlags")),
            trimPath,
            buildVcs,
            [.. Split(metadata("BuildArguments"))],
            environment,
            Value(metadata("GoCommand")));
    }

    /// <summary>The arguments of <c>go build</c>, run in <see cref="Directory"/>.</summary>
    public IReadOnlyList<string> BuildArguments()
    {
        var arguments = new List<string> { "build", "-o", OutputPath };
        if (BuildMode != "default") arguments.Add("-buildmode=" + BuildMode);
        if (TrimPath) arguments.Add("-trimpath");
        arguments.Add("-buildvcs=" + (BuildVcs ? "true" : "false"));
        arguments.AddRange(FlagsThatChangeTheFileSet());
        if (LdFlags is not null) arguments.Add("-ldflags=" + LdFlags);
        if (GcFlags is not null) arguments.Add("-gcflags=" + GcFlags);
        arguments.AddRange(ExtraArguments);
        arguments.Add(".");
        return arguments;
    }

    /// <summary>Flags of both go list and go build: they decide which files belong to the packages.</summary>
    public IReadOnlyList<string> FlagsThatChangeTheFileSet() => Tags is null ? [] : ["-tags=" + Tags];

    /// <summary>Variables set for go list and go build on top of the build's environment.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentOverrides()
    {
        var overrides = new List<KeyValuePair<string, string>> { new("GOOS", GoOS), new("GOARCH", GoArch) };
        if (GoAmd64 is not null) overrides.Add(new("GOAMD64", GoAmd64));
        // c-shared and c-archive need cgo: asked for them, it is on unless Cgo says otherwise (then go says why).
        bool? cgo = Cgo ?? (BuildMode is "c-shared" or "c-archive" ? true : null);
        if (cgo is bool on) overrides.Add(new("CGO_ENABLED", on ? "1" : "0"));
        overrides.AddRange(Environment);
        return overrides;
    }

    /// <summary>True if GoBootCheck can verify the output (a linux/amd64 ELF).</summary>
    public bool IsVerifiable => GoOS == "linux" && GoArch == "amd64" && BuildMode != "c-archive";

    private static string? Value(string raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();

    private static IEnumerable<string> Split(string raw) =>
        raw.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool? Bool(string itemSpec, string name, string raw, List<string> problems)
    {
        if (Value(raw) is not { } value) return null;
        if (bool.TryParse(value, out bool b)) return b;
        problems.Add(string.Create(CultureInfo.InvariantCulture, $"GoProgram '{itemSpec}': {name} is '{value}', expected true or false"));
        return null;
    }
}
