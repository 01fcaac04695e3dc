using System.Globalization;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Host;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.RulePacks;

/// <summary>
/// Runs one rule on one binary and turns its verdict and typed findings into a <see cref="RuleResult"/>. The built-in
/// rules run inline; a pack's rule runs on its own thread with a time budget: when the budget runs out its token is
/// cancelled, and a rule that still does not return is abandoned (.NET cannot stop a thread) and its pack is marked
/// faulty for the rest of the build. A rule that throws, overruns or breaks its contract is reported once, naming the
/// rule and its pack, and its result for the binary is discarded; the other rules go on.
/// </summary>
internal sealed class RuleRunner(TimeSpan budget, TimeSpan grace)
{
    public RuleResult Run(LoadedRule rule, HostModel model, IReadOnlyDictionary<string, object>? parameters, DiagnosticBag diagnostics, CancellationToken cancellation,
        long? sequence = null)
    {
        string binary = model.Binary.Image.Name;
        if (rule.Pack.FaultBefore(sequence) is { } fault)
            return NotRun(rule, fault);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var context = new BinaryRuleContext(model, rule, parameters, timeout.Token);
        Sdk.Verdict? verdict;
        Exception? error;
        if (rule.Pack.IsIsolated)
        {
            var evaluation = new Evaluation(rule.Rule, context);
            if (!evaluation.Finished.Wait(budget, CancellationToken.None))
            {
                timeout.Cancel();
                if (!evaluation.Finished.Wait(grace, CancellationToken.None))
                {
                    context.Close();
                    cancellation.ThrowIfCancellationRequested();
                    rule.Pack.MarkFaulty(AbandonmentReason(rule.Descriptor.Id, binary), sequence);
                    diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.RuleAbandoned,
                        $"{binary}: rule {rule} ran past its time budget of {Seconds(budget)} s and ignored cancellation for {Seconds(grace)} s more: " +
                        "it was abandoned, its result discarded, and the pack's rules are not run again in this build") with { RuleId = rule.Descriptor.Id });
                    return Discarded(rule, "abandoned after ignoring cancellation (GBC1018)");
                }
                cancellation.ThrowIfCancellationRequested();
                context.Close();
                diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.RuleOverranBudget,
                    $"{binary}: rule {rule} ran past its time budget of {Seconds(budget)} s and stopped when cancelled; its result is discarded") with { RuleId = rule.Descriptor.Id });
                return Discarded(rule, $"ran past its time budget of {Seconds(budget)} s (GBC1017)");
            }
            evaluation.Finished.Dispose();
            (verdict, error) = (evaluation.Verdict, evaluation.Error);
        }
        else
        {
            (verdict, error) = Evaluate(rule.Rule, context);
        }
        var findings = context.Close();
        if (error is OperationCanceledException && cancellation.IsCancellationRequested) throw new OperationCanceledException(cancellation);
        if (error is not null)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.RuleThrew,
                $"{binary}: rule {rule} threw {error.GetType().Name}: {error.Message}; its result is discarded") with { RuleId = rule.Descriptor.Id });
            return Discarded(rule, $"threw {error.GetType().Name} (GBC1016)");
        }
        return Judge(rule, verdict, findings, diagnostics, binary);
    }

    /// <summary>Checks the rule contract and renders the findings; a broken contract discards the result (GBC1032).</summary>
    public RuleResult Judge(LoadedRule rule, Sdk.Verdict? verdict, IReadOnlyList<Sdk.Finding> findings, DiagnosticBag diagnostics, string binary = "")
    {
        string? broken = verdict switch
        {
            null => "returned no verdict",
            { Kind: Sdk.VerdictKind.Fail } when findings.Count == 0 => "returned Fail without reporting a finding",
            { Kind: not Sdk.VerdictKind.Fail } when findings.Count > 0 => $"reported {findings.Count} findings but returned {verdict.Kind}",
            _ => null,
        };
        var rendered = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            if (broken is not null) break;
            try
            {
                string message = string.Format(CultureInfo.InvariantCulture, rule.Descriptor.MessageFormat, [.. f.Arguments]);
                var location = f.Function is null && f.Address is null && f.Source is null
                    ? null
                    : new CodeLocation(f.Function, f.Source?.File, f.Source?.Line, f.Address);
                var severity = LoadedRule.ToSeverity(f.Severity ?? rule.Descriptor.DefaultSeverity);
                rendered.Add(new Finding(rule.Descriptor.Id, severity, message, location, f.Discriminator));
            }
            catch (FormatException)
            {
                broken = $"reported a finding with {f.Arguments.Count} arguments, which its message format '{rule.Descriptor.MessageFormat}' cannot take";
            }
        }
        if (broken is not null)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.RuleContractViolation, $"{binary}{(binary.Length > 0 ? ": " : "")}rule {rule} {broken}; its result is discarded")
                with { RuleId = rule.Descriptor.Id });
            return Discarded(rule, $"broke the rule contract: {broken} (GBC1032)");
        }
        var status = verdict!.Kind switch
        {
            Sdk.VerdictKind.Pass => RuleStatus.Pass,
            Sdk.VerdictKind.Fail => RuleStatus.Fail,
            Sdk.VerdictKind.NotApplicable => RuleStatus.NotApplicable,
            _ => RuleStatus.NotVerified,
        };
        return new RuleResult(rule.Report, status, verdict.Text, rendered);
    }

    private static (Sdk.Verdict?, Exception?) Evaluate(Sdk.Rule rule, Sdk.RuleContext context)
    {
        try
        {
            return (rule.Evaluate(context), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, ex);
        }
    }

    private static RuleResult Discarded(LoadedRule rule, string reason) => RuleResult.NotVerified(rule.Report, $"the rule's result is discarded: {reason}");

    /// <summary>The result of a rule whose pack a fault on an earlier binary keeps from running.</summary>
    internal static RuleResult NotRun(LoadedRule rule, string fault) => Discarded(rule, $"not run: {rule.Pack} {MarkedFaulty} ({fault})");

    /// <summary>In the reason of a rule that a fault on another binary kept from running: such a verdict depends on the other binaries.</summary>
    internal const string MarkedFaulty = "was marked faulty earlier in this build";

    /// <summary>True if a rule of <paramref name="report"/> was not run because its pack was abandoned on another binary.</summary>
    internal static bool SkippedForAnotherBinary(BinaryReport report) =>
        report.Results.Any(r => r.Status == RuleStatus.NotVerified && r.Reason?.Contains(MarkedFaulty, StringComparison.Ordinal) == true);

    /// <summary>Why a pack is faulty after <paramref name="ruleId"/> was abandoned on <paramref name="binary"/>.</summary>
    internal static string AbandonmentReason(string ruleId, string binary) => $"{ruleId} ignored cancellation on {binary}";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>One evaluation on its own background thread, so that a rule that never returns can be abandoned.</summary>
    private sealed class Evaluation
    {
        public Evaluation(Sdk.Rule rule, Sdk.RuleContext context)
        {
            var thread = new Thread(() =>
            {
                (Verdict, Error) = Evaluate(rule, context);
                Finished.Set();
            })
            {
                IsBackground = true,
                Name = $"GoBootCheck rule {rule.GetType().Name}",
            };
            thread.Start();
        }

        public ManualResetEventSlim Finished { get; } = new();

        public Sdk.Verdict? Verdict { get; private set; }

        public Exception? Error { get; private set; }
    }
}
