using GoBootCheck.Go;
using Iced.Intel;

namespace GoBootCheck.Prologue;

internal sealed partial class PrologueMatcher
{
    // The slow path holds register-argument spills (Go ≥ 1.17), one call and their reloads: a few dozen instructions
    // at most (9 integer + 15 float argument registers, twice). More than this is not a morestack block.
    private const int MaxBlockInstructions = 64;

    // Reused for every function (a matcher serves one thread): the slow path's spills and reloads.
    private readonly List<(Register, ulong)> _spills = [];
    private readonly List<(Register, ulong)> _reloads = [];

    /// <summary>
    /// Verifies the branch after the final compare and the block it reaches: JBE (unsigned ≤) to a block that calls a
    /// morestack variant and jumps back to the entry, or (Go ≤ 1.4) JA over such a block placed inline.
    /// <paramref name="firstBranch"/> is the huge forms' earlier branch (JB/JE), which must reach the same block.
    /// </summary>
    private Draft FinishWithBranch(Draft r, in Instruction branch, Instruction? firstBranch)
    {
        var f = r.Function;
        if (!branch.IsJccShortOrNear)
            return r.WithFault(Fault(branch, "JBE (unsigned ≤) to the morestack call right after the compare"));
        ulong block;
        bool inline = false;
        if (branch.ConditionCode == ConditionCode.be)
        {
            block = branch.NearBranchTarget;
            r.FallThrough = branch.NextIP;
        }
        else if (branch.ConditionCode == ConditionCode.a && StartsWithCall(branch.NextIP, f.End))
        {
            block = branch.NextIP;
            inline = true;
            r.FallThrough = branch.NearBranchTarget;
        }
        else
        {
            return r.WithFault(Fault(branch, "JBE (jump if unsigned ≤) to the morestack call: morestack must run exactly when the compared value is at or below the guard"));
        }
        if (block < f.Entry || block >= f.End)
            return r.WithFault(Fault(branch, $"a branch to the morestack call inside {f.Name} (0x{f.Entry:x}–0x{f.End:x}), not to 0x{block:x}"));
        if (firstBranch is { } fb && fb.NearBranchTarget != block)
            return r.WithFault(Fault(fb, $"a branch to the same morestack call as the final JBE (0x{block:x})"));

        var (variant, end, spills, fault) = VerifyBlock(f, block);
        r.Slow(variant, inline, spills);
        if (fault is not null) return r.WithFault(fault);
        if (inline && branch.NearBranchTarget != end)
            return r.WithFault(Fault(branch, $"JA over the inline morestack call to 0x{end:x}, the instruction after its JMP back to the entry"));
        r = PairGuardWithMorestack(r);
        return r.Fault is null ? ReadAllocation(r) : r;
    }

    /// <summary>stackguard1 (g+0x18) goes with morestackc (//go:systemstack functions) and stackguard0 with the others.</summary>
    private Draft PairGuardWithMorestack(Draft r)
    {
        bool systemstack = r.Morestack == MorestackVariant.Morestackc;
        if (systemstack == (r.GuardOffset == 0x18)) return r;
        // Re-decode the instruction carrying the guard operand, so the fault shows it.
        _d.Seek(r.Function.Entry, r.Function.End);
        for (int n = 0; n < 12; n++)
        {
            var i = _d.Next();
            if (i.IsInvalid) break;
            if (i.Op1Kind == OpKind.Memory && i.MemorySegment == Register.DS && (long)i.MemoryDisplacement64 == r.GuardOffset && i.MemoryBase != Register.RSP)
            {
                string expected = systemstack
                    ? "[g+0x18] (g.stackguard1): this check calls runtime.morestackc, which only //go:systemstack functions call, and they compare stackguard1"
                    : $"[g+0x10] (g.stackguard0): g+0x18 (stackguard1) is only for //go:systemstack functions, which call runtime.morestackc, but this check calls {VariantName(r.Morestack)}";
                return r.WithFault(Fault(i, expected));
            }
        }
        throw new InvalidOperationException($"the guard operand of {r.Function} was matched but not found again");
    }

    private bool StartsWithCall(ulong address, ulong limit)
    {
        _d.Seek(address, limit);
        var i = _d.NextSkippingNops();
        return i.Mnemonic == Mnemonic.Call;
    }

