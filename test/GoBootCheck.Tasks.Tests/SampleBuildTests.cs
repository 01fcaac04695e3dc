using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// The samples, copied from samples/ and built as the README says — a plain <c>dotnet build</c> in the sample's folder
/// against the package packed from this clone, with the fixture cache's Go toolchain first on PATH (through a wrapper
/// that records every go process the build starts).
/// </summary>
[TestClass]
public sealed class SampleBuildTests
{
    private static ConsumerWorkspace? s_workspace;

    public TestContext TestContext { get; set; } = null!;

    private static ConsumerWorkspace Workspace => s_workspace ?? throw new InvalidOperationException("the package was not packed");

    [ClassInitialize]
    public static void Pack(TestContext _) => s_workspace = ConsumerWorkspace.Shared;

    private CommandResult Build(string sample, GoWrapper go, params string[] arguments) =>
        Dotnet(sample, go.Environment(), ["build", .. arguments]);

    private CommandResult Dotnet(string directory, IReadOnlyDictionary<string, string?> environment, string[] arguments)
    {
        var result = Workspace.RunWith(directory, environment, "dotnet", arguments);
        TestContext.WriteLine($"dotnet {string.Join(' ', arguments)} in {directory} → {result.ExitCode} in {result.Elapsed.TotalSeconds:F1} s");
        TestContext.WriteLine(result.Output);
        Assert.DoesNotContain("MSB4018", result.Output, "an exception reached MSBuild");
        Assert.DoesNotContain("MSB4062", result.Output, "the task could not be loaded from the package");
        return result;
    }

    private static string GoOutput(string sample, string name) => Path.Combine(sample, "obj", "Debug", "net10.0", "go", name);

