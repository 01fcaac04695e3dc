using Iced.Intel;

namespace GoBootCheck.Prologue;

internal sealed partial class PrologueMatcher
{
    // Each form checks, in order: the guard operand, the branches, the morestack block, the guard/morestack pairing,
    // the frame allocation after the check against the pcsp table, and the frame the check encodes against that
    // allocation. The first deviation is the function's fault.

    private Draft Small(Draft r, GSource g, in Instruction cmp)
    {
        if (CheckGuardOperand(cmp, g, r.Function, out int offset) is { } f) return r.WithFault(f);
        r = r.Guard(offset);
        FinishWithBranch(r, _d.Next(), firstBranch: null);
        if (r.Fault is not null) return r;
        if (r.Checked > _env.StackSmall)
            return r.WithFault(Fault(cmp, $"SP−(frame−{_env.StackSmall}) in the compare: the prologue allocates a {r.Checked}-byte frame, above StackSmall ({_env.StackSmall}), so comparing SP itself leaves too little stack"));
        return r;
    }

    private Draft Medium(Draft r, GSource g, in Instruction lea)
    {
        var cmp = _d.Next();
        if (!(IsCompare(cmp) && cmp.Op0Kind == OpKind.Register && cmp.Op0Register == lea.Op0Register && cmp.Op1Kind == OpKind.Memory))
        {
            // LEA from SP without a compare is ordinary code of a function without a check; a branch right after it is not.
            return cmp.IsJccShortOrNear
                ? r.WithFault(Fault(cmp, $"CMP {Name(lea.Op0Register)}, [g+0x10] between the LEA and the branch"))
                : r.AsNoCheck();
        }
        if (CheckGuardOperand(cmp, g, r.Function, out int offset) is { } f) return r.WithFault(f);
        r = FinishWithBranch(r.Guard(offset), _d.Next(), firstBranch: null);
        if (r.Fault is not null) return r;
        long encoded = _env.StackSmall - (long)lea.MemoryDisplacement64;
        if (encoded != r.Checked)
            return r.WithFault(Fault(lea, $"LEA {Name(lea.Op0Register)}, [RSP−0x{r.Checked - _env.StackSmall:x}]: the prologue allocates a {r.Checked}-byte frame, so SP−(frame−{_env.StackSmall}) must be compared, not a frame of {encoded}"));
        if (r.Checked > _env.StackBig)
            return r.WithFault(Fault(lea, $"the huge-frame form with its underflow guard: the prologue allocates a {r.Checked}-byte frame, above StackBig ({_env.StackBig})"));
        return r;
    }

    private Draft Huge(Draft r, GSource g, in Instruction mov)
    {
        Register tmp = mov.Op0Register;
        var sub = _d.Next();
        if (!(sub.Mnemonic == Mnemonic.Sub && sub.Op0Kind == OpKind.Register && sub.Op0Register == tmp && IsImmediate(sub, 1)))
            return r.AsNoCheck(); // MOV r, RSP alone is ordinary code
        var jb = _d.Next();
        if (!(jb.IsJccShortOrNear && jb.ConditionCode == ConditionCode.b))
            return r.WithFault(Fault(jb, $"JB to the morestack call right after SUB {Name(tmp)}: the underflow guard of frames above StackBig (SP−(frame−{_env.StackSmall}) wrapped below 0)"));
        var cmp = _d.Next();
        if (!(IsCompare(cmp) && cmp.Op0Kind == OpKind.Register && cmp.Op0Register == tmp && cmp.Op1Kind == OpKind.Memory))
            return r.WithFault(Fault(cmp, $"CMP {Name(tmp)}, [g+0x10] after the underflow guard"));
        if (CheckGuardOperand(cmp, g, r.Function, out int offset) is { } f) return r.WithFault(f);
        r = FinishWithBranch(r.Guard(offset), _d.Next(), jb);
        if (r.Fault is not null) return r;
        long encoded = (long)sub.GetImmediate(1) + _env.StackSmall;
        if (encoded != r.Checked)
            return r.WithFault(Fault(sub, $"SUB {Name(tmp)}, 0x{r.Checked - _env.StackSmall:x}: the prologue allocates a {r.Checked}-byte frame, so frame−{_env.StackSmall} must be subtracted, not the amount of a {encoded}-byte frame"));
        return r;
    }

