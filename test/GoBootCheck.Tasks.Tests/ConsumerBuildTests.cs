using System.Text.Json;
using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// Packs the GoBootCheck package and builds throwaway projects that reference it with a real <c>dotnet build</c>,
/// as a user would: the task must load from the package, verify every binary, and never let an exception reach MSBuild.
/// </summary>
[TestClass]
public sealed partial class ConsumerBuildTests
{
    private static ConsumerWorkspace? s_workspace;

    public TestContext TestContext { get; set; } = null!;

    private static ConsumerWorkspace Workspace => s_workspace ?? throw new InvalidOperationException("the package was not packed");

    [ClassInitialize]
    public static void Pack(TestContext _) => s_workspace = ConsumerWorkspace.Shared;

    private CommandResult Dotnet(string project, params string[] arguments)
    {
        var result = Workspace.Run(project, "dotnet", arguments);
        TestContext.WriteLine($"dotnet {string.Join(' ', arguments)} → {result.ExitCode} in {result.Elapsed.TotalSeconds:F1} s");
        TestContext.WriteLine(result.Output);
        Assert.DoesNotContain("MSB4018", result.Output, "an exception reached MSBuild");
        Assert.DoesNotContain("MSB4062", result.Output, "the task could not be loaded from the package");
        // Every SARIF log a build wrote validates against the SARIF 2.1.0 schema, whether or not the test reads it.
        // (The NuGet cache holds packages' own .sarif documentation, which is not a log of this build.)
        foreach (string log in Directory.EnumerateFiles(Workspace.Root, "*.sarif", SearchOption.AllDirectories)
                     .Where(f => !f.StartsWith(Workspace.NuGetCache + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            SarifSchema.ParseFile(log);
        return result;
    }

    private static JsonElement ReadSarif(string path)
    {
        Assert.IsTrue(File.Exists(path), $"no SARIF log at {path}");
        return SarifSchema.ParseFile(path);
    }

    /// <summary>The artifacts' absolute paths, resolving relative URIs against the log's own %SRCROOT%.</summary>
    private static List<string> ArtifactPaths(JsonElement sarif, string projectDirectory)
    {
        var run = sarif.GetProperty("runs")[0];
        string root = run.TryGetProperty("originalUriBaseIds", out var bases)
            ? new Uri(bases.GetProperty("%SRCROOT%").GetProperty("uri").GetString()!).LocalPath
            : projectDirectory;
        return [.. run.GetProperty("artifacts").EnumerateArray().Select(a =>
        {
            var location = a.GetProperty("location");
            string uri = location.GetProperty("uri").GetString()!;
            return location.TryGetProperty("uriBaseId", out _)
                ? Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(uri)))
                : new Uri(uri).LocalPath;
        })];
    }

    /// <summary>
    /// The smallest stripped release binary of each pclntab layout (Go 1.2–1.15, 1.16–1.17, 1.18–1.19, 1.20+):
    /// real programs as distributions ship them, while the consumer build stays quick.
    /// </summary>
    private static IEnumerable<string> StrippedReleaseBinaryPerPclntabLayout()
    {
        var picked = Fixtures.Release
            .Where(r => r.Stripped && System.Text.RegularExpressions.Regex.IsMatch(r.GoVersion, @"^go1\.\d+"))
            .GroupBy(r => PclntabEra(r.GoVersion))
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(r => new FileInfo(r.Path).Length).First().Path)
            .ToList();
        Assert.HasCount(4, picked, "the release manifest must cover the four pclntab layouts with stripped binaries");
        return picked;
    }