    [TestMethod]
    public void MixedRepo_BuildsVerifiesAndRuns_ANoChangeBuildStartsNoGoProcess_TouchingAGoFileRebuilds()
    {
        string sample = Workspace.CopySample("MixedRepo");
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-mixedrepo"));
        string binary = GoOutput(sample, "greeter");

        var first = Build(sample, go, "-v:n");

        Assert.AreEqual(0, first.ExitCode, first.Output);
        Assert.HasCount(1, go.Invocations.Where(i => i.StartsWith("list -e -deps", StringComparison.Ordinal)).ToList(), string.Join('\n', go.Invocations));
        Assert.HasCount(1, go.Invocations.Where(i => i.StartsWith("build -o " + binary, StringComparison.Ordinal)).ToList(), string.Join('\n', go.Invocations));
        Assert.HasCount(1, first.DistinctLinesWith($"GoBuild: {binary}: it was never built by GoBuild; go build -o {binary}"));
        Assert.HasCount(1, first.DistinctLinesWith($"GoBootCheck: {binary}: go1.22."));
        Assert.HasCount(1, first.DistinctLinesWith("GoBootCheck: 1 binary verified, 0 errors, 0 warnings, "));
        var run = Workspace.Run(sample, "dotnet", Path.Combine(sample, "bin", "Debug", "net10.0", "MixedRepo.dll"));
        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.StartsWith(run.Output.Trim(), "C# asked the Go tool: hello from go1.22.");
        StringAssert.EndsWith(run.Output.Trim(), "fib(20..23) = [6765 10946 17711 28657]");

        int before = go.Invocations.Count;
        var second = Build(sample, go, "-v:n");

        Assert.AreEqual(0, second.ExitCode, second.Output);
        Assert.AreEqual(before, go.Invocations.Count, "a build with nothing changed starts no go process: " + string.Join('\n', go.Invocations.Skip(before)));
        Assert.HasCount(1, second.DistinctLinesWith($"GoBuild: {binary} is up to date; no go process started"));
        Assert.IsEmpty(second.DistinctLinesWith("go build -o"));

        string fib = Path.Combine(sample, "go", "greeter", "fib.go");
        File.SetLastWriteTimeUtc(fib, DateTime.UtcNow);
        var third = Build(sample, go, "-v:n");

        Assert.AreEqual(0, third.ExitCode, third.Output);
        Assert.HasCount(1, go.Invocations.Skip(before).Where(i => i.StartsWith("build -o " + binary, StringComparison.Ordinal)).ToList());
        Assert.HasCount(1, third.DistinctLinesWith($"GoBuild: {binary}: {fib} changed; go build -o {binary}"));
        Assert.HasCount(1, third.DistinctLinesWith($"GoBootCheck: {binary}: go1.22."));
        TestContext.WriteLine($"build times: first {first.Elapsed.TotalSeconds:F1} s, no change {second.Elapsed.TotalSeconds:F1} s, Go file touched {third.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>How the fault test's copy is set up: where the repository root comes from, and -trimpath.</summary>
    public enum Placement
    {
        /// <summary>No source control: the root is the project directory; absolute source names.</summary>
        ProjectDirectory,
        /// <summary>A git repository (the root MSBuild's source-control integration reports) and -trimpath: module paths.</summary>
        GitRootWithTrimPath,
        /// <summary>GoBootCheckRepositoryRoot pointing elsewhere: the source is outside it, the error stays at the binary.</summary>
        RootOverriddenElsewhere,
    }

    [TestMethod]
    [DataRow(Placement.ProjectDirectory)]
    [DataRow(Placement.GitRootWithTrimPath)]
    [DataRow(Placement.RootOverriddenElsewhere)]
    public void MixedRepo_StackCheckOfMainFibPatchedInTheBuiltBinary_FailsWithGBC0004Only_AtTheGoSourceLineInTheRepository(Placement placement)
    {
        string sample = Workspace.CopySample("MixedRepo", "MixedRepoFault" + placement);
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-fault-" + placement));
        string binary = GoOutput(sample, "greeter");
        string[] properties = [];
        if (placement == Placement.GitRootWithTrimPath)
        {
            string project = Path.Combine(sample, "MixedRepo.csproj");
            File.WriteAllText(project, File.ReadAllText(project).Replace("<GoProgram Include=\"go/greeter\"", "<GoProgram Include=\"go/greeter\" TrimPath=\"true\"", StringComparison.Ordinal));
            foreach (string[] git in new[] { new[] { "init", "-q" }, ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "sample"] })
                Assert.AreEqual(0, Workspace.Run(sample, "git", git).ExitCode);
        }
        if (placement == Placement.RootOverriddenElsewhere)
            properties = [$"-p:GoBootCheckRepositoryRoot={Path.Combine(Workspace.Root, "elsewhere")}"];
        Assert.AreEqual(0, Build(sample, go, properties).ExitCode);

        // A post-link rewrite that breaks main.fib's prologue: cmp rsp, [r14+0x10] (g.stackguard0) → [r14+0x18].
        byte[] bytes = File.ReadAllBytes(binary);
        var model = Load.Go(binary, (byte[])bytes.Clone());
        ulong entry = model.FunctionsNamed("main.fib").Single().Entry;
        int offset = CodePatching.FileOffset(model, entry, 4);
        CollectionAssert.AreEqual(new byte[] { 0x49, 0x3b, 0x66, 0x10 }, bytes[offset..(offset + 4)], "main.fib's stack check as Go 1.22 writes it");
        bytes[offset + 3] = 0x18;
        File.WriteAllBytes(binary, bytes);

        var build = Build(sample, go, ["-v:n", .. properties]);

        Assert.AreNotEqual(0, build.ExitCode, build.Output);
        string fib = Path.Combine(sample, "go", "greeter", "fib.go");
        string sourceName = placement == Placement.GitRootWithTrimPath ? "example.com/mixedrepo/greeter/fib.go" : fib;
        var errors = build.DistinctLinesWith(": GoBootCheck error GBC");
        Assert.HasCount(1, errors, build.Output);
        string message = "GoBootCheck error GBC0004: the stack check of main.fib: found `cmp rsp, [r14+0x18] (49 3b 66 18)`; expected [g+0x10] (g.stackguard0)";
        // The location follows the message (the function, its Go source line and the address), as for every finding.
        StringAssert.Contains(errors[0], $"[main.fib ({sourceName}:4) at 0x{entry:x}]");
        if (placement == Placement.RootOverriddenElsewhere)
        {
            StringAssert.StartsWith(errors[0], $"{binary} : {message}");
            Assert.DoesNotContain("(in ", errors[0]);
        }
        else
        {
            StringAssert.StartsWith(errors[0], $"{fib}(4,1): {message}");
            StringAssert.Contains(errors[0], $"(in {binary})");
        }
        Assert.IsEmpty(build.DistinctLinesWith("warning GBC"));
        Assert.HasCount(1, build.DistinctLinesWith("GoBootCheck: 1 binary verified, 1 error, 0 warnings, "));
    }

    [TestMethod]
    public void Cgo_BuildsWithCgoVerifiesAndRuns()
    {
        string sample = Workspace.CopySample("Cgo");
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-cgo"));
        string binary = GoOutput(sample, "cgohello");

        var build = Build(sample, go);

        Assert.AreEqual(0, build.ExitCode, build.Output);
        Assert.HasCount(1, build.DistinctLinesWith($"GoBootCheck: {binary}: go1.22."));
        StringAssert.Contains(build.DistinctLinesWith($"GoBootCheck: {binary}: go1.22.").Single(), ", exe, cgo=yes, ");
        var run = Workspace.Run(sample, "dotnet", Path.Combine(sample, "bin", "Debug", "net10.0", "Cgo.dll"));
        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.EndsWith(run.Output.Trim(), "with cgo: C says triple(14) = 42");
    }

    [TestMethod]
    public void CShared_BuildsTheLibraryBeforeCompiling_VerifiesIt_AndTheAppPrintsWhatGoReturned()
    {
        string sample = Workspace.CopySample("CShared");
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-cshared"));
        string library = GoOutput(sample, "libgreet.so");

        var build = Build(sample, go, "-v:n");

        Assert.AreEqual(0, build.ExitCode, build.Output);
        StringAssert.Contains(build.DistinctLinesWith($"GoBootCheck: {library}: go1.22.").Single(), ", c-shared, cgo=yes, ");
        Assert.IsTrue(File.Exists(Path.ChangeExtension(library, ".h")), "go build writes the header beside the library");
        Assert.IsEmpty(build.DistinctLinesWith("GBC21"), "the declarations match libgreet.h");
        Assert.IsTrue(File.Exists(Path.Combine(sample, "bin", "Debug", "net10.0", "libgreet.so")), "copied next to the app");
        var run = Workspace.Run(sample, "dotnet", Path.Combine(sample, "bin", "Debug", "net10.0", "CShared.dll"));
        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.StartsWith(run.Output.Trim(), "Go returned Add(40, 2) = 42, Fib(30) = 832040 from go1.22.");

        // A design-time build (the IDE's) starts no go process but still hands the last build's header to the analyzer.
        int before = go.Invocations.Count;
        var designTime = Dotnet(sample, go.Environment(), ["msbuild", "-t:GoBootCheckCHeaders", "-p:DesignTimeBuild=true", "-getItem:AdditionalFiles"]);
        Assert.AreEqual(0, designTime.ExitCode, designTime.Output);
        Assert.AreEqual(before, go.Invocations.Count, string.Join('\n', go.Invocations.Skip(before)));
        StringAssert.Contains(designTime.Output, Path.ChangeExtension(library, ".h"));
        StringAssert.Contains(designTime.Output, "\"GoBootCheckLibrary\": \"greet\"");
    }

    [TestMethod]
    public void CShared_WrongPInvokeDeclaration_FailsTheBuildWithTheInteropAnalyzersGBC2103()
    {
        string sample = Workspace.CopySample("CShared", "CSharedWrong");
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-cshared-wrong"));
        string program = Path.Combine(sample, "Program.cs");
        string source = File.ReadAllText(program);
        const string Right = "public static extern long Add(long a, long b);";
        StringAssert.Contains(source, Right);
        File.WriteAllText(program, source.Replace(Right, "public static extern long Add(int a, long b);", StringComparison.Ordinal));
        int line = Array.FindIndex(File.ReadAllLines(program), l => l.Contains("Add(int a", StringComparison.Ordinal)) + 1;

        var build = Build(sample, go, "-v:n");

        Assert.AreNotEqual(0, build.ExitCode, build.Output);
        var errors = build.DistinctLinesWith("error GBC");
        Assert.HasCount(1, errors, build.Output);
        StringAssert.StartsWith(errors[0], $"{program}({line},");
        StringAssert.Contains(errors[0], "error GBC2103: parameter 'a' of Add is int (4 bytes) but libgreet.h:");
    }

    [TestMethod]
    public void MixedRepo_NoGoAnywhere_OneClearGBC1040Error()
    {
        string sample = Workspace.CopySample("MixedRepo", "MixedRepoNoGo");
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin", ["GOROOT"] = null };
        Assert.IsFalse(File.Exists("/usr/bin/go") || File.Exists("/bin/go"), "this test needs a machine without a system go");

        var build = Dotnet(sample, environment, ["build"]);

        Assert.AreNotEqual(0, build.ExitCode, build.Output);
        var errors = build.DistinctLinesWith("error ");
        Assert.HasCount(1, errors, build.Output);
        StringAssert.Contains(errors[0], "error GBC1040: no go executable found (looked at /usr/bin/go, /bin/go); set the GoBootCheckGoCommand property to the go to use");
    }

    [TestMethod]
    public void MixedRepo_CompileErrorInGo_IsAnErrorAtTheGoSourcePosition()
    {
        string sample = Workspace.CopySample("MixedRepo", "MixedRepoBroken");
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-broken"));
        string fib = Path.Combine(sample, "go", "greeter", "fib.go");
        File.WriteAllText(fib, File.ReadAllText(fib).Replace("return n\n", "return m\n", StringComparison.Ordinal));

        var build = Build(sample, go);

        Assert.AreNotEqual(0, build.ExitCode, build.Output);
        var errors = build.DistinctLinesWith("error GBC");
        Assert.HasCount(1, errors, build.Output);
        StringAssert.StartsWith(errors[0], $"{fib}(6,10): GoBuild error GBC1041: undefined: m");
    }

    [TestMethod]
    [DataRow("Core", "18.9.11", "InProcess")]
    [DataRow("Core", "17.8.3", "InProcess")]
    [DataRow("Full", "18.0.2", "TaskHost")]
    [DataRow("Full", "18.3.0", "TaskHost")]
    [DataRow("Full", "17.14.8", "Unsupported")]
    [DataRow("Full", "16.11.2", "Unsupported")]
    public void TaskRegistration_EachMSBuildRuntimeGetsItsRegistration(string runtime, string version, string expected)
    {
        if (s_registrationSample is null)
        {
            // Evaluation alone imports the package's targets only after a restore.
            s_registrationSample = Workspace.CopySample("MixedRepo", "MixedRepoEvaluation");
            Assert.AreEqual(0, Dotnet(s_registrationSample, new Dictionary<string, string?>(), ["restore"]).ExitCode);
        }
        string sample = s_registrationSample;

        var evaluation = Dotnet(sample, new Dictionary<string, string?>(), ["msbuild", "-getProperty:_GoBootCheckTaskRegistration",
            $"-p:_GoBootCheckMSBuildRuntimeType={runtime}", $"-p:_GoBootCheckMSBuildVersion={version}"]);

        Assert.AreEqual(0, evaluation.ExitCode, evaluation.Output);
        Assert.AreEqual(expected, evaluation.Output.Trim());
    }

    private static string? s_registrationSample;

    [TestMethod]
    public void TaskRegistration_TaskHostForcedUnderDotnetBuild_RunsBothTasksInATaskHost()
    {
        string sample = Workspace.CopySample("MixedRepo", "MixedRepoTaskHost");
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-taskhost"));

        var build = Build(sample, go, "-v:d", "-p:GoBootCheckTaskRegistration=TaskHost");

        Assert.AreEqual(0, build.ExitCode, build.Output);
        Assert.HasCount(1, build.DistinctLinesWith("GoBootCheck: tasks registered TaskHost (MSBuild 18."));
        Assert.IsNotEmpty(build.DistinctLinesWith("Task \"BuildGoPrograms\" ran in TaskHost process"));
        Assert.IsNotEmpty(build.DistinctLinesWith("Task \"VerifyGoBinaries\" ran in TaskHost process"));
        Assert.HasCount(1, build.DistinctLinesWith("GoBootCheck: 1 binary verified, 0 errors, 0 warnings, "));
    }

    [TestMethod]
    public void TaskRegistration_ByDefaultUnderDotnetBuild_InProcess_AndUnsupportedIsOneClearError()
    {
        string sample = Workspace.CopySample("MixedRepo", "MixedRepoRegistration");
        var go = new GoWrapper(Path.Combine(Workspace.Root, "go-registration"));

        var inProcess = Build(sample, go, "-v:d");

        Assert.AreEqual(0, inProcess.ExitCode, inProcess.Output);
        Assert.HasCount(1, inProcess.DistinctLinesWith("GoBootCheck: tasks registered InProcess (MSBuild 18."));
        Assert.IsEmpty(inProcess.DistinctLinesWith("ran in TaskHost process"));

        // What an older .NET Framework MSBuild (Visual Studio 2022) gets, forced here.
        var unsupported = Build(sample, go, "-p:GoBootCheckTaskRegistration=Unsupported");

        Assert.AreNotEqual(0, unsupported.ExitCode);
        var errors = unsupported.DistinctLinesWith("error ");
        Assert.HasCount(1, errors, unsupported.Output);
        StringAssert.Contains(errors[0], "error GBC1044: GoBootCheck needs MSBuild on .NET (dotnet build) or .NET Framework MSBuild 18.0 or later (Visual Studio 2026)");
    }
}