    private Draft HugeStackPreempt(Draft r, GSource g, in Instruction load)
    {
        // ≤ go1.16: MOV SI, stackguard; CMP SI, $StackPreempt; JEQ; LEA AX, StackGuard(SP); SUB AX, SI; CMP AX, $(frame+StackGuard−StackSmall); JLS.
        Register guard = load.Op0Register;
        var cmpPreempt = _d.Next();
        // A load and a compare with a constant is ordinary code too, unless the load reads a stackguard or the constant
        // is StackPreempt: one changed operand still leaves the check recognizable (and then reported).
        if (!(IsCompare(cmpPreempt) && cmpPreempt.Op0Kind == OpKind.Register && cmpPreempt.Op0Register == guard && IsImmediate(cmpPreempt, 1)) ||
            !((long)load.MemoryDisplacement64 is 0x10 or 0x18 || cmpPreempt.GetImmediate(1) == PrologueEnvironment.StackPreempt))
            return r.AsNoCheck();
        if (CheckGuardOperand(load, g, r.Function, out int offset) is { } f) return r.WithFault(f);
        r = r.Guard(offset);
        if (cmpPreempt.GetImmediate(1) != PrologueEnvironment.StackPreempt)
            return r.WithFault(Fault(cmpPreempt, $"CMP {Name(guard)}, −1314 (StackPreempt, 0x{PrologueEnvironment.StackPreempt:x})"));
        var je = _d.Next();
        if (!(je.IsJccShortOrNear && je.ConditionCode == ConditionCode.e))
            return r.WithFault(Fault(je, "JE to the morestack call when stackguard is StackPreempt"));
        var lea = _d.Next();
        if (!(lea.Mnemonic == Mnemonic.Lea && IsGpr64(lea, 0) && lea.MemoryBase == Register.RSP && lea.MemoryIndex == Register.None && (long)lea.MemoryDisplacement64 > 0))
            return r.WithFault(Fault(lea, "LEA tmp, [RSP+StackGuard]"));
        Register tmp = lea.Op0Register;
        var sub = _d.Next();
        if (!(sub.Mnemonic == Mnemonic.Sub && sub.Op0Kind == OpKind.Register && sub.Op0Register == tmp && sub.Op1Kind == OpKind.Register && sub.Op1Register == guard))
            return r.WithFault(Fault(sub, $"SUB {Name(tmp)}, {Name(guard)} (SP+StackGuard−stackguard)"));
        var cmp = _d.Next();
        if (!(IsCompare(cmp) && cmp.Op0Kind == OpKind.Register && cmp.Op0Register == tmp && IsImmediate(cmp, 1)))
            return r.WithFault(Fault(cmp, $"CMP {Name(tmp)}, frame+StackGuard−StackSmall"));
        r = FinishWithBranch(r, _d.Next(), je);
        if (r.Fault is not null) return r;
        // StackGuard appears on both sides, so only frame = imm − StackGuard + StackSmall matters for safety.
        long stackGuard = (long)lea.MemoryDisplacement64;
        long encoded = (long)cmp.GetImmediate(1) - stackGuard + _env.StackSmall;
        if (encoded != r.Checked)
            return r.WithFault(Fault(cmp, $"CMP {Name(tmp)}, 0x{r.Checked + stackGuard - _env.StackSmall:x}: the prologue allocates a {r.Checked}-byte frame and the LEA adds StackGuard {stackGuard}, so frame+StackGuard−StackSmall, not the value of a {encoded}-byte frame"));
        return r;
    }

    private static bool IsImmediate(in Instruction i, int operand) =>
        i.GetOpKind(operand) is OpKind.Immediate8to64 or OpKind.Immediate32to64 or OpKind.Immediate8 or OpKind.Immediate32;
}