    private static int PclntabEra(string goVersion)
    {
        int minor = int.Parse(System.Text.RegularExpressions.Regex.Match(goVersion, @"^go1\.(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return minor switch { <= 15 => 0, <= 17 => 1, <= 19 => 2, _ => 3 };
    }

    [TestMethod]
    public void Build_RealGoBinariesOfSeveralVersions_IsGreenWithOneSummaryPerBinaryAndSarifListingEvery()
    {
        string[] binaries =
        [
            Fixtures.Get("go1.19", "default").Path,
            Fixtures.Get("go1.21", "cgo").Path,
            Fixtures.Get("go1.22", "stripped").Path,
            Fixtures.Get("go1.23", "pie").Path,
            Fixtures.Get("go1.24", "cgo-stripped").Path,
            Fixtures.Get("go1.25", "default").Path,
            .. StrippedReleaseBinaryPerPclntabLayout(),
        ];
        string project = Workspace.CreateProject("RealBinaries", binaries);

        var build = Dotnet(project, "build");

        Assert.AreEqual(0, build.ExitCode, build.Output);
        foreach (string binary in binaries)
            Assert.HasCount(1, build.DistinctLinesWith($"GoBootCheck: {binary}: go"), $"summary line of {binary}");
        Assert.HasCount(1, build.DistinctLinesWith($"GoBootCheck: {binaries.Length} binaries verified, 0 errors, "));
        var sarif = ReadSarif(Path.Combine(project, "obj", "Debug", "net10.0", "GoBootCheck.sarif"));
        CollectionAssert.AreEqual(binaries, ArtifactPaths(sarif, project));
        Assert.AreEqual("GoBootCheck", sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
    }

    [TestMethod]
    public void Build_BrokenAndForeignInputs_OneDiagnosticEachNamingTheFile()
    {
        string inputs = Path.Combine(Workspace.Root, "inputs");
        Directory.CreateDirectory(inputs);
        string text = TestFiles.Text(inputs);
        string truncated = TestFiles.Truncated(inputs, Fixtures.Get("go1.22", "default").Path);
        string arm = TestFiles.Arm64Elf(inputs);
        string good = Fixtures.Get("go1.22", "default").Path;
        string project = Workspace.CreateProject("BrokenInputs", [text, truncated, arm, good]);

        var build = Dotnet(project, "build");

        Assert.AreNotEqual(0, build.ExitCode);
        Assert.HasCount(2, build.DistinctLinesWith(": GoBootCheck error GBC"), "exactly one error per broken file");
        Assert.HasCount(1, build.DistinctLinesWith(": GoBootCheck warning GBC"), "exactly one warning, for the arm64 file");
        Assert.HasCount(1, build.DistinctLinesWith($"{text} : GoBootCheck error GBC1002: "));
        Assert.HasCount(1, build.DistinctLinesWith($"{truncated} : GoBootCheck error GBC1003: "));
        Assert.HasCount(1, build.DistinctLinesWith($"{arm} : GoBootCheck warning GBC1004: "));
        Assert.HasCount(1, build.DistinctLinesWith($"GoBootCheck: {good}: go1.22."));
        Assert.HasCount(1, build.DistinctLinesWith("GoBootCheck: 4 binaries verified, 2 errors, 1 warning"));
        var sarif = ReadSarif(Path.Combine(project, "obj", "Debug", "net10.0", "GoBootCheck.sarif"));
        CollectionAssert.AreEqual(new[] { text, truncated, arm, good }, ArtifactPaths(sarif, project));
    }

    [TestMethod]
    public void MSBuildTargetAlone_StrictPolicy_TurnsTheArm64WarningIntoAnError()
    {
        string inputs = Path.Combine(Workspace.Root, "strict");
        Directory.CreateDirectory(inputs);
        string arm = TestFiles.Arm64Elf(inputs);
        string sarif = Path.Combine(inputs, "out", "strict.sarif");
        string project = Workspace.CreateProject("Strict", [arm], $"<GoBootCheckSarifFile>{sarif}</GoBootCheckSarifFile>");

        var restore = Dotnet(project, "restore");
        Assert.AreEqual(0, restore.ExitCode, restore.Output);
        var check = Dotnet(project, "msbuild", "-t:GoBootCheck", "-p:GoBootCheckTreatUnverifiableAsError=true");

        Assert.AreNotEqual(0, check.ExitCode);
        Assert.HasCount(1, check.DistinctLinesWith($"{arm} : GoBootCheck error GBC1004: "));
        Assert.IsEmpty(check.DistinctLinesWith("warning GBC1004"));
        Assert.IsFalse(Directory.Exists(Path.Combine(project, "bin")), "-t:GoBootCheck must not build the project");
        CollectionAssert.AreEqual(new[] { arm }, ArtifactPaths(ReadSarif(sarif), project));
    }

    [TestMethod]
    public void Package_ShipsTaskWithDependenciesAndMSBuildFiles_ButNoMSBuildAssemblies()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(Workspace.Package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();

        // The task sits in tasks/net8.0/<hash>/, named by build/GoBootCheck.TaskFolder.props (see TaskFolderTests).
        string folder = entries.Single(e => e.EndsWith("/GoBootCheck.Tasks.dll", StringComparison.Ordinal))[..^"GoBootCheck.Tasks.dll".Length];
        StringAssert.Matches(folder, new System.Text.RegularExpressions.Regex("^tasks/net8.0/[0-9a-f]{16}/$"));
        foreach (string expected in new[]
        {
            "build/GoBootCheck.props", "build/GoBootCheck.targets", "build/GoBootCheck.TaskFolder.props", "README.md",
            folder + "GoBootCheck.Tasks.dll", folder + "GoBootCheck.Rules.dll", folder + "Iced.dll", folder + "LibObjectFile.dll",
        })
        {
            CollectionAssert.Contains(entries, expected);
        }
        Assert.IsEmpty(entries.Where(e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase)).ToList());
        Assert.IsEmpty(entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).ToList(), "a build-only package has no lib folder");
        using var nuspec = new StreamReader(zip.GetEntry("GoBootCheck.nuspec")!.Open());
        var metadata = System.Xml.Linq.XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.AreEqual("GoBootCheck", Value("id"));
        Assert.AreEqual(Workspace.Version, Value("version"));
        Assert.AreEqual("true", Value("developmentDependency"));
        Assert.AreEqual("MIT", Value("license"));
        Assert.AreEqual("README.md", Value("readme"));
    }

    [TestMethod]
    public void Build_FaultyAndSampleRulePacks_BuildNamesEachMisbehavingRuleAndPackOnce_BuiltInAndSampleRulesStillReport()
    {
        string faulty = Path.Combine(AppContext.BaseDirectory, "packs", "FaultyRulePack", "FaultyRulePack.dll");
        string sample = Path.Combine(AppContext.BaseDirectory, "packs", "Acme.GoRules", "Acme.GoRules.dll");
        string[] binaries = [Fixtures.Get("go1.22", "default").Path, Fixtures.Get("go1.24", "pie").Path];
        string project = Workspace.CreateProject("RulePacks", binaries,
            $"""
            <GoBootCheckRuleTimeBudgetSeconds>0.5</GoBootCheckRuleTimeBudgetSeconds>
            <!-- Both binaries side by side (the default): the pack is still skipped on the second, as in input order. -->
            <GoBootCheckParallelism>2</GoBootCheckParallelism>
              </PropertyGroup>
              <ItemGroup>
                <GoBootCheckRulePack Include="{faulty}" />
                <GoBootCheckRulePack Include="{sample}" />
              </ItemGroup>
              <PropertyGroup>
            """);

        var build = Dotnet(project, "build");

        Assert.AreNotEqual(0, build.ExitCode, build.Output);
        // Each fault once, naming the rule and the pack; the pack is skipped on the second binary after FLT0009.
        foreach (var (id, rule) in new[] { ("GBC1030", "GBC0004 Clash"), ("GBC1016", "FLT0001 Throws"), ("GBC1017", "FLT0002 Slow"), ("GBC1032", "FLT0004 FailsSilently"), ("GBC1018", "FLT0009 Stubborn") })
        {
            var lines = build.DistinctLinesWith($" {id}: ");
            Assert.HasCount(1, lines, $"{id}:{Environment.NewLine}{build.Output}");
            StringAssert.Contains(lines[0], $"{rule} of rule pack FaultyRulePack");
        }
        // The built-in rules and the sample pack still judged both binaries.
        foreach (string binary in binaries)
        {
            Assert.HasCount(1, build.DistinctLinesWith($"GoBootCheck: {binary}: go"), $"summary line of {binary}");
            Assert.HasCount(1, build.DistinctLinesWith($"{binary} : GoBootCheck warning GBC5001: built with GOAMD64=v1; expected at least v2"), build.Output);
        }
        Assert.HasCount(1, build.DistinctLinesWith("GoBootCheck warning GBC5004: a statically linked executable at the fixed address 0x"), build.Output);
        Assert.IsEmpty(build.DistinctLinesWith("error GBC000"), build.Output);
    }

    [TestMethod]
    public void Build_Disabled_RunsNoCheck()
    {
        string inputs = Path.Combine(Workspace.Root, "disabled");
        Directory.CreateDirectory(inputs);
        string project = Workspace.CreateProject("Disabled", [TestFiles.Text(inputs)], "<GoBootCheckEnabled>false</GoBootCheckEnabled>");

        var build = Dotnet(project, "build");

        Assert.AreEqual(0, build.ExitCode, build.Output);
        Assert.IsEmpty(build.DistinctLinesWith("GoBootCheck"));
        Assert.IsFalse(File.Exists(Path.Combine(project, "obj", "Debug", "net10.0", "GoBootCheck.sarif")));
    }

    /// <summary>
    /// A project calling the c-shared library built from test/fixtures/go/libcgotypes, its header listed by hand as a
    /// GoBootCheckCHeader item: declarations as the header asks build clean and the program calls Go; a wrong one fails
    /// the build with the interop analyzer's error at the declaration; without the header nothing is checked.
    /// </summary>
    private string InteropProject(string name, bool header, bool wrong, string extraItems = "", string extraProperties = "")
    {
        var library = Fixtures.Get("go1.25", "c-shared-types");
        string headerPath = Path.ChangeExtension(library.Path, ".h");
        string directory = Path.Combine(Workspace.Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <ImplicitUsings>enable</ImplicitUsings>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GoBootCheck" Version="{Workspace.Version}" />
                {(header ? $"<GoBootCheckCHeader Include=\"{headerPath}\" Library=\"cgotypes\" />" : "")}
                <None Include="{library.Path}" CopyToOutputDirectory="PreserveNewest" />
                {extraItems}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), $$"""
            using System.Runtime.InteropServices;
            using System.Text;

            unsafe
            {
                byte[] utf8 = Encoding.UTF8.GetBytes("héllo");
                fixed (byte* p = utf8)
                {
                    var d = Native.DivMod(47, 5);
                    Console.WriteLine($"AddInt={Native.AddInt(40, 2)} DivMod={d.Quotient},{d.Remainder} StringLength={Native.StringLength(new GoString { p = p, n = utf8.Length })} Negate={Native.Negate(false)}");
                }
            }

            public unsafe struct GoString { public byte* p; public nint n; }
            public struct DivModResult { public long Quotient; public long Remainder; }

            public static class Native
            {
                [DllImport("cgotypes")] public static extern long AddInt({{(wrong ? "int" : "long")}} a, long b);
                [DllImport("cgotypes")] public static extern long StringLength(GoString s);
                [DllImport("cgotypes")] public static extern DivModResult DivMod(long a, long b);
                [DllImport("cgotypes")] [return: MarshalAs(UnmanagedType.U1)] public static extern bool Negate([MarshalAs(UnmanagedType.U1)] bool b);
            }
            """);
        return directory;
    }