    /// <summary>Decodes the morestack block: [spills] CALL morestack* [reloads] JMP entry, NOPs anywhere.</summary>
    private (MorestackVariant Variant, ulong End, int Spills, PrologueFault? Fault) VerifyBlock(GoFunction f, ulong block)
    {
        _d.Seek(block, f.End);
        var spills = _spills;
        var reloads = _reloads;
        spills.Clear();
        reloads.Clear();
        var variant = MorestackVariant.None;
        for (int n = 0; n < MaxBlockInstructions; n++)
        {
            var i = _d.Next();
            if (i.IsInvalid) return (variant, 0, spills.Count, Fault(i, "the morestack block: spills, CALL runtime.morestack*, reloads, JMP entry"));
            if (i.Mnemonic == Mnemonic.Nop) continue;
            if (variant == MorestackVariant.None)
            {
                if (IsStackSlotMove(i, store: true)) { spills.Add((i.Op1Register.GetFullRegister(), i.MemoryDisplacement64)); continue; }
                if (i.Mnemonic == Mnemonic.Call && i.Op0Kind == OpKind.NearBranch64)
                {
                    var callee = _env.FunctionAt(i.NearBranchTarget);
                    variant = callee is not null && callee.Entry == i.NearBranchTarget ? VariantOf(callee.Name) : MorestackVariant.None;
                    if (variant == MorestackVariant.None)
                        return (variant, 0, spills.Count, Fault(i, $"CALL runtime.morestack_noctxt, runtime.morestack or runtime.morestackc (the call reaches {(callee is null ? "no function" : callee.Entry == i.NearBranchTarget ? callee.Name : $"the middle of {callee.Name}")})"));
                    continue;
                }
                return (variant, 0, spills.Count, Fault(i, "the morestack block: register-argument spills to [RSP+n], then CALL runtime.morestack*"));
            }
            if (IsStackSlotMove(i, store: false)) { reloads.Add((i.Op0Register.GetFullRegister(), i.MemoryDisplacement64)); continue; }
            if (i.Mnemonic == Mnemonic.Jmp && i.Op0Kind == OpKind.NearBranch64)
            {
                if (i.NearBranchTarget != f.Entry)
                    return (variant, 0, spills.Count, Fault(i, $"JMP 0x{f.Entry:x} back to the entry of {f.Name}, so the check runs again on the new stack"));
                if (!spills.SequenceEqual(reloads))
                    return (variant, 0, spills.Count, Fault(i, $"reloads of the same {spills.Count} argument registers from the same slots as the spills before the call (found {reloads.Count} reloads that differ)"));
                return (variant, i.NextIP, spills.Count, null);
            }
            return (variant, 0, spills.Count, Fault(i, $"argument reloads from [RSP+n], then JMP 0x{f.Entry:x} back to the entry"));
        }
        return (variant, 0, spills.Count, new PrologueFault(block, $"{MaxBlockInstructions} instructions without a jump back", $"a morestack block that jumps back to 0x{f.Entry:x}"));
    }

    /// <summary>
    /// MOV/MOVSD/MOVSS/MOVUPS… between a register and [RSP+disp]: how Go spills argument registers (reloads of
    /// narrow arguments zero- or sign-extend: MOVZX/MOVSX). Registers are compared by their full width.
    /// </summary>
    private static bool IsStackSlotMove(in Instruction i, bool store)
    {
        if (i.Mnemonic is not (Mnemonic.Mov or Mnemonic.Movsd or Mnemonic.Movss or Mnemonic.Movq or Mnemonic.Movd or Mnemonic.Movups or Mnemonic.Movaps))
        {
            if (store || i.Mnemonic is not (Mnemonic.Movzx or Mnemonic.Movsx or Mnemonic.Movsxd)) return false;
        }
        int mem = store ? 0 : 1, reg = store ? 1 : 0;
        return i.GetOpKind(mem) == OpKind.Memory && i.GetOpKind(reg) == OpKind.Register &&
               i.MemoryBase == Register.RSP && i.MemoryIndex == Register.None && i.MemorySegment == Register.SS;
    }

    private static MorestackVariant VariantOf(string name) => name switch
    {
        "runtime.morestack" => MorestackVariant.Morestack,
        "runtime.morestack_noctxt" => MorestackVariant.MorestackNoctxt,
        "runtime.morestackc" => MorestackVariant.Morestackc,
        _ => MorestackVariant.None,
    };

    internal static string VariantName(MorestackVariant v) => v switch
    {
        MorestackVariant.Morestack => "runtime.morestack",
        MorestackVariant.MorestackNoctxt => "runtime.morestack_noctxt",
        MorestackVariant.Morestackc => "runtime.morestackc",
        _ => "no morestack",
    };
}
