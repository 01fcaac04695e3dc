using System.Diagnostics;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Emulation;
using GoBootCheck.Go;
using GoBootCheck.RulePacks;
using GoBootCheck.Rules;

namespace GoBootCheck.Engine;

/// <summary>
/// Runs the pipeline for one binary: bytes → image → Go model → shared analyses → rules → report.
/// Never throws for bad input; a bug in an analysis or a rule becomes one diagnostic naming the file.
/// </summary>
public sealed class GoBinaryVerifier
{
    private readonly IReadOnlyList<IRule> _rules;
    private readonly IReadOnlyList<IBinaryAnalysis> _analyses;

    /// <summary>A verifier with the built-in rules plus <paramref name="extraRules"/> (rule packs).</summary>
    public GoBinaryVerifier(IEnumerable<IRule>? extraRules = null)
        : this([.. BuiltInRules.Create(), .. extraRules ?? []], BuiltInRules.Analyses())
    {
    }

    internal GoBinaryVerifier(IReadOnlyList<IRule> rules, IReadOnlyList<IBinaryAnalysis> analyses)
    {
        _rules = rules;
        _analyses = analyses;
    }

    /// <summary>The rules this verifier runs, for SARIF's rule metadata.</summary>
    public IReadOnlyList<RuleDescriptor> Rules => [.. _rules.Select(r => r.Descriptor)];

    /// <summary>Verifies one binary given as bytes; <paramref name="path"/> names it in every message.</summary>
    public BinaryReport Verify(string path, ReadOnlyMemory<byte> bytes, VerificationOptions options, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        var results = new List<RuleResult>();
        BinarySummary? summary = null;
        try
        {
            if (BinaryImage.TryLoad(path, bytes, diagnostics, out var image) &&
                GoBinary.TryRead(image!, diagnostics, out var binary))
            {
                results.AddRange(RunRules(binary!, options, diagnostics, cancellation, out var trace));
                summary = Summarize(binary!, trace);
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
        return new BinaryReport(path, summary, ApplyPolicy(diagnostics.Items, options), results, clock.Elapsed);
    }

    private List<RuleResult> RunRules(GoBinary binary, VerificationOptions options, DiagnosticBag diagnostics, CancellationToken cancellation,
        out StartupTrace? trace)
    {
        trace = null;
        if (binary.UnsupportedReason is { } why)
            return [.. _rules.Select(r => RuleResult.NotVerified(r.Descriptor, $"not verified: {why} (GBC1020)"))];
        var computed = new Dictionary<string, object>();
        foreach (var analysis in _analyses)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                if (analysis.Compute(binary, options, diagnostics, cancellation) is { } value)
                    computed[analysis.ResultType.FullName!] = value;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.InternalError,
                    $"{binary.Image.Name}: internal error in {analysis.ResultType.Name} ({ex.GetType().Name}: {ex.Message})"));
            }
        }
        trace = computed.GetValueOrDefault(typeof(StartupTrace).FullName!) as StartupTrace;
        var context = new RuleContext(binary, computed, cancellation);
        var results = new List<RuleResult>();
        foreach (var rule in _rules)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                results.Add(rule.Evaluate(context));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.RuleFailure,
                    $"{binary.Image.Name}: rule {rule.Descriptor.Id} {rule.Descriptor.Name} failed ({ex.GetType().Name}: {ex.Message})"));
                results.Add(RuleResult.NotVerified(rule.Descriptor, $"the rule failed: {ex.Message}"));
            }
        }
        return results;
    }

    private static BinarySummary Summarize(GoBinary b, StartupTrace? trace) => new(
        b.Version?.Text ?? "unknown",
        b.BuildMode,
        // Executed beats inferred: once rt0_go finished its TLS set-up, it either called _cgo_init or it did not.
        trace?.Bootstrap is not null ? (trace.CgoInitCall() is not null ? "yes" : "no") : b.Cgo,
        b.IsStripped,
        b.Functions.Count,
        b.Pclntab.Layout.Describe(),
        b.BuildInfo?.MainModule ?? b.BuildInfo?.Path);

    private static List<ToolDiagnostic> ApplyPolicy(IReadOnlyList<ToolDiagnostic> diagnostics, VerificationOptions options) =>
        [.. diagnostics.Select(d => options.TreatUnverifiableAsError && d.Kind == DiagnosticKind.Unsupported && d.Severity == Severity.Warning
            ? d with { Severity = Severity.Error }
            : d)];
}