    [TestMethod]
    public void Build_CgoHeaderListedByHand_CorrectDeclarationsBuildCleanAndCallGo()
    {
        string project = InteropProject("InteropClean", header: true, wrong: false);

        var build = Dotnet(project, "build");

        Assert.AreEqual(0, build.ExitCode, build.Output);
        Assert.IsEmpty(build.DistinctLinesWith("GBC21"), "no interop diagnostic for correct declarations");
        var run = Workspace.Run(project, "dotnet", Path.Combine(project, "bin", "Debug", "net10.0", "InteropClean.dll"));
        Assert.AreEqual(0, run.ExitCode, run.Output);
        Assert.AreEqual("AddInt=42 DivMod=9,2 StringLength=6 Negate=True", run.Output.Trim());
    }

    [TestMethod]
    public void Build_CgoHeaderListedByHand_WrongDeclarationFailsWithTheAnalyzersError_InTheSdkCompilerAndRoslyn414()
    {
        string wrong = InteropProject("InteropWrongSdk", header: true, wrong: true);
        string toolset = InteropProject("InteropWrongToolset", header: true, wrong: true,
            """<PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="4.14.0" PrivateAssets="all" />""",
            // SDK 10 uses the compiler package only when asked (RoslynCompilerType=Package); Roslyn 4.14 knows C# 13 at most.
            "<RoslynCompilerType>Package</RoslynCompilerType><LangVersion>12</LangVersion>");

        foreach (string project in new[] { wrong, toolset })
        {
            var build = Dotnet(project, "build", "-v:n");

            Assert.AreNotEqual(0, build.ExitCode, build.Output);
            var errors = build.DistinctLinesWith("error GBC2103");
            Assert.HasCount(1, errors, build.Output);
            StringAssert.Contains(errors[0], Path.Combine(project, "Program.cs") + "(19,");
            StringAssert.Contains(errors[0], "parameter 'a' of AddInt is int (4 bytes) but libcgotypes.h:");
            StringAssert.Contains(errors[0], "declares GoInt a (long long, 8 bytes) there");
            Assert.IsEmpty(build.DistinctLinesWith("warning AD0001"), "the analyzer must load and run without exceptions");
        }
        Assert.IsNotEmpty(Dotnet(toolset, "build", "-v:n").DistinctLinesWith("microsoft.net.compilers.toolset/4.14.0"), "the Roslyn 4.14 compiler ran");
    }

    [TestMethod]
    public void Build_WrongDeclarationWithoutHeader_NoInteropDiagnostic()
    {
        string project = InteropProject("InteropNoHeader", header: false, wrong: true);

        var build = Dotnet(project, "build");

        Assert.AreEqual(0, build.ExitCode, build.Output);
        Assert.IsEmpty(build.DistinctLinesWith("GBC21"));
    }

    [TestMethod]
    public void Package_ShipsTheInteropAnalyzerAndCodeFixes()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(Workspace.Package);
        var analyzers = zip.Entries.Select(e => e.FullName).Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(new[] { "analyzers/dotnet/cs/GoBootCheck.Interop.Analyzers.dll", "analyzers/dotnet/cs/GoBootCheck.Interop.CodeFixes.dll" }, analyzers);
    }
}
