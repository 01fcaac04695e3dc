using System.Diagnostics;
using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;
using Microsoft.Build.Utilities;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// Cancellation stops work promptly, in the middle of a binary: MSBuild's Cancel for the task, SIGINT (Ctrl+C) for the
/// tool. Both still write the SARIF log, marked as not successful, with the binaries verified so far.
/// </summary>
[TestClass]
public sealed class CancellationTests
{
    /// <summary>How long a cancelled run may take to return: one check interval of the engine plus writing the log, on a busy machine.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The Go toolchains' own binaries, many times over: minutes of work, so a cancellation always lands mid-run.</summary>
    private static string[] ManyLargeBinaries() => [.. Enumerable.Repeat(Fixtures.ToolchainBinaries(), 5).SelectMany(b => b)];

    /// <summary>
    /// As <see cref="ManyLargeBinaries"/>, each under its own path (symbolic links in <paramref name="directory"/>): the
    /// tool verifies a path named twice once, so repeating paths would leave it seconds of work, not minutes.
    /// </summary>
    private static string[] ManyLargeBinariesAtDistinctPaths(string directory)
    {
        var links = new List<string>();
        foreach (var (binary, index) in ManyLargeBinaries().Select((b, i) => (b, i)))
        {
            string link = Path.Combine(directory, "bin", index.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetFileName(binary));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, binary);
            links.Add(link);
        }
        return [.. links];
    }

    [TestMethod]
    public void Task_CancelledByMSBuild_ReturnsPromptlyAndWritesTheLog()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gbc-cancel-task-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            string[] binaries = ManyLargeBinaries();
            string sarif = Path.Combine(directory, "GoBootCheck.sarif");
            var task = new VerifyGoBinaries
            {
                BuildEngine = new RecordingBuildEngine(),
                Binaries = [.. binaries.Select(b => new TaskItem(b))],
                SarifFile = sarif,
                RepositoryRoot = directory,
            };
            var execution = System.Threading.Tasks.Task.Run(task.Execute);
            Thread.Sleep(1500);
            Assert.IsFalse(execution.IsCompleted, "the run ended before it could be cancelled");

            var clock = Stopwatch.StartNew();
            task.Cancel();
            Assert.IsTrue(execution.Wait(Prompt), $"Execute still running {Prompt.TotalSeconds} s after Cancel");
            TestContext.WriteLine($"returned {clock.ElapsedMilliseconds} ms after Cancel");

            var run = SarifSchema.ParseFile(sarif).GetProperty("runs")[0];
            Assert.IsFalse(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
            Assert.IsTrue(run.GetProperty("artifacts").GetArrayLength() < binaries.Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Tool_Sigint_ExitsPromptlyWith130AndWritesTheLog()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gbc-cancel-tool-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            string sarif = Path.Combine(directory, "out.sarif");
            // A test run started in the background of a non-interactive shell (CI) inherits SIGINT as ignored, and the .NET
            // runtime, like every well-behaved program, leaves an ignored SIGINT ignored: env restores its default first,
            // as an interactive terminal would have it, then execs dotnet under the same process id.
            var start = new ProcessStartInfo("env") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "--default-signal=INT", "dotnet", ToolVersusTaskTests.ToolAssembly(), "verify", "--sarif", sarif }.Concat(ManyLargeBinariesAtDistinctPaths(directory))) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Thread.Sleep(3000);
            Assert.IsFalse(process.HasExited, "the tool ended before it could be interrupted");

            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.IsTrue(process.WaitForExit(Prompt), $"gobootcheck still running {Prompt.TotalSeconds} s after SIGINT");
            TestContext.WriteLine($"exited {clock.ElapsedMilliseconds} ms after SIGINT\n{output.Result}{error.Result}");

            Assert.AreEqual(130, process.ExitCode);
            StringAssert.Contains(output.Result, "GoBootCheck: cancelled;");
            Assert.IsFalse(SarifSchema.ParseFile(sarif).GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
