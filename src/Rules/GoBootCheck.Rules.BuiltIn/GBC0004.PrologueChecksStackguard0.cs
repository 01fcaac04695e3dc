using GoBootCheck.Diagnostics;
using GoBootCheck.Emulation;
using GoBootCheck.Prologue;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Rules;

/// <summary>
/// GBC0004: every stack-checked prologue loads g from the right place, compares SP (or SP minus its frame) with
/// g.stackguard0 (stackguard1 only with morestackc), and reaches morestack by JBE through a block that returns to
/// the entry. Reads the <see cref="PrologueScan"/>.
/// </summary>
internal sealed class PrologueChecksStackguard0 : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.PrologueChecksStackguard0,
        nameof(PrologueChecksStackguard0),
        "Every stack-checked prologue compares SP with g.stackguard0 and branches to morestack.",
        "A Go function that may grow its stack starts by comparing SP (minus its frame beyond StackSmall) with " +
        "g.stackguard0 — g from R14 under the register ABI or from the TLS slot the runtime stores it in — and, when the " +
        "value is at or below the guard (unsigned), calls runtime.morestack* and jumps back to its entry. //go:systemstack " +
        "functions compare g.stackguard1 and call runtime.morestackc. Any other offset, base register, condition, frame " +
        "amount or slow path turns into a stack overflow or memory corruption far from its cause.",
        Severity.Error,
        "docs/rules/GBC0004.md");

    public RuleResult Evaluate(RuleContext context)
    {
        var scan = context.GetAnalysis<PrologueScan>();
        if (scan is null) return RuleResult.NotVerified(Descriptor, "the prologue scan did not complete (see the tool diagnostics)");
        var binary = context.Binary;
        var expected = GSlotExpectation.Choose(scan, StartupGSlot(context.GetAnalysis<StartupTrace>(), out string? why), why);
        var findings = new List<Finding>();
        foreach (var p in scan.Functions)
        {
            if (p.Kind is PrologueKind.Undecodable or PrologueKind.Unrecognized) continue; // a tool diagnostic, not a verdict
            if (p.Fault is { } fault)
            {
                findings.Add(Make(context, p, fault.Address, $"found `{fault.Found}`; expected {fault.Expected}"));
            }
            else if (p.HasCheck && p.Slot is { } slot && expected is not null && slot != expected.Slot)
            {
                findings.Add(Make(context, p, p.Function.Entry,
                    $"loads g from {slot}; expected {expected.Slot}, {expected.Source}"));
            }
        }
        string slotNote = expected is null ? "" : $"; g slot {expected.Slot}: {expected.Source}";
        string summary = scan.Describe() + slotNote;
        int undecodable = scan.Count(PrologueKind.Undecodable) + scan.Count(PrologueKind.Unrecognized);
        if (findings.Count > 0) return RuleResult.Fail(Descriptor, findings, summary);
        return undecodable > 0
            ? RuleResult.NotVerified(Descriptor, $"{undecodable} function entries did not decode or have an unknown prologue form; the rest pass ({summary})")
            : RuleResult.Pass(Descriptor, summary);

        Finding Make(RuleContext ctx, FunctionPrologue p, ulong address, string what)
        {
            var at = ctx.Binary.Locate(address) with { Function = p.Function.Name };
            return new Finding(Descriptor.Id, Descriptor.DefaultSeverity,
                $"{binary.Image.Name}: the stack check of {at}: {what}", at);
        }
    }

    /// <summary>
    /// The FS offset of the slot the start-up path stored g0 in (rt0_go's MOVQ CX, g(BX)): the store's address minus
    /// the FS base in effect at that store. Null, with the reason, when the trace did not get that far.
    /// </summary>
    internal static GSlot? StartupGSlot(StartupTrace? trace, out string? why)
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
