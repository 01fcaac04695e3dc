using GoBootCheck.Configuration;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;
using GoBootCheck.RulePacks;
using GoBootCheck.Tasks.Incremental;

namespace GoBootCheck.Tasks;

/// <summary>What a run concluded, for the caller's exit status.</summary>
/// <param name="HasErrors">An error was reported (the task fails, the tool exits 1).</param>
/// <param name="Cancelled">The run stopped before every binary was verified.</param>
internal sealed record RunOutcome(bool HasErrors, bool Cancelled)
{
    /// <summary>Stored-verdict files the run read or wrote (the task's FileWrites).</summary>
    public IReadOnlyList<string> CacheFiles { get; init; } = [];
}

/// <summary>
/// The work of the task and of the gobootcheck tool alike: load the rule packs, read the rule set, read every binary,
/// replay its stored verdict or verify it (an earlier failure never stops a later binary), log, and write the SARIF log
/// whether or not the run passes. The only place of either that touches the file system for verification.
/// </summary>
internal sealed class VerificationRun(GoBinaryVerifier verifier, IVerificationSink sink, string toolVersion)
{
    private VerdictCache? _cache;
    private readonly ReadBuffers _buffers = new();

    /// <summary>Stored-verdict files read or written by <see cref="Execute"/>.</summary>
    public IReadOnlyList<string> CacheFiles => _cache?.Files ?? [];

    /// <summary>
    /// The one entry point of the task and the tool: the built-in rules and <see cref="TaskInputs.RulePacks"/> in one
    /// catalog (a pack marked faulty stays faulty for the rest of the run's binaries), then <see cref="Execute"/>.
    /// </summary>
    public static RunOutcome Run(TaskInputs inputs, IVerificationSink sink, string toolVersion, CancellationToken cancellation)
    {
        using var catalog = RuleCatalog.Load(inputs.RulePacks ?? []);
        var packProblems = catalog.Diagnostics
            .Select(d => new LogEntry(LogEntryKind.Diagnostic, d.Diagnostic.Severity, d.Diagnostic.Id, d.PackPath, d.Diagnostic.Message))
            .ToList();
        sink.Write(packProblems);
        var run = new VerificationRun(new GoBinaryVerifier(catalog), sink, toolVersion);
        // A pack that did not load is a tool error: nothing is replayed or stored while it lasts.
        var outcome = run.Execute(packProblems.Count == 0 ? inputs : inputs with { Incremental = false }, cancellation, packProblems);
        return outcome with { CacheFiles = run.CacheFiles };
    }

