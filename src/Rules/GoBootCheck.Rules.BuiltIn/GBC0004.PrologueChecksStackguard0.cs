using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// GBC0004: every stack-checked prologue loads g from the right place, compares SP (or SP minus its frame) with
/// g.stackguard0 (stackguard1 only with morestackc), and reaches morestack by JBE through a block that returns to
/// the entry. Reads the <see cref="PrologueScan"/>.
/// </summary>
public sealed class PrologueChecksStackguard0 : Rule
{
    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = BuiltInDescriptors.Describe(
        RuleIds.PrologueChecksStackguard0,
        nameof(PrologueChecksStackguard0),
        "Stack",
        "Every stack-checked prologue compares SP with g.stackguard0 and branches to morestack.",
        "A Go function that may grow its stack starts by comparing SP (minus its frame beyond StackSmall) with " +
        "g.stackguard0 — g from R14 under the register ABI or from the TLS slot the runtime stores it in — and, when the " +
        "value is at or below the guard (unsigned), calls runtime.morestack* and jumps back to its entry. //go:systemstack " +
        "functions compare g.stackguard1 and call runtime.morestackc. Any other offset, base register, condition, frame " +
        "amount or slow path turns into a stack overflow or memory corruption far from its cause.",
        Severity.Error,
        "docs/rules/GBC0004.md");

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var scan = context.GetAnalysis<PrologueScan>();
        if (scan is null) return Verdict.NotVerified("the prologue scan did not complete (see the tool diagnostics)");
        var go = context.Go;
        var expected = GSlotExpectation.Choose(scan, StartupGSlot(context.GetAnalysis<BootstrapTrace>(), out string? why), why);
        var findings = new List<Finding>();
        foreach (var p in scan.Functions)
        {
            if (p.Kind is PrologueKind.Undecodable or PrologueKind.Unrecognized) continue; // a tool diagnostic, not a verdict
            if (p.Fault is { } fault)
            {
                findings.Add(Make(p, fault.Address, $"found `{fault.Found}`; expected {fault.Expected}", "form"));
            }
            else if (p.HasCheck && p.Slot is { } slot && expected is not null && slot != expected.Slot)
            {
                findings.Add(Make(p, p.Function.Entry, $"loads g from {slot}; expected {expected.Slot}, {expected.Source}", "g-slot"));
            }
        }
        string slotNote = expected is null ? "" : $"; g slot {expected.Slot}: {expected.Source}";
        string summary = scan.Description + slotNote;
        int undecodable = scan.Count(PrologueKind.Undecodable) + scan.Count(PrologueKind.Unrecognized);
        if (findings.Count > 0) return context.Fail(findings, summary);
        return undecodable > 0
            ? Verdict.NotVerified($"{undecodable} function entries did not decode or have an unknown prologue form; the rest pass ({summary})")
            : Verdict.Pass(summary);

        Finding Make(FunctionPrologue p, ulong address, string what, string discriminator) =>
            context.FindingAt(address, $"the stack check of {p.Function.Name}: {what}", discriminator, p.Function.Name);
    }

    /// <summary>
    /// The FS offset of the slot the start-up path stored g0 in (rt0_go's MOVQ CX, g(BX)): the store's address minus
    /// the FS base in effect at that store. Null, with the reason, when the trace did not get that far.
    /// </summary>
    internal static GSlot? StartupGSlot(BootstrapTrace? trace, out string? why)
    {
        why = null;
        if (trace is null) { why = "the start-up emulation did not run"; return null; }
        if (trace.Bootstrap is not { } b) { why = $"the start-up emulation stopped before g0 was stored ({trace.Stop})"; return null; }
        var store = trace.FsStores.LastOrDefault(s => s.Address == b.GSlotAddress && s.Value == b.G0);
        var fs = store is null ? null : trace.FsBaseChanges.LastOrDefault(c => c.Instruction <= store.Instruction);
        if (fs is null) { why = "the start-up trace has no FS base for the store of g0"; return null; }
        return new GSlot(false, (long)(b.GSlotAddress - fs.Value));
    }
}
