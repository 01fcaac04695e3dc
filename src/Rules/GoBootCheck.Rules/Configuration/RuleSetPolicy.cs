using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;

namespace GoBootCheck.Configuration;

/// <summary>
/// Applies a rule set to the reports of one run, between the verifier and the sinks: drops the results of disabled
/// rules, sets configured severities, and marks the findings a suppression accepts (they stay in the report). Counts
/// what each suppression matched, so that one that matched nothing in the whole run can be reported. One instance per run.
/// </summary>
public sealed class RuleSetPolicy(RuleSet ruleSet)
{
    private readonly int[] _matches = new int[ruleSet.Suppressions.Count];
    private readonly string _baseDirectory = ruleSet.File.Length == 0 ? "" : Path.GetDirectoryName(ruleSet.File) ?? "";

    /// <summary>The report as the rule set wants it shown. Computes no verdict: it reads and re-labels findings.</summary>
    public BinaryReport Apply(BinaryReport report)
    {
        if (ruleSet.Rules.Count == 0 && ruleSet.Suppressions.Count == 0) return report;
        var results = new List<RulePacks.RuleResult>(report.Results.Count);
        foreach (var result in report.Results)
        {
            string id = result.Rule.Id;
            if (!ruleSet.IsEnabled(id)) continue;
            Severity? severity = ruleSet.Rules.TryGetValue(id, out var settings) ? settings.Severity : null;
            var findings = result.Findings.Select(f =>
            {
                var labelled = severity is { } s ? f with { Severity = s } : f;
                return Suppress(labelled, report.Path);
            }).ToList();
            results.Add(result with { Findings = findings });
        }
        return report with { Results = results };
    }

    /// <summary>A warning for each suppression that matched no finding of the reports applied so far.</summary>
    public IEnumerable<RuleSetProblem> UnusedSuppressions()
    {
        for (int i = 0; i < _matches.Length; i++)
        {
            if (_matches[i] > 0) continue;
            var s = ruleSet.Suppressions[i];
            string scope = (s.Binary, s.Function) switch
            {
                (null, null) => "",
                (var b, null) => $" in binaries matching \"{b}\"",
                (null, var f) => $" in functions matching \"{f}\"",
                var (b, f) => $" in functions matching \"{f}\" of binaries matching \"{b}\"",
            };
            yield return new RuleSetProblem(DiagnosticIds.SuppressionMatchedNothing, Severity.Warning, ruleSet.File, s.Line, 0,
                $"the suppression of {s.RuleId}{scope} matched no finding in this build; remove it if the problem is fixed");
        }
    }

    private RulePacks.Finding Suppress(RulePacks.Finding finding, string binaryPath)
    {
        for (int i = 0; i < ruleSet.Suppressions.Count; i++)
        {
            var s = ruleSet.Suppressions[i];
            if (s.RuleId != finding.RuleId) continue;
            if (s.Binary is { } glob && !glob.IsMatch(binaryPath, _baseDirectory)) continue;
            if (s.Function is { } pattern && (finding.Location?.Function is not { } function || !pattern.IsMatch(function))) continue;
            _matches[i]++;
            // The first matching suppression is the one shown; the others still count as used.
            if (finding.Suppression is null) finding = finding with { Suppression = new RulePacks.FindingSuppression(s.Justification) { File = ruleSet.File, Line = s.Line } };
        }
        return finding;
    }
}
