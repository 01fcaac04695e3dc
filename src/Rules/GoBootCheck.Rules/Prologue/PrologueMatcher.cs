using GoBootCheck.Disassembly;
using GoBootCheck.Go;
using Iced.Intel;

namespace GoBootCheck.Prologue;

/// <summary>
/// Classifies one function's stack-split prologue from its decoded instructions and verifies every clause of it.
/// The forms follow what the Go assembler back end emits (cmd/internal/obj/x86/obj6.go, stacksplit, go1.5–go1.25;
/// liblink/obj6.c for go1.4): an optional load of g from TLS, one of four compare forms against g.stackguard0
/// (or g.stackguard1 for //go:systemstack code), a JBE to a block that calls morestack and jumps back to the entry.
/// Only the first few instructions and that block are decoded. Not thread-safe: one matcher per thread.
/// </summary>
internal sealed partial class PrologueMatcher
{
    private readonly PrologueEnvironment _env;
    private readonly CodeDecoder _d;
    private readonly Draft _draft = new();

    public PrologueMatcher(PrologueEnvironment environment)
    {
        _env = environment;
        _d = new CodeDecoder(environment.Memory);
    }

    /// <summary>How g reached the compare: loaded from TLS (with its slot) or already in R14.</summary>
    private readonly record struct GSource(GLoadForm Form, GSlot? Slot, Register Register);

    /// <summary>Classifies <paramref name="function"/>, whose pcsp table's largest SP delta is <paramref name="frame"/>.</summary>
    public FunctionPrologue Match(GoFunction function, int frame)
    {
        if (!function.IsGoCode) return new(function, PrologueKind.NotGoCode, 0);
        var r = _draft.Reset(function, frame);
        _d.Seek(function.Entry, function.End);
        // Go never starts a function with NOPs; skipping them keeps a check that was blanked out visible as "no check".
        var first = _d.NextSkippingNops();
        if (first.IsInvalid)
            return r.As(PrologueKind.Undecodable, null).WithFault(Fault(first, "a decodable instruction at the function's entry")).ToResult();
        var g = TryReadGLoad(first, out var c0);
        r.GLoad = g?.Form;
        r.Slot = g?.Slot;
        var gsrc = g ?? new GSource(GLoadForm.Register, null, Register.R14);
        return Classify(r, g, gsrc, c0).ToResult();
    }

    private Draft Classify(Draft r, GSource? g, GSource gsrc, in Instruction c0)
    {
        if (IsCompare(c0) && c0.Op0Kind == OpKind.Register && c0.Op0Register == Register.RSP && c0.Op1Kind == OpKind.Memory)
            return Small(r.As(PrologueKind.Small, gsrc.Form), gsrc, c0);
        // Swapped operands count as a (broken) check only against a stackguard: runtime.stackcheck, a nosplit
        // function, compares g.stack.hi (g+8) this way on purpose.
        if (IsCompare(c0) && c0.Op0Kind == OpKind.Memory && c0.Op1Kind == OpKind.Register && c0.Op1Register == Register.RSP &&
            (long)c0.MemoryDisplacement64 is 0x10 or 0x18)
            return r.As(PrologueKind.Small, gsrc.Form).WithFault(Fault(c0, "CMP RSP, [g+0x10] (SP first: with the operands swapped, JBE branches to morestack when SP is above the guard)"));
        if (c0.Mnemonic == Mnemonic.Lea && IsGpr64(c0, 0) && c0.MemoryBase == Register.RSP && c0.MemoryIndex == Register.None)
            return Medium(r.As(PrologueKind.Medium, gsrc.Form), gsrc, c0);
        if (c0.Mnemonic == Mnemonic.Mov && IsGpr64(c0, 0) && c0.Op1Kind == OpKind.Register && c0.Op1Register == Register.RSP)
            return Huge(r.As(PrologueKind.Huge, gsrc.Form), gsrc, c0);
        // The ≤ go1.16 huge form starts with an ordinary load; only after a TLS load of g (every ≤ 1.16 check has one)
        // is it a check, and HugeStackPreempt confirms it by the next compare.
        if (g is not null && c0.Mnemonic == Mnemonic.Mov && IsGpr64(c0, 0) && c0.Op1Kind == OpKind.Memory && c0.MemoryBase.IsGPR64() &&
            c0.MemoryBase != Register.RSP && c0.MemoryIndex == Register.None && c0.MemorySegment == Register.DS)
            return HugeStackPreempt(r.As(PrologueKind.HugeStackPreempt, gsrc.Form), gsrc, c0);
        if (c0.IsJccShortOrNear)
            return r.As(PrologueKind.Small, gsrc.Form).WithFault(Fault(c0, "a compare of SP with [g+0x10] before the conditional branch (flags are undefined at entry)"));
        return r;
    }

