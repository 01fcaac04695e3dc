using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;

namespace GoBootCheck.Tasks;

/// <summary>
/// The task's work: read every binary, verify each (an earlier failure never stops a later binary), log, and write
/// the SARIF log whether or not the build passes. The only place of the task that touches the file system.
/// </summary>
internal sealed class VerificationRun(GoBinaryVerifier verifier, MSBuildLogSink sink, string toolVersion)
{
    public void Execute(TaskInputs inputs, CancellationToken cancellation)
    {
        var start = DateTimeOffset.UtcNow;
        var problems = new List<LogEntry>();
        var options = inputs.ToOptions(problems);
        // Binaries side by side, each one's per-function work spread as well; logged in input order (BinaryScheduler).
        int degree = BinaryScheduler.Degree(inputs.ParallelismDegree(problems), inputs.NodeCount, Environment.ProcessorCount);
        options = options with { Parallelism = degree };
        sink.Write(problems);

        var reports = new List<BinaryReport>();
        var facts = new Dictionary<string, ArtifactFacts>(StringComparer.Ordinal);
        foreach (var (_, (report, fileFacts)) in BinaryScheduler.Run(inputs.Binaries.Count, degree, inputs.MemoryBudget,
                     i => BinaryScheduler.Weight(SizeOf(inputs.Binaries[i])), i => VerifyOne(inputs.Binaries[i], options, cancellation), cancellation))
        {
            reports.Add(report);
            if (fileFacts is not null) facts[report.Path] = fileFacts;
            sink.Write(BuildLogFormatter.Format(report));
        }
        if (reports.Count < inputs.Binaries.Count)
            sink.Message($"GoBootCheck: cancelled; {inputs.Binaries.Count - reports.Count} binaries not verified");

        if (!string.IsNullOrWhiteSpace(inputs.SarifFile))
        {
            var run = new SarifRun
            {
                Reports = reports,
                Rules = verifier.Rules,
                ToolVersion = toolVersion,
                BaseDirectory = string.IsNullOrWhiteSpace(inputs.SarifBaseDirectory) ? null : Path.GetFullPath(inputs.SarifBaseDirectory),
                Artifacts = facts,
                StartTime = start,
                EndTime = DateTimeOffset.UtcNow,
            };
            WriteSarif(Path.GetFullPath(inputs.SarifFile), run);
        }
        sink.Write(BuildLogFormatter.Summarize(reports));
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return 0; // VerifyOne reports it
        }
    }

    private (BinaryReport Report, ArtifactFacts? Facts) VerifyOne(string path, VerificationOptions options, CancellationToken cancellation)
    {
        BinaryFile file;
        try
        {
            file = BinaryFile.Open(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            var unreadable = ToolDiagnostic.Broken(DiagnosticIds.FileUnreadable, $"{path}: cannot read the file ({Describe(ex)})");
            return (new BinaryReport(path, null, [unreadable], [], TimeSpan.Zero), null);
        }
        // The report holds no reference to the bytes (messages, locations and names are strings): unmapping after the
        // binary is safe, and keeps one binary's pages from outliving its verification.
        using (file)
        {
            BinaryReport report;
            try
            {
                report = verifier.Verify(path, file.Bytes, options, cancellation);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The verifier contains its own failures; this guards the boundary so that one binary never stops the rest.
                var bug = ToolDiagnostic.Broken(DiagnosticIds.InternalError, $"{path}: internal error while verifying ({ex.GetType().Name}: {ex.Message}); please report it with the binary");
                report = new BinaryReport(path, null, [bug], [], TimeSpan.Zero);
            }
            try
            {
                // After the verification: a large file's hash is computed alongside it.
                return (report, new ArtifactFacts(file.Bytes.Length, file.Sha256));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var unreadable = ToolDiagnostic.Broken(DiagnosticIds.FileUnreadable, $"{path}: cannot read the file ({Describe(ex)})");
                return (new BinaryReport(path, null, [unreadable], [], TimeSpan.Zero), null);
            }
        }
    }

    private void WriteSarif(string sarifFile, SarifRun run)
    {
        try
        {
            // A unique temporary file beside it, renamed over it: a reader never sees half a log.
            AtomicFile.Write(sarifFile, stream => SarifWriter.Write(stream, run));
            sink.Message($"GoBootCheck: SARIF log written to {sarifFile}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            sink.Write(new LogEntry(LogEntryKind.Diagnostic, Severity.Error, DiagnosticIds.OutputUnwritable, sarifFile,
                $"cannot write the SARIF log ({Describe(ex)})"));
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        FileNotFoundException => "file not found",
        DirectoryNotFoundException => "directory not found",
        UnauthorizedAccessException => "access denied",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
