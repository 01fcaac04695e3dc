using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// GBC0005: a function without a stack check runs on whatever its caller left. A splittable caller guarantees
/// StackLimit (StackGuard − StackSystem − StackSmall) bytes below its frame; the call's return address takes 8 of them
/// (cmd/link/internal/ld/stackcheck.go: limit = StackLimit − callsize). A nosplit frame beyond that overflows the stack.
/// </summary>
public sealed class UncheckedFrameWithinLimit : Rule
{
    private const int CallSize = 8; // the return address a CALL pushes on amd64

    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = BuiltInDescriptors.Describe(
        RuleIds.UncheckedFrameWithinLimit,
        nameof(UncheckedFrameWithinLimit),
        "Stack",
        "No function without a stack check has a frame beyond the nosplit limit.",
        "Functions without a stack-split check (//go:nosplit, NOSPLIT assembly, small leaves) use the StackLimit bytes " +
        "that every splittable caller guarantees below the guard. A frame (largest SP delta in pcsp) that with the 8-byte " +
        "return address exceeds StackLimit for the binary's Go version and build (800, race builds 1600/1728) writes " +
        "below the goroutine's stack.",
        Severity.Error,
        "docs/rules/GBC0005.md",
        [BuiltInDescriptors.StackGuard]);

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var scan = context.GetAnalysis<PrologueScan>();
        if (scan is null) return Verdict.NotVerified("the prologue scan did not complete (see the tool diagnostics)");
        var go = context.Go;
        if (context.Go.Constants is not { } constants)
            return Verdict.NotVerified($"the runtime constants of {context.Go.Version?.Text ?? "this binary (no Go version recorded)"} are unknown, so the nosplit limit is unknown");
        constants = BuiltInDescriptors.WithConfiguredStackGuard(context, constants);
        int limit = constants.StackLimit - CallSize;
        var findings = new List<Finding>();
        FunctionPrologue? largest = null;
        int deepest = -1;
        var heights = scan.NosplitHeights;
        for (int i = 0; i < scan.Functions.Count; i++)
        {
            var p = scan.Functions[i];
            if (p.Kind != PrologueKind.NoCheck || p.Fault is not null) continue;
            if (largest is null || p.Frame > largest.Frame) largest = p;
            if (heights is not null && (deepest < 0 || heights[i] > heights[deepest])) deepest = i;
            if (p.Frame > limit)
            {
                string at = p.Function.Name;
                findings.Add(context.FindingAt(p.Function.Entry,
                    $"{at} has no stack check but a {p.Frame}-byte frame (largest SP delta in pcsp); with the " +
                    $"{CallSize}-byte return address it needs {p.Frame + CallSize} of the {constants.StackLimit} bytes (StackLimit, {constants.Source}) " +
                    $"a nosplit function may use; expected a frame of at most {limit} bytes or a stack check", "frame", at));
            }
            else if (heights is not null && heights[i] > limit)
            {
                string at = p.Function.Name;
                findings.Add(context.FindingAt(p.Function.Entry,
                    $"{at} has no stack check and its deepest chain of calls without checks, {Chain(scan, i)}, needs {heights[i]} bytes; " +
                    $"expected at most {limit} (StackLimit {constants.StackLimit} − {CallSize}, {constants.Source}), as the linker's nosplit check requires", "chain", at));
            }
        }
        foreach (int i in scan.RecursiveNosplit)
        {
            var f = scan.Functions[i].Function;
            findings.Add(context.FindingAt(f.Entry,
                $"{f.Name} has no stack check and reaches itself through functions without checks: its stack use is unbounded; expected a check on the cycle", "recursion", f.Name));
        }
        string what = $"{scan.Count(PrologueKind.NoCheck)} functions without a stack check, limit {limit} bytes (StackLimit {constants.StackLimit} − {CallSize}, {constants.Source})" +
                      (largest is null ? "" : $"; largest frame {largest.Frame} ({largest.Function.Name})") +
                      (deepest < 0 ? "" : $"; deepest chain {heights![deepest]} bytes ({Chain(scan, deepest)})") +
                      (scan.IncompleteBodies.Count > 0 ? $"; {scan.IncompleteBodies.Count} function bodies did not decode to the end" : "");
        return findings.Count > 0 ? context.Fail(findings, what) : Verdict.Pass(what);
    }

    /// <summary>"a (792) → b (600) → c (8)": the functions, with their heights, of the deepest chain from <paramref name="start"/>.</summary>
    private static string Chain(PrologueScan scan, int start)
    {
        var names = new List<string>();
        for (int i = start, n = 0; i >= 0 && n < 16; i = scan.NosplitVia![i], n++)
            names.Add($"{scan.Functions[i].Function.Name} ({scan.NosplitHeights![i]})");
        return string.Join(" → ", names);
    }
}