    /// <summary>
    /// Recognizes the TLS loads of g (go-bootstrap.md §F.2): MOV r, FS:[off]; MOV r, imm32 + MOV r, FS:[r];
    /// MOV r, [RIP+GOT] + MOV r, FS:[r]. Returns null (and <paramref name="next"/> = <paramref name="first"/>) otherwise.
    /// </summary>
    private GSource? TryReadGLoad(in Instruction first, out Instruction next)
    {
        next = first;
        if (IsFsLoad(first, Register.None))
        {
            next = _d.Next();
            return new GSource(GLoadForm.LocalExec, new GSlot(false, (long)first.MemoryDisplacement64), first.Op0Register);
        }
        bool immediate = first.Code is Code.Mov_rm64_imm32 or Code.Mov_r64_imm64 && first.Op0Kind == OpKind.Register;
        bool got = first.Mnemonic == Mnemonic.Mov && IsGpr64(first, 0) && first.Op1Kind == OpKind.Memory && first.IsIPRelativeMemoryOperand;
        if (!immediate && !got) return null;
        var second = _d.Next();
        // Neither first instruction starts a compare form, so without the FS read the function has no check.
        if (!IsFsLoad(second, first.Op0Register)) return null;
        next = _d.Next();
        var slot = immediate ? new GSlot(false, (long)first.GetImmediate(1)) : new GSlot(true, (long)first.IPRelativeMemoryAddress);
        return new GSource(immediate ? GLoadForm.Immediate : GLoadForm.GotIndirect, slot, second.Op0Register);
    }

    private static bool IsFsLoad(in Instruction i, Register baseRegister) =>
        i.Mnemonic == Mnemonic.Mov && IsGpr64(i, 0) && i.Op1Kind == OpKind.Memory && i.MemorySegment == Register.FS &&
        i.MemoryIndex == Register.None && i.MemoryBase == baseRegister && (baseRegister == Register.None || i.MemoryDisplacement64 == 0);

    private static bool IsGpr64(in Instruction i, int operand) => i.GetOpKind(operand) == OpKind.Register && i.GetOpRegister(operand).IsGPR64();

    private static bool IsCompare(in Instruction i) => i.Mnemonic == Mnemonic.Cmp;

    /// <summary>
    /// The compare's memory operand must be g's stackguard: base = the register holding g, no index, displacement
    /// 0x10 (stackguard0) or 0x18 (stackguard1, paired with morestackc later).
    /// </summary>
    private PrologueFault? CheckGuardOperand(in Instruction i, GSource g, GoFunction function, out int offset)
    {
        offset = (int)(long)i.MemoryDisplacement64;
        string gText = g.Form == GLoadForm.Register ? "R14 (g under the register ABI)" : $"{Name(g.Register)} (g, loaded from {g.Slot})";
        if (g.Form == GLoadForm.Register && _env.RegisterAbi == false)
            return Fault(i, "a load of g from TLS before the compare: before go1.17 no register holds g on entry");
        if (g.Form == GLoadForm.Register && (function.Flags & FuncFlags.Asm) != 0)
            return Fault(i, "a load of g from TLS before the compare: assembly (ABI0) functions do not receive g in R14");
        if (i.MemoryBase != g.Register || i.MemoryIndex != Register.None || i.MemorySegment != Register.DS || i.MemorySize != MemorySize.UInt64)
            return Fault(i, $"a 64-bit compare with [{Name(g.Register)}+0x10], where {gText} holds g");
        if (offset != 0x10 && offset != 0x18)
            return Fault(i, $"[{Name(g.Register)}+0x10] (g.stackguard0; g+0x18, stackguard1, only in //go:systemstack functions)");
        return null;
    }

    private PrologueFault Fault(in Instruction i, string expected)
    {
        var bytes = _env.Memory.GetFileBacked(i.IP, Math.Max(i.Length, 1));
        return new PrologueFault(i.IP, InstructionText.Format(i, bytes), expected);
    }

    private static string Name(Register r) => r.ToString().ToUpperInvariant();
}
