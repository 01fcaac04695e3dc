using GoBootCheck.Engine;
using System.Text.Json;
using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.Tests;

/// <summary>The task alone, with a build engine that records the whole log.</summary>
[TestClass]
public sealed class VerifyGoBinariesTests
{
    private string _directory = "";

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gbc-task-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
    }

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private (bool Result, RecordingBuildEngine Engine) Run(string[] binaries, Action<VerifyGoBinaries>? configure = null)
    {
        var engine = new RecordingBuildEngine();
        var task = new VerifyGoBinaries
        {
            BuildEngine = engine,
            Binaries = [.. binaries.Select(b => new TaskItem(b))],
            SarifFile = Path.Combine(_directory, "obj", "GoBootCheck.sarif"),
            RepositoryRoot = _directory,
        };
        configure?.Invoke(task);
        bool result = task.Execute();
        TestContext.WriteLine(engine.Transcript());
        // Every SARIF log the task wrote validates against the SARIF 2.1.0 schema, whether or not the test reads it.
        if (!string.IsNullOrEmpty(task.SarifFile) && File.Exists(task.SarifFile)) SarifSchema.ParseFile(task.SarifFile);
        return (result, engine);
    }

    private JsonElement Sarif()
    {
        return SarifSchema.ParseFile(Path.Combine(_directory, "obj", "GoBootCheck.sarif")).GetProperty("runs")[0];
    }

    [TestMethod]
    public void Execute_MissingFile_OneGBC1001ErrorNamingTheFile()
    {
        string missing = Path.Combine(_directory, "no-such-binary");

        var (result, engine) = Run([missing]);

        Assert.IsFalse(result);
        var error = engine.Errors.Single();
        Assert.AreEqual("GBC1001", error.Code);
        Assert.AreEqual(missing, error.File);
        Assert.AreEqual("GoBootCheck", error.Subcategory);
        Assert.AreEqual("GoBootCheck.GBC1001", error.HelpKeyword);
        Assert.AreEqual("cannot read the file (file not found)", error.Message);
        Assert.IsEmpty(engine.Warnings);
    }

    [TestMethod]
    public void Execute_TextFile_OneGBC1002Error()
    {
        string text = TestFiles.Text(_directory);

        var (result, engine) = Run([text]);

        Assert.IsFalse(result);
        var error = engine.Errors.Single();
        Assert.AreEqual("GBC1002", error.Code);
        Assert.AreEqual(text, error.File);
        Assert.StartsWith("not an ELF file", error.Message);
    }

    [TestMethod]
    public void Execute_Arm64Elf_OneGBC1004WarningAndSucceeds()
    {
        string arm = TestFiles.Arm64Elf(_directory);

        var (result, engine) = Run([arm]);

        Assert.IsTrue(result);
        Assert.IsEmpty(engine.Errors);
        var warning = engine.Warnings.Single();
        Assert.AreEqual("GBC1004", warning.Code);
        Assert.AreEqual(arm, warning.File);
    }

    [TestMethod]
    public void Execute_Arm64ElfWithTreatUnverifiableAsError_OneGBC1004Error()
    {
        string arm = TestFiles.Arm64Elf(_directory);

        var (result, engine) = Run([arm], t => t.TreatUnverifiableAsError = true);

        Assert.IsFalse(result);
        Assert.AreEqual("GBC1004", engine.Errors.Single().Code);
        Assert.IsEmpty(engine.Warnings);
    }

    [TestMethod]
    public void Execute_GoBinary_LogsHighImportanceSummaryAndClosingLine()
    {
        string hello = Fixtures.Get("go1.22", "default").Path;

        var (result, engine) = Run([hello]);

        Assert.IsTrue(result, engine.Transcript());
        Assert.IsEmpty(engine.Errors);
        var high = engine.MessagesAt(MessageImportance.High).ToList();
        Assert.HasCount(2, high);
        Assert.StartsWith($"GoBootCheck: {hello}: go1.22.", high[0]);
        Assert.Contains(", exe, cgo=no, not stripped, ", high[0]);
        int functions = new GoBinaryVerifier().Verify(hello, File.ReadAllBytes(hello), new VerificationOptions()).Summary!.FunctionCount;
        StringAssert.Matches(high[1], new System.Text.RegularExpressions.Regex(
            $@"^GoBootCheck: 1 binary verified, 0 errors, {engine.Warnings.Count} warnings?, {functions} functions checked, \d+\.\d\d s$"));
    }

    [TestMethod]
    public void Execute_EarlierBinariesFail_LaterBinaryIsStillVerified()
    {
        string missing = Path.Combine(_directory, "missing");
        string text = TestFiles.Text(_directory);
        string hello = Fixtures.Get("go1.22", "stripped").Path;

        var (result, engine) = Run([missing, text, hello]);

        Assert.IsFalse(result);
        CollectionAssert.AreEqual(new[] { "GBC1001", "GBC1002" }, engine.Errors.Select(e => e.Code).ToList());
        Assert.IsTrue(engine.MessagesAt(MessageImportance.High).Any(m => m.StartsWith($"GoBootCheck: {hello}: go1.22.", StringComparison.Ordinal) && m.Contains(", stripped, ", StringComparison.Ordinal)));
        int functions = new GoBinaryVerifier().Verify(hello, File.ReadAllBytes(hello), new VerificationOptions()).Summary!.FunctionCount;
        StringAssert.Matches(engine.MessagesAt(MessageImportance.High).Last(), new System.Text.RegularExpressions.Regex(
            $@"^GoBootCheck: 3 binaries verified, 2 errors, {engine.Warnings.Count} warnings?, {functions} functions checked, \d+\.\d\d s$"));
    }

    [TestMethod]
    public void Execute_FailingBuild_StillWritesSarifWithEveryBinary()
    {
        string text = TestFiles.Text(_directory);
        string arm = TestFiles.Arm64Elf(_directory);

        var (result, _) = Run([text, arm]);

        Assert.IsFalse(result);
        var artifacts = Sarif().GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("location").GetProperty("uri").GetString()).ToList();
        CollectionAssert.AreEqual(new[] { "notes.txt", "hello-arm64" }, artifacts);
        var hash = Sarif().GetProperty("artifacts")[0].GetProperty("hashes").GetProperty("sha-256").GetString();
        Assert.AreEqual(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(text))).ToLowerInvariant(), hash);
    }

    [TestMethod]
    public void Execute_NoSarifFile_WritesNoLog()
    {
        string arm = TestFiles.Arm64Elf(_directory);

        var (result, _) = Run([arm], t => t.SarifFile = "");

        Assert.IsTrue(result);
        Assert.IsFalse(Directory.Exists(Path.Combine(_directory, "obj")));
    }

    [TestMethod]
    public void Execute_SarifPathUnderAFile_OneGBC1090Error()
    {
        string text = TestFiles.Text(_directory, "blocker");
        string arm = TestFiles.Arm64Elf(_directory);

        var (result, engine) = Run([arm], t => t.SarifFile = Path.Combine(text, "GoBootCheck.sarif"));

        Assert.IsFalse(result);
        var error = engine.Errors.Single();
        Assert.AreEqual("GBC1090", error.Code);
        Assert.AreEqual(Path.Combine(text, "GoBootCheck.sarif"), error.File);
    }

    [TestMethod]
    public void Execute_InvalidBudgets_OneGBC1013ErrorEachAndStillVerifies()
    {
        string arm = TestFiles.Arm64Elf(_directory);

        var (result, engine) = Run([arm], t =>
        {
            t.InstructionBudget = "lots";
            t.TimeBudgetSeconds = "-1";
        });

        Assert.IsFalse(result);
        CollectionAssert.AreEqual(new[] { "GBC1013", "GBC1013" }, engine.Errors.Select(e => e.Code).ToList());
        Assert.AreEqual("GoBootCheckInstructionBudget is 'lots', expected a positive whole number of instructions; the default 5000000 is used", engine.Errors[0].Message);
        Assert.AreEqual("GBC1004", engine.Warnings.Single().Code);
    }

    [TestMethod]
    public void Execute_PathWithFormatBraces_IsLoggedVerbatim()
    {
        string odd = TestFiles.Text(_directory, "odd{0}{1}.txt");

        var (_, engine) = Run([odd]);

        var error = engine.Errors.Single();
        Assert.AreEqual(odd, error.File);
        Assert.StartsWith("not an ELF file", error.Message);
    }

    [TestMethod]
    public void Execute_Cancelled_VerifiesNothingAndThrowsNothing()
    {
        string text = TestFiles.Text(_directory);
        var engine = new RecordingBuildEngine();
        var task = new VerifyGoBinaries { BuildEngine = engine, Binaries = [new TaskItem(text)] };

        task.Cancel();
        bool result = task.Execute();

        Assert.IsTrue(result);
        Assert.IsEmpty(engine.Errors);
        StringAssert.StartsWith(engine.MessagesAt(MessageImportance.High).Single(), "GoBootCheck: 0 binaries verified, 0 errors, 0 warnings, 0 functions checked, ");
    }
}
