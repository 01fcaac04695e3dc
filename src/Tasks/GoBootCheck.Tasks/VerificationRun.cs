using GoBootCheck.Configuration;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;
using GoBootCheck.Tasks.Incremental;

namespace GoBootCheck.Tasks;

/// <summary>
/// The task's work: read every binary, verify each (an earlier failure never stops a later binary), log, and write
/// the SARIF log whether or not the build passes. The only place of the task that touches the file system.
/// </summary>
internal sealed class VerificationRun(GoBinaryVerifier verifier, MSBuildLogSink sink, string toolVersion)
{
    private VerdictCache? _cache;

    /// <summary>Stored-verdict files read or written by <see cref="Execute"/>.</summary>
    public IReadOnlyList<string> CacheFiles => _cache?.Files ?? [];

    public void Execute(TaskInputs inputs, CancellationToken cancellation)
    {
        var start = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var problems = new List<LogEntry>();
        var options = inputs.ToOptions(problems);
        sink.Write(problems);
        var (ruleSet, ruleSetBytes, ruleSetValid) = ReadRuleSet(inputs.RuleSetFile);
        var policy = new RuleSetPolicy(ruleSet);
        options = options with
        {
            RuleParameters = ruleSet.Rules.Values.Where(r => r.Parameters.Count > 0).ToDictionary(r => r.RuleId, r => r.Parameters, StringComparer.Ordinal),
            DisabledRules = ruleSet.Rules.Values.Where(r => !r.Enabled).Select(r => r.RuleId).ToHashSet(StringComparer.Ordinal),
        };
        // A rule set with errors fails the build; its verdicts are neither replayed nor stored.
        if (inputs.Incremental && ruleSetValid && problems.Count == 0 && !string.IsNullOrWhiteSpace(inputs.VerdictCacheDirectory) &&
            TryReadRulePacks(inputs.RulePacks ?? [], out var packs))
        {
            _cache = new VerdictCache(Path.GetFullPath(inputs.VerdictCacheDirectory), VerdictCache.ConfigurationKey(ToolIdentity.Current, ruleSetBytes, packs, options));
        }

        var reports = new List<BinaryReport>();
        var facts = new Dictionary<string, ArtifactFacts>(StringComparer.Ordinal);
        foreach (string path in inputs.Binaries)
        {
            if (cancellation.IsCancellationRequested)
            {
                sink.Message($"GoBootCheck: cancelled; {inputs.Binaries.Count - reports.Count} binaries not verified");
                break;
            }
            var report = policy.Apply(ReplayOrVerify(path, options, Companions(path, inputs), facts, cancellation));
            reports.Add(report);
            sink.Write(BuildLogFormatter.Format(report));
        }
        if (reports.Count == inputs.Binaries.Count)
        {
            foreach (var unused in policy.UnusedSuppressions()) sink.Write(unused);
        }
        int replayed = reports.Count(r => r.Replayed);
        if (replayed > 0 && replayed == reports.Count)
            sink.Important($"GoBootCheck: no binary changed since the last build; {replayed} stored {(replayed == 1 ? "verdict" : "verdicts")} replayed, nothing verified");
        else if (replayed > 0)
            sink.Message($"GoBootCheck: {replayed} of {reports.Count} binaries unchanged since the last build; their stored verdicts replayed");

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
        sink.Write(BuildLogFormatter.Summarize(reports, clock.Elapsed));
    }

    /// <summary>The rule set, its bytes (for the verdict key) and whether it is free of errors; problems are logged.</summary>
    private (RuleSet RuleSet, byte[] Bytes, bool Valid) ReadRuleSet(string? file)
    {
        if (string.IsNullOrWhiteSpace(file)) return (RuleSet.Empty, [], true);
        string full = Path.GetFullPath(file);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            sink.Write(new RuleSetProblem(DiagnosticIds.RuleSetUnreadable, Severity.Error, full, 0, 0,
                $"cannot read the rule set file GoBootCheckRuleSet names ({Describe(ex)})"));
            return (RuleSet.Empty with { File = full }, [], false);
        }
        var problems = new List<RuleSetProblem>();
        var ruleSet = RuleSetReader.Read(full, bytes, RuleSpecs.From(verifier.RuleDescriptors), problems);
        foreach (var problem in problems) sink.Write(problem);
        return (ruleSet, bytes, problems.Count == 0);
    }

    /// <summary>The rule packs' contents for the verdict key; false (no replay) if one cannot be read.</summary>
    private static bool TryReadRulePacks(IReadOnlyList<string> paths, out List<(string Name, byte[] Content)> packs)
    {
        packs = [];
        try
        {
            foreach (string path in paths) packs.Add((Path.GetFullPath(path), File.ReadAllBytes(path)));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return false;
        }
    }

    /// <summary>The stored verdict if the binary and every other verdict input are unchanged, else a fresh one (stored if replayable).</summary>
    private BinaryReport ReplayOrVerify(string path, VerificationOptions options, List<Sdk.CompanionFile> companions, Dictionary<string, ArtifactFacts> facts,
        CancellationToken cancellation)
    {
        if (_cache is null || !VerdictCache.TryHash(path, out string sha256, out long length)) return VerifyOne(path, options, companions, facts, cancellation);
        string key = _cache.Key(sha256, companions);
        if (_cache.TryLoad(path, key) is { } stored)
        {
            facts[path] = new ArtifactFacts(length, sha256);
            return stored;
        }
        var report = VerifyOne(path, options, companions, facts, cancellation);
        // Store only what was verified from the hashed content, to the end, without a tool limit or failure.
        if (!cancellation.IsCancellationRequested && VerdictCache.IsReplayable(report) &&
            facts.TryGetValue(path, out var verified) && verified.Sha256 == sha256)
        {
            _cache.TrySave(path, key, report);
        }
        return report;
    }

    /// <summary>The files the build lists for a binary (its c-shared header): read here, so that src/Rules never touches a file.</summary>
    private List<Sdk.CompanionFile> Companions(string path, TaskInputs inputs)
    {
        if (inputs.CHeaders?.GetValueOrDefault(path) is not { } header) return [];
        try
        {
            return [new Sdk.CompanionFile(Sdk.CompanionFile.CHeader, header, File.ReadAllText(header))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            sink.Write(new LogEntry(LogEntryKind.Diagnostic, Severity.Error, DiagnosticIds.FileUnreadable, header, $"cannot read the C header of {path} ({Describe(ex)})"));
            return [];
        }
    }

    private BinaryReport VerifyOne(string path, VerificationOptions options, List<Sdk.CompanionFile> companions, Dictionary<string, ArtifactFacts> facts, CancellationToken cancellation)
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
                report = verifier.Verify(path, file.Bytes, options, companions, cancellation);
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

    private void WriteSarif(string sarifFile, SarifRun run)
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
