using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>Data movement: MOV and its extensions, exchanges, and the string instructions with REP prefixes.</summary>
internal sealed partial class Executor
{
    private bool Mov(in Instruction instr)
    {
        if (instr.Op0Kind == OpKind.Register && !instr.Op0Register.IsGPR()) return false;
        if (instr.Op1Kind == OpKind.Register && !instr.Op1Register.IsGPR()) return SegmentMove(instr);
        return TryRead(instr, 1, out ulong value) && TryWrite(instr, 0, value);
    }

    private bool SegmentMove(in Instruction instr)
    {
        _stop = Unimplemented(instr, "segment or control register move");
        return false;
    }

    private bool MovExtend(in Instruction instr, bool signed)
    {
        int from = Bits(instr, 1);
        if (!TryRead(instr, 1, out ulong value)) return false;
        if (signed) value = (ulong)SignExtend(value, from);
        return TryWrite(instr, 0, value & MachineState.Mask(Bits(instr, 0)));
    }

    private bool Xchg(in Instruction instr)
    {
        if (!TryRead(instr, 0, out ulong a) || !TryRead(instr, 1, out ulong b)) return false;
        return TryWrite(instr, 0, b) && TryWrite(instr, 1, a);
    }

    private bool Cmpxchg(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        Register acc = bits == 8 ? Register.AL : RegisterFor(MachineState.Rax, bits);
        if (!TryRead(instr, 0, out ulong dest) || !TryRead(instr, 1, out ulong src)) return false;
        ulong accumulator = ReadRegister(acc);
        SubFlags(accumulator, dest, 0, bits);
        if (_state.ZF) return TryWrite(instr, 0, src);
        WriteRegister(acc, dest);
        return true;
    }

    private bool Xadd(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 0, out ulong dest) || !TryRead(instr, 1, out ulong src)) return false;
        ulong sum = AddFlags(dest, src, 0, bits);
        return TryWrite(instr, 1, dest) && TryWrite(instr, 0, sum);
    }

    /// <summary>STOS, LODS, MOVS, SCAS, CMPS with REP/REPE/REPNE; RCX counts, DF chooses the direction.</summary>
    private bool StringOp(in Instruction instr)
    {
        int size = instr.MemorySize.GetSize();
        bool rep = instr.HasRepPrefix || instr.HasRepePrefix || instr.HasRepnePrefix;
        bool compares = instr.Mnemonic is Mnemonic.Scasb or Mnemonic.Scasw or Mnemonic.Scasd or Mnemonic.Scasq
            or Mnemonic.Cmpsb or Mnemonic.Cmpsw or Mnemonic.Cmpsd or Mnemonic.Cmpsq;
        long step = _state.DF ? -size : size;
        Register acc = size switch { 1 => Register.AL, 2 => Register.AX, 4 => Register.EAX, _ => Register.RAX };
        while (!rep || _state.Get(MachineState.Rcx) != 0)
        {
            ulong rsi = _state.Get(MachineState.Rsi), rdi = _state.Get(MachineState.Rdi);
            switch (instr.Mnemonic)
            {
                case Mnemonic.Stosb or Mnemonic.Stosw or Mnemonic.Stosd or Mnemonic.Stosq:
                    if (!Store(instr, rdi, size, ReadRegister(acc))) return false;
                    _state.Set(MachineState.Rdi, rdi + (ulong)step);
                    break;
                case Mnemonic.Lodsb or Mnemonic.Lodsw or Mnemonic.Lodsd or Mnemonic.Lodsq:
                    if (!Load(instr, rsi, size, out ulong loaded)) return false;
                    WriteRegister(acc, loaded);
                    _state.Set(MachineState.Rsi, rsi + (ulong)step);
                    break;
                case Mnemonic.Scasb or Mnemonic.Scasw or Mnemonic.Scasd or Mnemonic.Scasq:
                    if (!Load(instr, rdi, size, out ulong scanned)) return false;
                    SubFlags(ReadRegister(acc), scanned, 0, size * 8);
                    _state.Set(MachineState.Rdi, rdi + (ulong)step);
                    break;
                case Mnemonic.Cmpsb or Mnemonic.Cmpsw or Mnemonic.Cmpsd or Mnemonic.Cmpsq:
                    if (!Load(instr, rsi, size, out ulong left) || !Load(instr, rdi, size, out ulong right)) return false;
                    SubFlags(left, right, 0, size * 8);
                    _state.Set(MachineState.Rsi, rsi + (ulong)step);
                    _state.Set(MachineState.Rdi, rdi + (ulong)step);
                    break;
                default: // MOVS
                    if (!Load(instr, rsi, size, out ulong moved) || !Store(instr, rdi, size, moved)) return false;
                    _state.Set(MachineState.Rsi, rsi + (ulong)step);
                    _state.Set(MachineState.Rdi, rdi + (ulong)step);
                    break;
            }
            if (!rep) break;
            _state.Set(MachineState.Rcx, _state.Get(MachineState.Rcx) - 1);
            if (compares && instr.HasRepePrefix && !_state.ZF) break;
            if (compares && instr.HasRepnePrefix && _state.ZF) break;
        }
        return true;
    }
}
