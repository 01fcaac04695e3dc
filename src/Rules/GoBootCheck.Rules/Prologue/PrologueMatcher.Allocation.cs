using Iced.Intel;

namespace GoBootCheck.Prologue;

internal sealed partial class PrologueMatcher
{
    /// <summary>
    /// Reads the frame the prologue allocates where the check's fast path continues: the frame its check must cover.
    /// The assembler back end emits the stack check for the function's whole frame (autoffset) and allocates exactly
    /// that right after it (liblink/obj6.c addstacksplit, go1.4; cmd/internal/obj/x86/obj6.go preprocess, go1.5+):
    /// <c>SUB RSP, autoffset</c> (go1.4–1.20; since go1.7 followed by the frame-pointer save into the frame's top
    /// slot, which does not move SP), or since go1.21 <c>PUSH RBP; MOV RBP, RSP; SUB RSP, autoffset−8</c>.
    /// The largest pcsp value can be larger: it also counts what the body pushes later — go1.4's 6g pushes the
    /// function and argument size (16 bytes) around every call of runtime.newproc and runtime.deferproc (cmd/6g/ggen.c
    /// ginscall, proc 1 and 2), and assembly may PUSH — which the check does not cover and need not (the linker's
    /// nosplit analysis does). The allocation read from the code must equal the pcsp value where the body starts;
    /// otherwise the code and the table the runtime unwinds with disagree about the frame.
    /// </summary>
    private Draft ReadAllocation(Draft r)
    {
        _d.Seek(r.FallThrough, r.Function.End);
        int bytes = 0;
        ulong body = r.FallThrough;
        Instruction? adjust = null;
        var i = _d.Next();
        if (i.Mnemonic == Mnemonic.Push && i.Op0Kind == OpKind.Register && i.Op0Register == Register.RBP)
        {
            bytes += 8;
            adjust = i;
            body = i.NextIP;
            i = _d.Next();
            if (i.Mnemonic == Mnemonic.Mov && i.Op0Kind == OpKind.Register && i.Op0Register == Register.RBP &&
                i.Op1Kind == OpKind.Register && i.Op1Register == Register.RSP)
            {
                body = i.NextIP;
                i = _d.Next();
            }
        }
        if (i.Op0Kind == OpKind.Register && i.Op0Register == Register.RSP && IsImmediate(i, 1) &&
            i.Mnemonic is Mnemonic.Sub or Mnemonic.Add)
        {
            long amount = (long)i.GetImmediate(1);
            bytes += (int)(i.Mnemonic == Mnemonic.Sub ? amount : -amount);
            adjust = i;
            body = i.NextIP;
        }
        r.Allocated = bytes;
        if (_env.SpDeltaAt?.Invoke(r.Function, body) is int recorded && recorded != bytes)
        {
            var at = adjust ?? DecodeAt(body);
            return r.WithFault(Fault(at,
                $"an allocation of the {recorded}-byte frame pcsp records at 0x{body:x}, where the body starts (the instructions after the check allocate {bytes} bytes)"));
        }
        return r;
    }

    private Instruction DecodeAt(ulong address)
    {
        _d.Seek(address, address + 16);
        return _d.Next();
    }
}
