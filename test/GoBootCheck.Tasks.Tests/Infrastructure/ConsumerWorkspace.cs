using System.Diagnostics;
using System.Text;

namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>
/// A throwaway place to build consumer projects against a freshly packed GoBootCheck package: the package is packed
/// from this clone into the workspace (never stale), and restored into the workspace's own NUGET_PACKAGES folder, so a
/// GoBootCheck package of the same version cached by an earlier run is never used.
/// </summary>
internal sealed class ConsumerWorkspace : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private ConsumerWorkspace(string root) => Root = root;

    public string Root { get; }

    public string PackagesFolder => Path.Combine(Root, "packages");

    public string NuGetCache => Path.Combine(Root, "nuget-cache");

    public string Version { get; private set; } = "";

    /// <summary>The packed .nupkg.</summary>
    public string Package { get; private set; } = "";

    private static readonly Lazy<ConsumerWorkspace> s_shared = new(Create);

    /// <summary>
    /// One workspace for every test class of the assembly (packing takes minutes on a busy machine); disposed by
    /// <see cref="SharedWorkspaceCleanup"/>. Test classes place their projects under their own folder names.
    /// </summary>
    public static ConsumerWorkspace Shared => s_shared.Value;

    /// <summary>Disposes the shared workspace if a test created it.</summary>
    public static void DisposeShared()
    {
        if (s_shared.IsValueCreated) s_shared.Value.Dispose();
    }

    /// <summary>Packs the package from the repository into a new workspace.</summary>
    public static ConsumerWorkspace Create()
    {
        var workspace = new ConsumerWorkspace(Path.Combine(Path.GetTempPath(), "gbc-consumer-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(workspace.Root);
        string repository = RepositoryRoot();
        var pack = workspace.Run(repository, "dotnet", "pack", Path.Combine(repository, "src", "Tasks", "GoBootCheck.Package", "GoBootCheck.Package.csproj"),
            "-c", "Release", "-o", workspace.PackagesFolder, "-nodeReuse:false");
        if (pack.ExitCode != 0) Assert.Fail($"dotnet pack failed ({pack.ExitCode}):{Environment.NewLine}{pack.Output}");
        workspace.Package = Directory.GetFiles(workspace.PackagesFolder, "GoBootCheck.*.nupkg").Single();
        workspace.Version = Path.GetFileNameWithoutExtension(workspace.Package)["GoBootCheck.".Length..];
        File.WriteAllText(Path.Combine(workspace.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <!-- The freshly packed package first; the machine's own feeds (user and machine NuGet.Config) still apply. -->
              <packageSources>
                <add key="gobootcheck-local" value="{workspace.PackagesFolder}" />
              </packageSources>
            </configuration>
            """);
        return workspace;
    }

    /// <summary>A project referencing only the package and listing <paramref name="binaries"/> as GoBootCheckBinary items.</summary>
    public string CreateProject(string name, IEnumerable<string> binaries, string extraProperties = "")
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        var items = new StringBuilder();
        foreach (string binary in binaries) items.AppendLine($"""    <GoBootCheckBinary Include="{binary}" />""");
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GoBootCheck" Version="{Version}" />
              </ItemGroup>
              <ItemGroup>
            {items}  </ItemGroup>
            </Project>
            """);
        return directory;
    }

    /// <summary>Runs a command with the workspace's NuGet cache; output is stdout and stderr interleaved.</summary>
    public CommandResult Run(string workingDirectory, string fileName, params string[] arguments) =>
        RunWith(workingDirectory, null, fileName, arguments);

    /// <summary>
    /// Copies samples/<paramref name="sample"/> (without bin/ and obj/) and the samples' Directory.*.props into the
    /// workspace as <paramref name="copyName"/>, below the workspace's nuget.config; returns the copy's folder.
    /// </summary>
    public string CopySample(string sample, string? copyName = null)
    {
        string samples = Path.Combine(RepositoryRoot(), "samples");
        string parent = Path.Combine(Root, "samples");
        Directory.CreateDirectory(parent);
        foreach (string props in Directory.GetFiles(samples, "Directory.*.props")) File.Copy(props, Path.Combine(parent, Path.GetFileName(props)), overwrite: true);
        // samples/Directory.Build.props imports ../version.props (the repository's one place of the version): the same
        // layout here, so a copied sample references the package this workspace packed.
        File.Copy(Path.Combine(RepositoryRoot(), "version.props"), Path.Combine(Root, "version.props"), overwrite: true);
        string source = Path.Combine(samples, sample);
        string target = Path.Combine(parent, copyName ?? sample);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <summary>As <see cref="Run"/>, with environment variables set (a null value removes one).</summary>
    public CommandResult RunWith(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NUGET_PACKAGES"] = NuGetCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // The test host's own MSBuild variables must not leak into the child build.
        foreach (string inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
            start.Environment.Remove(inherited);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish in {CommandTimeout}:{Environment.NewLine}{output}");
        }
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString(), clock.Elapsed);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the system.
        }
    }

    /// <summary>The GoBootCheck clone these tests run from (the directory of GoBootCheck.sln).</summary>
    public static string RepositoryRootDirectory => RepositoryRoot();

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GoBootCheck.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"GoBootCheck.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>Exit code, output and duration of one command.</summary>
internal sealed record CommandResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>
    /// Distinct output lines containing <paramref name="text"/> (the console logger repeats errors in its summary, and at
    /// -v:n prefixes the first copy with the node, "1&gt;", so that prefix is dropped before comparing).
    /// </summary>
    public List<string> DistinctLinesWith(string text) =>
        [.. Output.Split('\n').Select(l => NodePrefix.Replace(l.TrimEnd('\r').Trim(), "")).Where(l => l.Contains(text, StringComparison.Ordinal)).Distinct()];

    private static readonly System.Text.RegularExpressions.Regex NodePrefix = new(@"^\d+(:\d+)?>");
}
