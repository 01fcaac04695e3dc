using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;

namespace GoBootCheck.Tasks;

/// <summary>What a run concluded, for the caller's exit status.</summary>
/// <param name="HasErrors">An error was reported (the task fails, the tool exits 1).</param>
/// <param name="Cancelled">The run stopped before every binary was verified.</param>
internal sealed record RunOutcome(bool HasErrors, bool Cancelled);

/// <summary>
/// The work of the task and of the gobootcheck tool alike: read every binary, verify each (an earlier failure never
/// stops a later binary), log, and write the SARIF log whether or not the run passes. The only place of either that
/// touches the file system for verification.
/// </summary>
internal sealed class VerificationRun(GoBinaryVerifier verifier, IVerificationSink sink, string toolVersion)
{
    public RunOutcome Execute(TaskInputs inputs, CancellationToken cancellation)
    {
        var start = DateTimeOffset.UtcNow;
        var problems = new List<LogEntry>();
        var options = inputs.ToOptions(problems);
        // Rule sets (issue 11) and rule packs (issue 9) are read by their own branches' code; until it is here, an
        // input that names them is an error rather than silently ignored.
        if (!string.IsNullOrWhiteSpace(inputs.RuleSetFile))
            problems.Add(new LogEntry(LogEntryKind.Diagnostic, Severity.Error, DiagnosticIds.InvalidConfiguration, inputs.RuleSetFile, "rule set files are not supported by this build of GoBootCheck; the file was not read"));
        foreach (string pack in inputs.RulePacks)
            problems.Add(new LogEntry(LogEntryKind.Diagnostic, Severity.Error, DiagnosticIds.InvalidConfiguration, pack, "rule packs are not supported by this build of GoBootCheck; the pack was not loaded"));
        sink.Write(problems);

        var reports = new List<BinaryReport>();
        var facts = new Dictionary<string, ArtifactFacts>(StringComparer.Ordinal);
        bool cancelled = false;
        foreach (string path in inputs.Binaries)
        {
            if (cancellation.IsCancellationRequested)
            {
                cancelled = true;
                sink.Message($"GoBootCheck: cancelled; {inputs.Binaries.Count - reports.Count} binaries not verified");
                break;
            }
            sink.Progress(reports.Count, inputs.Binaries.Count, path);
            var report = VerifyOne(path, options, facts, cancellation);
            reports.Add(report);
            sink.Write(BuildLogFormatter.Format(report));
        }

        bool sarifFailed = false;
        if (!string.IsNullOrWhiteSpace(inputs.SarifFile))
        {
            string? root = string.IsNullOrWhiteSpace(inputs.RepositoryRoot) ? null : Path.GetFullPath(inputs.RepositoryRoot);
            var run = new SarifRun
            {
                Reports = reports,
                Rules = verifier.Rules,
                ToolVersion = toolVersion,
                RepositoryRoot = root,
                GoModules = root is null ? new Dictionary<string, string>() : GoModuleIndex.Find(root, cancellation),
                Artifacts = facts,
                ConfigurationDiagnostics = [.. problems.Select(p => new ToolDiagnostic(p.Code ?? DiagnosticIds.InvalidConfiguration, p.Severity, DiagnosticKind.Broken, p.Message))],
                Cancelled = cancelled || cancellation.IsCancellationRequested,
                StartTime = start,
                EndTime = DateTimeOffset.UtcNow,
            };
            sarifFailed = !WriteSarif(Path.GetFullPath(inputs.SarifFile), run);
        }
        sink.Write(BuildLogFormatter.Summarize(reports));
        bool errors = sarifFailed || problems.Any(p => p.Severity == Severity.Error) || reports.Any(r => r.HasErrors);
        return new RunOutcome(errors, cancelled || cancellation.IsCancellationRequested);
    }

    private BinaryReport VerifyOne(string path, VerificationOptions options, Dictionary<string, ArtifactFacts> facts, CancellationToken cancellation)
    {
        BinaryFile file;
        try
        {
            file = BinaryFile.Open(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            var unreadable = ToolDiagnostic.Broken(DiagnosticIds.FileUnreadable, $"{path}: cannot read the file ({Describe(ex)})");
            return new BinaryReport(path, null, [unreadable], [], TimeSpan.Zero);
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
                facts[path] = new ArtifactFacts(file.Bytes.Length, file.Sha256);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var unreadable = ToolDiagnostic.Broken(DiagnosticIds.FileUnreadable, $"{path}: cannot read the file ({Describe(ex)})");
                return new BinaryReport(path, null, [unreadable], [], TimeSpan.Zero);
            }
            return report;
        }
    }

    /// <summary>Writes the log beside and moves it into place; false (with a GBC1090 error) if that failed.</summary>
    private bool WriteSarif(string sarifFile, SarifRun run)
    {
        try
        {
            if (Path.GetDirectoryName(sarifFile) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
            // Write beside and move, so that a reader never sees half a log.
            string temporary = sarifFile + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                SarifWriter.Write(stream, run);
            }
            File.Move(temporary, sarifFile, overwrite: true);
            sink.Message($"GoBootCheck: SARIF log written to {sarifFile}");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            sink.Write(new LogEntry(LogEntryKind.Diagnostic, Severity.Error, DiagnosticIds.OutputUnwritable, sarifFile,
                $"cannot write the SARIF log ({Describe(ex)})"));
            return false;
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
