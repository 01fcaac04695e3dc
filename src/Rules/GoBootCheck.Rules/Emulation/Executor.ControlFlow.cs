using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>Branches, calls, returns and the stack.</summary>
internal sealed partial class Executor
{
    private bool BranchTarget(in Instruction instr, out ulong target)
    {
        if (instr.Op0Kind is OpKind.NearBranch64 or OpKind.NearBranch32 or OpKind.NearBranch16)
        {
            target = instr.NearBranchTarget;
            return true;
        }
        return TryRead(instr, 0, out target);
    }

    private bool Call(in Instruction instr)
    {
        if (!BranchTarget(instr, out ulong target) || !Push(instr, instr.NextIP)) return false;
        _state.Rip = target;
        return true;
    }

    private bool Ret(in Instruction instr)
    {
        if (!Pop(instr, out ulong target)) return false;
        if (instr.OpCount == 1) _state.StackPointer += instr.Immediate16; // ret imm16 releases argument bytes
        _state.Rip = target;
        return true;
    }

    private bool Jmp(in Instruction instr)
    {
        if (!BranchTarget(instr, out ulong target)) return false;
        _state.Rip = target;
        return true;
    }

    private bool Jcc(in Instruction instr) => JumpIf(instr, Cond(instr));

    private bool JumpIf(in Instruction instr, bool taken)
    {
        if (taken) _state.Rip = instr.NearBranchTarget;
        return true;
    }

    private bool Cmovcc(in Instruction instr)
    {
        if (!TryRead(instr, 1, out ulong value)) return false; // the source is read (and may fault) either way
        if (Cond(instr)) return TryWrite(instr, 0, value);
        // A 32-bit CMOV zero-extends its destination even when the condition is false.
        if (instr.Op0Register.IsGPR32()) WriteRegister(instr.Op0Register, ReadRegister(instr.Op0Register));
        return true;
    }

    private bool PushOperand(in Instruction instr)
    {
        if (!TryRead(instr, 0, out ulong value)) return false;
        if (instr.GetOpKind(0) != OpKind.Register && instr.GetOpKind(0) != OpKind.Memory)
            value = instr.GetImmediate(0); // push imm8/imm32 sign-extends to 64 bits
        if (Bits(instr, 0) == 16) return false;
        return Push(instr, value);
    }

    private bool PopOperand(in Instruction instr)
    {
        if (Bits(instr, 0) == 16 || !Pop(instr, out ulong value)) return false;
        return TryWrite(instr, 0, value);
    }

    private bool Popf(in Instruction instr)
    {
        if (!Pop(instr, out ulong value)) return false;
        _state.Rflags = value;
        return true;
    }

    private bool Leave(in Instruction instr)
    {
        ulong saved = _state.StackPointer;
        _state.StackPointer = _state.Get(MachineState.Rbp);
        if (Pop(instr, out ulong rbp))
        {
            _state.Set(MachineState.Rbp, rbp);
            return true;
        }
        _state.StackPointer = saved;
        return false;
    }
}