    /// <summary>Verifies <paramref name="inputs"/> with this run's verifier; <paramref name="earlierProblems"/> (already logged) count and go into SARIF.</summary>
    public RunOutcome Execute(TaskInputs inputs, CancellationToken cancellation, IReadOnlyList<LogEntry>? earlierProblems = null)
    {
        var start = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var problems = new List<LogEntry>();
        var options = inputs.ToOptions(problems);
        // Binaries side by side, each one's per-function work spread as well; logged in input order (BinaryScheduler).
        int degree = BinaryScheduler.Degree(inputs.ParallelismDegree(problems), inputs.NodeCount, Environment.ProcessorCount);
        options = options with { Parallelism = degree };
        sink.Write(problems);
        problems.InsertRange(0, earlierProblems ?? []);
        var ruleSetProblems = new List<RuleSetProblem>();
        var (ruleSet, ruleSetBytes, ruleSetValid) = ReadRuleSet(inputs.RuleSetFile, ruleSetProblems);
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
        bool cancelled = false;
        // On this thread, in input order: companions (their read errors are logged) and stored verdicts. A replayed
        // verdict needs no worker; the scheduler verifies the rest side by side and hands them back in input order.
        var binaries = inputs.Binaries;
        var pending = new Pending[binaries.Count];
        var toVerify = new List<int>();
        for (int i = 0; i < binaries.Count && !cancellation.IsCancellationRequested; i++)
        {
            pending[i] = Prepare(binaries[i], Companions(binaries[i], inputs), facts);
            if (pending[i].Stored is null) toVerify.Add(i);
        }
        // The content hash serves the SARIF log's artifacts and the verdict cache's keys only.
        bool hash = _cache is not null || !string.IsNullOrWhiteSpace(inputs.SarifFile);
        // Several binaries already keep the workers busy: one binary's prologue scan then runs on its worker alone, so
        // that workers and scan threads do not contend for the same cores. A lone binary gets them all.
        var perBinary = options with { Parallelism = toVerify.Count > 1 ? 1 : degree };
        using var verified = BinaryScheduler.Run(toVerify.Count, degree, inputs.MemoryBudget,
            j => BinaryScheduler.Weight(SizeOf(binaries[toVerify[j]])),
            j => VerifyOne(binaries[toVerify[j]], perBinary with { Sequence = toVerify[j] }, pending[toVerify[j]].Companions, hash, cancellation), cancellation).GetEnumerator();
        // A rule pack abandoned on a binary is not run on the later ones, in input order whatever the timing of the workers.
        var packFaults = new PackFaultsInInputOrder(verifier.Catalog);
        for (int i = 0; i < binaries.Count && pending[i] is not null; i++)
        {
            BinaryReport report;
            if (pending[i].Stored is { } stored)
            {
                report = stored;
            }
            else
            {
                sink.Progress(reports.Count, binaries.Count, binaries[i]);
                if (!verified.MoveNext()) break; // cancelled: the rest never started
                var (fresh, fileFacts) = verified.Current.Result;
                fresh = packFaults.Apply(fresh);
                if (fileFacts is not null) facts[fresh.Path] = fileFacts;
                Store(pending[i], fresh, fileFacts, cancellation);
                report = fresh;
            }
            report = policy.Apply(report);
            reports.Add(report);
            sink.Write(BuildLogFormatter.Format(report));
        }
        if (reports.Count < binaries.Count)
        {
            cancelled = true;
            sink.Message($"GoBootCheck: cancelled; {binaries.Count - reports.Count} binaries not verified");
        }
        if (reports.Count == binaries.Count)
        {
            foreach (var unused in policy.UnusedSuppressions())
            {
                sink.Write(unused);
                ruleSetProblems.Add(unused);
            }
        }
        int replayed = reports.Count(r => r.Replayed);
        if (replayed > 0 && replayed == reports.Count)
            sink.Important($"GoBootCheck: no binary changed since the last build; {replayed} stored {(replayed == 1 ? "verdict" : "verdicts")} replayed, nothing verified");
        else if (replayed > 0)
            sink.Message($"GoBootCheck: {replayed} of {reports.Count} binaries unchanged since the last build; their stored verdicts replayed");

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
                RepositoryUrl = string.IsNullOrWhiteSpace(inputs.RepositoryUrl) ? ProductInfo.RepositoryUrl : inputs.RepositoryUrl.Trim().TrimEnd('/'),
                Artifacts = facts,
                ConfigurationDiagnostics =
                [
                    .. problems.Select(p => new ToolDiagnostic(p.Code ?? DiagnosticIds.InvalidConfiguration, p.Severity, DiagnosticKind.Broken, p.Message)),
                    .. ruleSetProblems.Select(p => new ToolDiagnostic(p.Id, p.Severity, DiagnosticKind.Broken,
                        p.Line > 0 ? $"{Path.GetFileName(p.File)}({p.Line},{p.Column}): {p.Message}" : $"{Path.GetFileName(p.File)}: {p.Message}")),
                ],
                Cancelled = cancelled || cancellation.IsCancellationRequested,
                StartTime = start,
                EndTime = DateTimeOffset.UtcNow,
            };
            sarifFailed = !WriteSarif(Path.GetFullPath(inputs.SarifFile), run);
        }
        sink.Write(BuildLogFormatter.Summarize(reports, clock.Elapsed));
        bool errors = sarifFailed || problems.Any(p => p.Severity == Severity.Error) || ruleSetProblems.Any(p => p.Severity == Severity.Error) ||
            reports.Any(r => r.HasErrors);
        return new RunOutcome(errors, cancelled || cancellation.IsCancellationRequested);
    }

    /// <summary>The rule set, its bytes (for the verdict key) and whether it is free of errors; problems are logged.</summary>
    private (RuleSet RuleSet, byte[] Bytes, bool Valid) ReadRuleSet(string? file, List<RuleSetProblem> logged)
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
            var unreadable = new RuleSetProblem(DiagnosticIds.RuleSetUnreadable, Severity.Error, full, 0, 0,
                $"cannot read the rule set file GoBootCheckRuleSet names ({Describe(ex)})");
            sink.Write(unreadable);
            logged.Add(unreadable);
            return (RuleSet.Empty with { File = full }, [], false);
        }
        var problems = new List<RuleSetProblem>();
        var ruleSet = RuleSetReader.Read(full, bytes, RuleSpecs.From(verifier.RuleDescriptors), problems);
        foreach (var problem in problems) sink.Write(problem);
        logged.AddRange(problems);
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

    /// <summary>A binary before verification: its companions, and its stored verdict if it and every other verdict input are unchanged.</summary>
    private sealed record Pending(string Path, List<Sdk.CompanionFile> Companions, string? Key, string? Sha256, BinaryReport? Stored);

    private Pending Prepare(string path, List<Sdk.CompanionFile> companions, Dictionary<string, ArtifactFacts> facts)
    {
        if (_cache is null || !VerdictCache.TryHash(path, out string sha256, out long length)) return new Pending(path, companions, null, null, null);
        string key = _cache.Key(sha256, companions);
        if (_cache.TryLoad(path, key) is { } stored)
        {
            facts[path] = new ArtifactFacts(length, sha256);
            return new Pending(path, companions, key, sha256, stored);
        }
        return new Pending(path, companions, key, sha256, null);
    }

    /// <summary>Stores a fresh verdict when it was verified from the hashed content, to the end, without a tool limit or failure.</summary>
    private void Store(Pending pending, BinaryReport report, ArtifactFacts? verified, CancellationToken cancellation)
    {
        if (_cache is null || pending.Key is null) return;
        if (!cancellation.IsCancellationRequested && VerdictCache.IsReplayable(report) && verified is not null && verified.Sha256 == pending.Sha256)
        {
            _cache.TrySave(pending.Path, pending.Key, report);
        }
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

    private (BinaryReport Report, ArtifactFacts? Facts) VerifyOne(string path, VerificationOptions options, List<Sdk.CompanionFile> companions, bool hash,
        CancellationToken cancellation)
    {
        BinaryFile file;
        try
        {
            file = BinaryFile.Open(path, BinaryFile.MapThreshold, _buffers, hash);
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
                return (report, file.Sha256 is { } sha256 ? new ArtifactFacts(file.Bytes.Length, sha256) : null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var unreadable = ToolDiagnostic.Broken(DiagnosticIds.FileUnreadable, $"{path}: cannot read the file ({Describe(ex)})");
                return (new BinaryReport(path, null, [unreadable], [], TimeSpan.Zero), null);
            }
        }
    }

    /// <summary>Writes the log beside and moves it into place; false (with a GBC1090 error) if that failed.</summary>
    private bool WriteSarif(string sarifFile, SarifRun run)
    {
        try
        {
            // A unique temporary file beside it, renamed over it: a reader never sees half a log.
            AtomicFile.Write(sarifFile, stream => SarifWriter.Write(stream, run));
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
