using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;

namespace GoBootCheck.RulePacks;

/// <summary>
/// Makes a build's reports what verifying one binary after the other would give when a rule pack is abandoned: fed
/// the freshly verified reports in input order, it leaves every report up to and including the first binary on which
/// a rule of a pack ignored cancellation, and rewrites each later one as if the pack had not been run there (each of its
/// rules "not run", none of its findings or rule diagnostics). Binaries verified side by side may have run the pack
/// before the fault was known; their output does not depend on that timing.
/// </summary>
/// <remarks>Not thread-safe: one instance per run, fed on one thread.</remarks>
internal sealed class PackFaultsInInputOrder(RuleCatalog catalog)
{
    private readonly Dictionary<string, LoadedRule> _rules = catalog.Rules.ToDictionary(r => r.Descriptor.Id, StringComparer.Ordinal);
    private readonly Dictionary<RulePack, string> _faulty = [];

    /// <summary>The report of the next binary in input order, settled against the faults of the binaries before it.</summary>
    public BinaryReport Apply(BinaryReport report)
    {
        if (_faulty.Count > 0) report = WithoutFaultyPacks(report);
        foreach (var diagnostic in report.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.RuleAbandoned && diagnostic.RuleId is { } id && _rules.TryGetValue(id, out var rule))
                _faulty.TryAdd(rule.Pack, RuleRunner.AbandonmentReason(id, report.Path));
        }
        return report;
    }

    private BinaryReport WithoutFaultyPacks(BinaryReport report)
    {
        bool changed = false;
        var results = new List<RuleResult>(report.Results.Count);
        foreach (var result in report.Results)
        {
            if (_rules.TryGetValue(result.Rule.Id, out var rule) && _faulty.TryGetValue(rule.Pack, out string? fault))
            {
                results.Add(RuleRunner.NotRun(rule, fault));
                changed = true;
            }
            else
            {
                results.Add(result);
            }
        }
        var diagnostics = report.Diagnostics
            .Where(d => !(d.RuleId is { } id && _rules.TryGetValue(id, out var rule) && _faulty.ContainsKey(rule.Pack)))
            .ToList();
        changed |= diagnostics.Count != report.Diagnostics.Count;
        return changed ? report with { Results = results, Diagnostics = diagnostics } : report;
    }
}
