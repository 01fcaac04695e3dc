using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace GoBootCheck.Rules.Analyzers.Tests.ConsumerBuild;

/// <summary>
/// A throwaway folder with GoBootCheck.Sdk packed from this clone (analyzer included) and restored into the folder's own
/// NUGET_PACKAGES, so a GoBootCheck.Sdk 0.1.0 cached by an earlier run is never used; rule-pack projects built there
/// reference the package as an author's project does.
/// </summary>
internal sealed class SdkPackWorkspace : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private SdkPackWorkspace(string root) => Root = root;

    public string Root { get; }

    public string Version { get; private set; } = "";

    public string Package { get; private set; } = "";

    private string PackagesFolder => Path.Combine(Root, "packages");

    public static SdkPackWorkspace Create()
    {
        var workspace = new SdkPackWorkspace(Path.Combine(Path.GetTempPath(), "gbc-rulepack-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(workspace.Root);
        string repository = RepositoryRoot;
        var pack = workspace.Run(repository, "dotnet", "pack", Path.Combine(repository, "src", "Rules", "GoBootCheck.Sdk", "GoBootCheck.Sdk.csproj"),
            "-c", "Release", "-o", workspace.PackagesFolder, "-nodeReuse:false");
        if (pack.ExitCode != 0) Assert.Fail($"dotnet pack failed ({pack.ExitCode}):{Environment.NewLine}{pack.Output}");
        workspace.Package = Directory.GetFiles(workspace.PackagesFolder, "GoBootCheck.Sdk.*.nupkg").Single();
        workspace.Version = Path.GetFileNameWithoutExtension(workspace.Package)["GoBootCheck.Sdk.".Length..];
        File.WriteAllText(Path.Combine(workspace.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="gobootcheck-local" value="{workspace.PackagesFolder}" />
              </packageSources>
            </configuration>
            """);
        // The workspace stands alone: no Directory.Build.props or central package versions of any folder above it.
        File.WriteAllText(Path.Combine(workspace.Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(workspace.Root, "Directory.Packages.props"), "<Project />");
        return workspace;
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "GoBootCheck.sln"))) return directory.FullName;
            }
            throw new InvalidOperationException($"GoBootCheck.sln not found above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>
    /// A rule-pack project referencing GoBootCheck.Sdk with <paramref name="files"/>; with <paramref name="roslyn414"/> it
    /// compiles with Microsoft.Net.Compilers.Toolset 4.14.0 (SDK 10 uses the package only when asked, and Roslyn 4.14
    /// knows C# 13 at most).
    /// </summary>
    public string CreatePack(string name, IEnumerable<(string Path, string Text)> files, bool roslyn414)
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        string toolset = roslyn414
            ? """<PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />"""
            : "";
        string compiler = roslyn414 ? "<RoslynCompilerType>Package</RoslynCompilerType><LangVersion>12</LangVersion>" : "";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {compiler}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GoBootCheck.Sdk" Version="{Version}" />
                {toolset}
              </ItemGroup>
            </Project>
            """);
        foreach (var (path, text) in files)
        {
            string target = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }
        return directory;
    }

    /// <summary>
    /// A copy of samples/RulePack/Acme.GoRules referencing the packed Sdk, as its authors build it (net8.0, warnings as
    /// errors); with <paramref name="roslyn414"/> compiled by Microsoft.Net.Compilers.Toolset 4.14.0.
    /// </summary>
    public string CopySamplePack(string name, bool roslyn414)
    {
        string source = Path.Combine(RepositoryRoot, "samples", "RulePack", "Acme.GoRules");
        string directory = Path.Combine(Root, name);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            string target = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        string project = Path.Combine(directory, "Acme.GoRules.csproj");
        string text = File.ReadAllText(project);
        const string reference = "<PackageReference Include=\"GoBootCheck.Sdk\" Version=\"";
        int at = text.IndexOf(reference, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, at, "the sample pack references GoBootCheck.Sdk");
        int end = text.IndexOf('"', at + reference.Length);
        File.WriteAllText(project, text[..(at + reference.Length)] + Version + text[end..]);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), roslyn414 ? """
            <Project>
              <PropertyGroup>
                <RoslynCompilerType>Package</RoslynCompilerType>
                <LangVersion>12</LangVersion>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """ : "<Project />");
        return directory;
    }

    /// <summary>Runs a command with the workspace's NuGet cache; output is stdout and stderr interleaved.</summary>
    public BuildResult Run(string workingDirectory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (string inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
            start.Environment.Remove(inherited);
        var output = new StringBuilder();
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
        return new BuildResult(process.ExitCode, output.ToString());
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
}

/// <summary>Exit code and output of one command.</summary>
internal sealed partial record BuildResult(int ExitCode, string Output)
{
    /// <summary>The distinct compiler diagnostics of the build with an id starting so: "File.cs(line,col): warning ID".</summary>
    public List<string> Diagnostics(string idPrefix) =>
        [.. Output.Split('\n').Select(l => NodePrefix().Replace(l.Trim(), ""))
            .Select(l => DiagnosticLine().Match(l))
            .Where(m => m.Success && m.Groups["id"].Value.StartsWith(idPrefix, StringComparison.Ordinal))
            .Select(m => $"{Path.GetFileName(m.Groups["file"].Value)}({m.Groups["line"].Value}): {m.Groups["severity"].Value} {m.Groups["id"].Value}")
            .Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^\d+(:\d+)?>")]
    private static partial Regex NodePrefix();

    [GeneratedRegex(@"^(?<file>[^(]+)\((?<line>\d+),\d+\): (?<severity>warning|error) (?<id>[A-Z]+\d+):")]
    private static partial Regex DiagnosticLine();
}
