using GoBootCheck.Tasks.Tests.Infrastructure;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// GBC0006 in a real <c>dotnet build</c> of a project referencing the packed package: a c-shared library built here with
/// Go, whose <c>//export</c> was renamed and rebuilt, listed with the header of the previous build (CHeader metadata),
/// fails the build with GBC0006's error naming both files and both names.
/// </summary>
public sealed partial class ConsumerBuildTests
{
    private CommandResult BuildCShared(string source, string exportName, string output)
    {
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/exports\n\ngo 1.22\n");
        File.WriteAllText(Path.Combine(source, "main.go"), $$"""
            package main

            import "C"

            //export {{exportName}}
            func {{exportName}}(a, b C.int) C.int { return a + b }

            func main() {}
            """);
        string go = Path.Combine(GoWrapper.GoRoot, "bin", "go");
        var result = Workspace.RunWith(source, new Dictionary<string, string?>
        {
            ["CGO_ENABLED"] = "1",
            ["GOTOOLCHAIN"] = "local",
            ["GOFLAGS"] = null,
            ["GOCACHE"] = Path.Combine(Workspace.Root, "go-cache"),
        }, go, "build", "-buildmode=c-shared", "-o", output, ".");
        TestContext.WriteLine($"go build -buildmode=c-shared ({exportName}) → {result.ExitCode}: {result.Output}");
        Assert.AreEqual(0, result.ExitCode, result.Output);
        return result;
    }

    [TestMethod]
    public void Build_CSharedLibraryWithTheHeaderOfThePreviousBuild_FailsWithGBC0006()
    {
        string directory = Path.Combine(Workspace.Root, "stale-header");
        string previous = Path.Combine(directory, "previous", "libexports.so");
        string current = Path.Combine(directory, "current", "libexports.so");
        BuildCShared(Path.Combine(directory, "src"), "AddNumbers", previous);
        BuildCShared(Path.Combine(directory, "src"), "Sum", current);
        string staleHeader = Path.ChangeExtension(previous, ".h");
        StringAssert.Contains(File.ReadAllText(staleHeader), "extern int AddNumbers(int a, int b);");

        string project = Workspace.CreateProject("StaleHeader", []);
        string csproj = Path.Combine(project, "StaleHeader.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("  </ItemGroup>\n</Project>",
            $"    <GoBootCheckBinary Include=\"{current}\" CHeader=\"{staleHeader}\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        StringAssert.Contains(File.ReadAllText(csproj), "CHeader=");

        var build = Dotnet(project, "build");

        Assert.AreNotEqual(0, build.ExitCode, build.Output);
        var errors = build.DistinctLinesWith(": GoBootCheck error GBC");
        Assert.HasCount(2, errors, build.Output);
        Assert.IsTrue(errors.All(e => e.Contains("error GBC0006: ", StringComparison.Ordinal)), build.Output);
        Assert.HasCount(1, errors.Where(e => e.Contains($"{staleHeader}:", StringComparison.Ordinal)
            && e.Contains($"declares the export 'AddNumbers', but {current} does not export it in .dynsym", StringComparison.Ordinal)).ToList(), build.Output);
        Assert.HasCount(1, errors.Where(e => e.Contains($"{current} exports the Go function 'Sum' (_cgoexp_", StringComparison.Ordinal)
            && e.Contains($"but {staleHeader} does not declare it", StringComparison.Ordinal)).ToList(), build.Output);
    }
}
