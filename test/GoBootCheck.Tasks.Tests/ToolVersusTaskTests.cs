using System.Diagnostics;
using System.Text.Json;
using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// The gobootcheck tool, run as a process the way a CI job runs it, against the VerifyGoBinaries task over the same
/// binaries: the same results (rule, level, location, fingerprint), notifications, rule statuses, error lines and
/// verdict (exit code 1 where the task fails).
/// </summary>
[TestClass]
public sealed class ToolVersusTaskTests
{
    public TestContext TestContext { get; set; } = null!;

    internal static string ToolAssembly()
    {
        // test/GoBootCheck.Tasks.Tests/bin/<Configuration>/net10.0/ → src/Tasks/GoBootCheck.Tool/bin/<Configuration>/net8.0/gobootcheck.dll
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string path = Path.Combine(ConsumerWorkspace.RepositoryRootDirectory, "src", "Tasks", "GoBootCheck.Tool", "bin", configuration, "net8.0", "gobootcheck.dll");
        Assert.IsTrue(File.Exists(path), $"{path} is missing; build src/Tasks/GoBootCheck.Tool -c {configuration}");
        return path;
    }

    /// <summary>Runs <c>dotnet gobootcheck.dll args…</c> with output redirected, as in CI.</summary>
    internal static (int ExitCode, string Output, string Error) RunTool(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ToolAssembly());
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>What must agree between two SARIF runs: each result's identity and place, each notification, each rule status.</summary>
    private static List<string> Essence(JsonElement run)
    {
        var lines = new List<string>();
        foreach (var r in run.GetProperty("results").EnumerateArray())
        {
            lines.Add(string.Join(" | ", r.GetProperty("ruleId").GetString(), r.GetProperty("level").GetString(), r.GetProperty("message").GetProperty("text").GetString(),
                r.GetProperty("locations").ToString(), r.GetProperty("relatedLocations").ToString(), r.GetProperty("partialFingerprints").ToString()));
        }
        var invocation = run.GetProperty("invocations")[0];
        foreach (var n in invocation.GetProperty("toolExecutionNotifications").EnumerateArray()) lines.Add("notification " + n.ToString());
        lines.Add("statuses " + invocation.GetProperty("properties").GetProperty("ruleStatuses").ToString());
        lines.Add("executionSuccessful " + invocation.GetProperty("executionSuccessful").GetBoolean());
        lines.Add("artifacts " + string.Join(", ", run.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("location").ToString() + a.GetProperty("hashes").ToString())));
        return lines;
    }

    [TestMethod]
    public void Verify_FixturesFaultAndBrokenInputs_SameResultsAndVerdictAsTheTask()
    {
        string temp = Path.Combine(Path.GetTempPath(), "gbc-tool-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var repository = SarifFingerprintTests.PatchedRepository(Path.Combine(temp, "repo"), "-trimpath");
            string inputs = Path.Combine(repository.Root, "inputs");
            Directory.CreateDirectory(inputs);
            string[] binaries =
            [
                repository.Binary,
                Fixtures.Get("go1.22", "default").Path,
                Fixtures.Get("go1.21", "pie").Path,
                Fixtures.Get("go1.23", "cgo").Path,
                Fixtures.Get("go1.24", "c-shared").Path,
                TestFiles.Text(inputs),
                TestFiles.Arm64Elf(inputs),
            ];

            var engine = new RecordingBuildEngine();
            string taskSarif = Path.Combine(temp, "task.sarif");
            var task = new VerifyGoBinaries
            {
                BuildEngine = engine,
                Binaries = [.. binaries.Select(b => new TaskItem(b))],
                SarifFile = taskSarif,
                RepositoryRoot = repository.Root,
            };
            bool taskResult = task.Execute();

            string toolSarif = Path.Combine(temp, "tool.sarif");
            var (exitCode, output, error) = RunTool(repository.Root, ["verify", .. binaries, "--sarif", toolSarif]);
            TestContext.WriteLine(output + error);

            Assert.IsFalse(taskResult);
            Assert.AreEqual(1, exitCode);
            var taskRun = SarifSchema.ParseFile(taskSarif).GetProperty("runs")[0];
            var toolRun = SarifSchema.ParseFile(toolSarif).GetProperty("runs")[0];
            Assert.AreEqual(1, taskRun.GetProperty("results").GetArrayLength(), "the patched fault is the one finding");
            CollectionAssert.AreEqual(Essence(taskRun), Essence(toolRun));
            // The tool found the repository root itself (the nearest .git-less directory is its working directory).
            Assert.AreEqual(taskRun.GetProperty("originalUriBaseIds").ToString(), toolRun.GetProperty("originalUriBaseIds").ToString());

            // Both place the patched fault at its Go source line (file(line,column)), everything else at the binary.
            var taskErrors = engine.Errors.Select(e => $"{(e.LineNumber > 0 ? $"{e.File}({e.LineNumber},{e.ColumnNumber})" : e.File)}: error {e.Code}: {e.Message}").ToList();
            Assert.IsTrue(engine.Errors.Any(e => e.Code == "GBC0004" && e.File.EndsWith("main.go", StringComparison.Ordinal) && e.LineNumber == repository.Line), "the finding is at its Go source line");
            var toolErrors = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": error GBC", StringComparison.Ordinal)).ToList();
            CollectionAssert.AreEqual(taskErrors, toolErrors);
            var taskWarnings = engine.Warnings.Select(e => $"{e.File}: warning {e.Code}: {e.Message}").ToList();
            CollectionAssert.AreEqual(taskWarnings, output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": warning GBC", StringComparison.Ordinal)).ToList());
            Assert.DoesNotContain("\r", output, "redirected output has no progress line");
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    [TestMethod]
    public void Verify_CleanFixturesByGlob_ExitsZeroLikeTheTaskSucceeds()
    {
        string fixtures = Path.GetDirectoryName(Path.GetDirectoryName(Fixtures.Get("go1.22", "default").Path))!;

        var (exitCode, output, _) = RunTool(fixtures, "verify", "*/hello");

        Assert.AreEqual(0, exitCode, output);
        var summaries = output.Split('\n').Where(l => l.StartsWith("GoBootCheck: ", StringComparison.Ordinal) && l.Contains(": go1.22", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(summaries.Count >= 5, output);
        StringAssert.Contains(output, $"GoBootCheck: {summaries.Count} binaries verified, 0 errors");
    }

    [TestMethod]
    public void Verify_NoArguments_ExitsTwoWithUsage()
    {
        var (exitCode, _, error) = RunTool(Path.GetTempPath(), "verify");

        Assert.AreEqual(2, exitCode);
        StringAssert.Contains(error, "Usage: gobootcheck verify");
    }

    [TestMethod]
    public void Verify_OnATerminal_ShowsWhichBinaryIsBeingVerified()
    {
        // script(1) (util-linux, in Debian's essential bsdutils) runs the tool on a pseudo-terminal, as a person would.
        string[] binaries = [Fixtures.Get("go1.22", "default").Path, Fixtures.Get("go1.22", "pie").Path];
        string command = string.Join(' ', new[] { "dotnet", ToolAssembly(), "verify" }.Concat(binaries).Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-q", "-e", "-c", command, "/dev/null" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        TestContext.WriteLine(output + error.Result);

        Assert.AreEqual(0, process.ExitCode);
        StringAssert.Contains(output, "[1/2] verifying hello");
        StringAssert.Contains(output, "[2/2] verifying hello");
        // Each progress line is erased before the next plain line.
        StringAssert.Contains(output, "\r" + new string(' ', "[1/2] verifying hello…".Length) + "\rGoBootCheck: " + binaries[0]);
    }
}
