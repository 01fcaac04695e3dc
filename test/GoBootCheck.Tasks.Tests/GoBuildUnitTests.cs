using GoBootCheck.Reporting;
using GoBootCheck.RulePacks;
using GoBootCheck.Tasks.GoBuild;
using GoBootCheck.Tasks.Tests.Infrastructure;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.Tests;

/// <summary>The Go build step's parts without a go process: listing, stamps, messages, source placement, the task's errors.</summary>
[TestClass]
public sealed class GoBuildUnitTests
{
    private string _directory = "";

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gbc-gobuild-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
    }

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public void GoListing_Parse_FilesOfEachPackageDirectoryAndModuleFiles()
    {
        string output = "D\t/r/app\nF\tmain.go\nF\tignored_windows.go\nM\t/r/app\t/r/app/go.mod\nD\t/r/lib\nF\tlib.c\nF\tdata.txt\nM\t/r/lib\t/r/lib/go.mod\nE\tno Go files\n";

        var (files, directories, errors) = GoListing.Parse(output);

        CollectionAssert.AreEqual(new[]
        {
            "/r/app/go.mod", "/r/app/go.sum", "/r/app/ignored_windows.go", "/r/app/main.go", "/r/app/vendor/modules.txt",
            "/r/lib/data.txt", "/r/lib/go.mod", "/r/lib/go.sum", "/r/lib/lib.c", "/r/lib/vendor/modules.txt",
        }, files.ToList());
        CollectionAssert.AreEqual(new[] { "/r/app", "/r/lib" }, directories.ToList());
        CollectionAssert.AreEqual(new[] { "no Go files" }, errors);
    }

    [TestMethod]
    public void Stamp_UpToDateUntilAnInputChanges_ThenNamesIt()
    {
        string package = Path.Combine(_directory, "src");
        Directory.CreateDirectory(package);
        string source = Path.Combine(package, "main.go");
        string output = Path.Combine(_directory, "out");
        File.WriteAllText(source, "package main\n");
        File.WriteAllText(output, "binary");
        var later = DateTime.UtcNow.AddMinutes(1);
        var stamp = new GoBuildStamp { Key = "k", Output = output, OutputLength = 6, OutputTicks = new FileInfo(output).LastWriteTimeUtc.Ticks };
        stamp.Files[source] = GoBuildStamp.FileState(source, later);
        stamp.Directories[package] = GoBuildStamp.DirectoryState(package, later);
        string path = Path.Combine(_directory, "stamps", "out.json");
        stamp.Write(path);
        var read = GoBuildStamp.Read(path)!;

        Assert.IsNull(read.WhyNotUpToDate("k", output, null));
        Assert.AreEqual("the toolchain, environment or settings changed", read.WhyNotUpToDate("k2", output, null));
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddSeconds(5));
        Assert.AreEqual($"{source} changed", read.WhyNotUpToDate("k", output, null));
        File.WriteAllText(Path.Combine(package, "new.go"), "package main\n");
        Assert.AreEqual($"{package} changed (a file was added, removed or renamed)", read.WhyNotUpToDate("k", output, null));
        File.WriteAllText(output, "rewritten");
        Assert.AreEqual($"{output} was changed after go build wrote it", read.WhyNotUpToDate("k", output, null));
    }

    [TestMethod]
    public void Stamp_InputWrittenAfterTheBuildStarted_IsRecordedAsChanged()
    {
        string source = Path.Combine(_directory, "main.go");
        File.WriteAllText(source, "package main\n");

        Assert.AreEqual("-2", GoBuildStamp.FileState(source, DateTime.UtcNow.AddMinutes(-1)));
        Assert.AreEqual("-1", GoBuildStamp.FileState(Path.Combine(_directory, "go.sum"), DateTime.UtcNow));
    }

    [TestMethod]
    public void CompilerMessages_PositionedLinesResolvedAgainstThePackageDirectory()
    {
        var (positioned, other) = GoCompilerMessages.Parse("# example.com/app\n./main.go:12:5: undefined: x\n../lib/lib.go:3: syntax error\nnote: something\n", "/r/app");

        Assert.HasCount(2, positioned);
        Assert.AreEqual(new GoCompilerMessage("/r/app/main.go", 12, 5, "undefined: x"), positioned[0]);
        Assert.AreEqual(new GoCompilerMessage("/r/lib/lib.go", 3, 0, "syntax error"), positioned[1]);
        CollectionAssert.AreEqual(new[] { "# example.com/app", "note: something" }, other);
    }

    [TestMethod]
    public void SourceLocator_AbsoluteAndTrimpathNamesInTheRepository_StandardLibraryNot()
    {
        string module = Path.Combine(_directory, "go", "greeter");
        Directory.CreateDirectory(Path.Combine(module, "internal"));
        File.WriteAllText(Path.Combine(module, "go.mod"), "// comment\nmodule \"example.com/mixed/greeter\" // the tool\n\ngo 1.21\n");
        string fib = Path.Combine(module, "internal", "fib.go");
        File.WriteAllText(fib, "package internal\n");
        var fromMetadata = new GoSourceLocator(_directory, new Dictionary<string, string> { ["/bin/greeter"] = module });
        var fromScan = new GoSourceLocator(_directory, new Dictionary<string, string>());
        var outside = new GoSourceLocator(Path.Combine(_directory, "other"), new Dictionary<string, string>());

        Assert.AreEqual((fib, 7), fromMetadata.Locate("/bin/greeter", new CodeLocation("f", fib, 7, 1)));
        Assert.AreEqual((fib, 7), fromMetadata.Locate("/bin/greeter", new CodeLocation("f", "example.com/mixed/greeter/internal/fib.go", 7, 1)));
        Assert.AreEqual((fib, 7), fromScan.Locate("/bin/other", new CodeLocation("f", "example.com/mixed/greeter/internal/fib.go", 7, 1)));
        Assert.IsNull(fromScan.Locate("/bin/other", new CodeLocation("runtime.morestack", "runtime/asm_amd64.s", 593, 1)));
        Assert.IsNull(fromScan.Locate("/bin/other", new CodeLocation("f", "example.com/mixed/greeter/internal/gone.go", 7, 1)));
        Assert.IsNull(outside.Locate("/bin/greeter", new CodeLocation("f", fib, 7, 1)), "a file outside the repository root stays at the binary");
        Assert.IsNull(fromScan.Locate("/bin/greeter", new CodeLocation("f", fib, null, 1)), "no line, no source position");
    }

    [TestMethod]
    public void HelpLinks_AllUnderTheOneRepositoryUrl()
    {
        Assert.AreEqual("https://example.org/me/fork/blob/main/docs/rules/GBC0004.md", RuleHelp.LogLinkFor("GBC0004", "https://example.org/me/fork/"));
        Assert.AreEqual("https://github.com/GoBootCheck/GoBootCheck/blob/main/docs/interop/GBC2103.md", RuleHelp.LogLinkFor("GBC2103", null));
        Assert.AreEqual("https://github.com/GoBootCheck/GoBootCheck/blob/main/docs/configuration.md#diagnostics", RuleHelp.LogLinkFor("GBC1040", ""));
        Assert.IsNull(RuleHelp.LogLinkFor("ACME0001", null));
    }

    [TestMethod]
    public void BuildGoPrograms_NoGoForTwoPrograms_OneGBC1040_AndAnInvalidItemGBC1043()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "a"));
        Directory.CreateDirectory(Path.Combine(_directory, "b"));
        var engine = new RecordingBuildEngine();
        TaskItem Program(string name, string mode) => new(Path.Combine(_directory, name), new Dictionary<string, string>
        {
            ["OutputPath"] = Path.Combine(_directory, "out", name), ["BuildMode"] = mode,
        });
        var task = new BuildGoPrograms
        {
            BuildEngine = engine,
            Programs = [Program("a", "default"), Program("b", "exe"), Program("a", "plugin")],
            StampDirectory = Path.Combine(_directory, "stamps"),
            GoCommand = Path.Combine(_directory, "no", "go"),
        };

        bool result = task.Execute();
        TestContext.WriteLine(engine.Transcript());

        Assert.IsFalse(result);
        CollectionAssert.AreEqual(new[] { "GBC1040", "GBC1043" }, engine.Errors.Select(e => e.Code).Order(StringComparer.Ordinal).ToList());
        StringAssert.StartsWith(engine.Errors.Single(e => e.Code == "GBC1040").Message, $"no go executable found (looked at '{Path.Combine(_directory, "no", "go")}')");
        StringAssert.Contains(engine.Errors.Single(e => e.Code == "GBC1043").Message, "BuildMode 'plugin' is not one of c-archive, c-shared, default, exe, pie");
        Assert.IsFalse(Directory.Exists(Path.Combine(_directory, "stamps")), "nothing built, no stamp");
    }

    [TestMethod]
    public void GoProgram_BuildArgumentsAndEnvironment_FromMetadata()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "lib"));
        var metadata = new Dictionary<string, string>
        {
            ["FullPath"] = Path.Combine(_directory, "lib") + "/", ["OutputPath"] = Path.Combine(_directory, "out", "libx.so"), ["BuildMode"] = "c-shared",
            ["Tags"] = "netgo", ["LdFlags"] = "-s -w", ["TrimPath"] = "true", ["GoAmd64"] = "v3", ["Environment"] = "CC=clang; GODEBUG=x=1",
        };
        var problems = new List<string>();

        var program = GoProgram.TryCreate("lib/", name => metadata.GetValueOrDefault(name, ""), problems);

        Assert.IsEmpty(problems);
        Assert.AreEqual(Path.Combine(_directory, "lib"), program!.Directory);
        CollectionAssert.AreEqual(new[] { "build", "-o", Path.Combine(_directory, "out", "libx.so"), "-buildmode=c-shared", "-trimpath", "-buildvcs=false", "-tags=netgo", "-ldflags=-s -w", "." },
            program.BuildArguments().ToList());
        CollectionAssert.AreEqual(new[] { "GOOS=linux", "GOARCH=amd64", "GOAMD64=v3", "CGO_ENABLED=1", "CC=clang", "GODEBUG=x=1" },
            program.EnvironmentOverrides().Select(p => $"{p.Key}={p.Value}").ToList());
    }
}
