using GoBootCheck.Analysis;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Go;
using GoBootCheck.RulePacks;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Host;

/// <summary>What one rule concluded about one binary in a unit test: the verdict, typed and rendered findings, tool diagnostics.</summary>
internal sealed record HarnessRun(Sdk.Verdict Verdict, IReadOnlyList<Sdk.Finding> Findings, IReadOnlyList<string> Messages, IReadOnlyList<ToolDiagnostic> Diagnostics);

/// <summary>
/// The engine's side of GoBootCheck.Sdk.Testing: reads a binary through the real pipeline (image, Go metadata, the
/// shared analyses) and evaluates one rule on it inline, so that a pack author's exception reaches the test with its
/// stack trace. Descriptor and contract problems are exceptions here: they are bugs the test should show.
/// </summary>
internal static class HarnessHost
{
    public static HarnessRun Evaluate(Sdk.Rule rule, string name, ReadOnlyMemory<byte> bytes, IReadOnlyDictionary<string, object>? parameters,
        IReadOnlyList<Sdk.CompanionFile> companions, long instructionBudget, TimeSpan timeBudget, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var catalog = RuleCatalog.WithRules("harness", isolated: false, rule);
        var loaded = catalog.Rules[^1];
        var diagnostics = new DiagnosticBag();
        if (!BinaryImage.TryLoad(name, bytes, diagnostics, out var image) || !GoBinary.TryRead(image!, diagnostics, out var binary))
            throw new ArgumentException($"{name} is not a Go binary the engine can read: {string.Join("; ", diagnostics.Items.Select(d => $"{d.Id} {d.Message}"))}", nameof(bytes));

        var model = Analyze(binary!, new AnalysisOptions(instructionBudget, timeBudget), companions, diagnostics, cancellation);
        var typed = parameters is null ? null : Validate(loaded.Descriptor, parameters);
        var context = new BinaryRuleContext(model, loaded, typed, cancellation);
        var verdict = rule.Evaluate(context) ?? throw new InvalidOperationException($"{loaded.Descriptor.Id} returned no verdict");
        var findings = context.Close();
        var result = new RuleRunner(TimeSpan.MaxValue, TimeSpan.Zero).Judge(loaded, verdict, findings, diagnostics);
        if (diagnostics.Items.FirstOrDefault(d => d.Id == DiagnosticIds.RuleContractViolation) is { } broken)
            throw new InvalidOperationException(broken.Message);
        return new HarnessRun(verdict, findings, [.. result.Findings.Select(f => f.Message)], diagnostics.Items);
    }

    private static HostModel Analyze(GoBinary binary, AnalysisOptions options, IReadOnlyList<Sdk.CompanionFile> companions, DiagnosticBag diagnostics,
        CancellationToken cancellation)
    {
        var published = new Dictionary<Type, object>();
        var model = new HostModel(binary, published, companions);
        foreach (var analysis in BuiltInAnalyses.Create())
        {
            if (analysis.Compute(binary, options, diagnostics, cancellation) is { } value)
                published[analysis.ResultType] = analysis.Publish(value, model.Go);
        }
        return model;
    }

    /// <summary>Parameter values as a rule set would give them: names must be the rule's, values of its types and in range.</summary>
    private static Dictionary<string, object> Validate(Sdk.RuleDescriptor descriptor, IReadOnlyDictionary<string, object> values)
    {
        var typed = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var parameter = descriptor.Parameters.FirstOrDefault(p => p.Name == key)
                ?? throw new ArgumentException($"{descriptor.Id} has no parameter {key} (it has: {string.Join(", ", descriptor.Parameters.Select(p => p.Name))})");
            string text = value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (!parameter.TryParse(text, out var parsed, out string? error)) throw new ArgumentException(error);
            typed[key] = parsed!;
        }
        return typed;
    }
}
