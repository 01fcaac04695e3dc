using System.Diagnostics;
using GoBootCheck.Analysis;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Emulation;
using GoBootCheck.Go;
using GoBootCheck.Host;
using GoBootCheck.RulePacks;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Engine;

/// <summary>
/// Runs the pipeline for one binary: bytes → image → Go metadata → shared analyses → rules → report. The rules come
/// from a <see cref="RuleCatalog"/> (built-in rules and rule packs, loaded alike) and see only the public rule API.
/// Never throws for bad input; a bug in an analysis becomes one diagnostic naming the file, a misbehaving rule one
/// diagnostic naming the rule and its pack.
/// </summary>
public sealed class GoBinaryVerifier
{
    private readonly RuleCatalog _catalog;
    private readonly IReadOnlyList<IBinaryAnalysis> _analyses;

    /// <summary>A verifier with the built-in rules.</summary>
    public GoBinaryVerifier() : this(RuleCatalog.BuiltIn())
    {
    }

    /// <summary>A verifier with the rules of <paramref name="catalog"/> (which the caller disposes).</summary>
    public GoBinaryVerifier(RuleCatalog catalog) : this(catalog, BuiltInAnalyses.Create())
    {
    }

    internal GoBinaryVerifier(RuleCatalog catalog, IReadOnlyList<IBinaryAnalysis> analyses)
    {
        _catalog = catalog;
        _analyses = analyses;
    }

    /// <summary>The rules and packs this verifier runs.</summary>
    internal RuleCatalog Catalog => _catalog;

    /// <summary>The rules this verifier runs, for SARIF's rule metadata.</summary>
    public IReadOnlyList<RuleDescriptor> Rules => _catalog.Descriptors;

    /// <summary>The rules' public descriptors with their typed parameters, for the rule set reader and schema.</summary>
    public IReadOnlyList<Sdk.RuleDescriptor> RuleDescriptors => _catalog.RuleDescriptors;

    /// <summary>Verifies one binary given as bytes; <paramref name="path"/> names it in every message.</summary>
    public BinaryReport Verify(string path, ReadOnlyMemory<byte> bytes, VerificationOptions options, CancellationToken cancellation = default) =>
        Verify(path, bytes, options, [], cancellation);

    /// <summary>Verifies one binary given as bytes; <paramref name="path"/> names it in every message.</summary>
    /// <param name="path">The binary's name in messages.</param>
    /// <param name="bytes">The whole file.</param>
    /// <param name="options">Budgets, policy and the rules' parameter values.</param>
    /// <param name="companions">Files the build associates with this binary (its c-shared header), for the rules.</param>
    /// <param name="cancellation">The build's cancellation.</param>
    public BinaryReport Verify(string path, ReadOnlyMemory<byte> bytes, VerificationOptions options, IReadOnlyList<Sdk.CompanionFile> companions,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        var results = new List<RuleResult>();
        BinarySummary? summary = null;
        IReadOnlyList<Segment> segments = [];
        try
        {
            bool loaded = BinaryImage.TryLoad(path, bytes, diagnostics, out var image);
            if (loaded) segments = image!.Memory.Segments;
            if (loaded && GoBinary.TryRead(image!, diagnostics, out var binary))
            {
                if (binary!.UnsupportedReason is { } why)
                {
                    // A Go release before 1.4: one GBC1020 warning (from GoBinary.TryRead) and no verdict from any rule.
                    results.AddRange(_catalog.Rules.Select(r => RuleResult.NotVerified(r.Report, $"not verified: {why} (GBC1020)")));
                    return new BinaryReport(path, null, ApplyPolicy(diagnostics.Items, options), results, clock.Elapsed);
                }
                var model = Analyze(binary!, options, companions, diagnostics, cancellation);
                var runner = new RuleRunner(options.RuleTimeBudget, options.RuleCancellationGrace);
                foreach (var rule in _catalog.Rules)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (options.DisabledRules?.Contains(rule.Descriptor.Id) == true) continue;
                    results.Add(runner.Run(rule, model, options.RuleParameters?.GetValueOrDefault(rule.Descriptor.Id), diagnostics, cancellation, options.Sequence));
                }
                summary = Summarize(model);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.EmulationLimit, $"{path}: verification was cancelled"));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.InternalError,
                $"{path}: internal error while verifying ({ex.GetType().Name}: {ex.Message}); please report it with the binary"));
        }
        return new BinaryReport(path, summary, ApplyPolicy(diagnostics.Items, options), results, clock.Elapsed) { LoadSegments = segments };
    }

    private HostModel Analyze(GoBinary binary, VerificationOptions options, IReadOnlyList<Sdk.CompanionFile> companions, DiagnosticBag diagnostics,
        CancellationToken cancellation)
    {
        var inputs = new AnalysisOptions(options.InstructionBudget, options.TimeBudget) { Parallelism = options.Parallelism };
        var computed = new List<(IBinaryAnalysis Analysis, object Result)>();
        foreach (var analysis in _analyses)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                if (analysis.Compute(binary, inputs, diagnostics, cancellation) is { } value) computed.Add((analysis, value));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.InternalError,
                    $"{binary.Image.Name}: internal error in {analysis.ResultType.Name} ({ex.GetType().Name}: {ex.Message})"));
            }
        }
        var published = new Dictionary<Type, object>();
        var model = new HostModel(binary, published, companions);
        foreach (var (analysis, result) in computed) published[analysis.ResultType] = analysis.Publish(result, model.Go);
        return model;
    }

    private static BinarySummary Summarize(HostModel model)
    {
        var b = model.Binary;
        var trace = model.GetAnalysis<Sdk.BootstrapTrace>();
        // Executed beats inferred: once rt0_go finished its TLS set-up, it either called _cgo_init or it did not.
        var cgo = trace?.Cgo is Sdk.CgoUse.Yes or Sdk.CgoUse.No ? trace.Cgo : b.Cgo;
        return new BinarySummary(b.Version?.Text ?? "unknown", b.BuildMode, b.BuildModeInferred, cgo, b.IsStripped, b.Functions.Count,
            b.Pclntab.Layout.Describe(), b.BuildInfo?.MainModule ?? b.BuildInfo?.Path);
    }

    private static List<ToolDiagnostic> ApplyPolicy(IReadOnlyList<ToolDiagnostic> diagnostics, VerificationOptions options) =>
        [.. diagnostics.Select(d => options.TreatUnverifiableAsError && d.Kind == DiagnosticKind.Unsupported && d.Severity == Severity.Warning
            ? d with { Severity = Severity.Error }
            : d)];
}
