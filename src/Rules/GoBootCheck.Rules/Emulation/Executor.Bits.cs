using System.Numerics;
using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>Bit tests and scans, and the accumulator sign extensions (CBW/CWDE/CDQE, CWD/CDQ/CQO).</summary>
internal sealed partial class Executor
{
    private bool BitTest(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 1, out ulong index)) return false;
        if (IsMemory(instr, 0) && instr.GetOpKind(1) == OpKind.Register)
            return Unimplemented8BitMulDivLike(instr, "bit test with a register index into memory");
        if (!TryRead(instr, 0, out ulong a)) return false;
        int bit = (int)(index & (ulong)(bits - 1));
        _state.CF = ((a >> bit) & 1) != 0;
        ulong r = instr.Mnemonic switch
        {
            Mnemonic.Bts => a | (1UL << bit),
            Mnemonic.Btr => a & ~(1UL << bit),
            Mnemonic.Btc => a ^ (1UL << bit),
            _ => a,
        };
        return instr.Mnemonic == Mnemonic.Bt || TryWrite(instr, 0, r);
    }

    private bool Unimplemented8BitMulDivLike(in Instruction instr, string detail)
    {
        _stop = Unimplemented(instr, detail);
        return false;
    }

    private bool BitScan(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 1, out ulong src)) return false;
        src &= MachineState.Mask(bits);
        switch (instr.Mnemonic)
        {
            case Mnemonic.Bsf or Mnemonic.Bsr:
                _state.ZF = src == 0;
                if (src == 0) return true; // destination unchanged (documented as undefined; CPUs keep it)
                return TryWrite(instr, 0, instr.Mnemonic == Mnemonic.Bsf ? (ulong)BitOperations.TrailingZeroCount(src) : (ulong)(63 - BitOperations.LeadingZeroCount(src)));
            case Mnemonic.Tzcnt:
            {
                ulong r = src == 0 ? (ulong)bits : (ulong)BitOperations.TrailingZeroCount(src);
                _state.CF = src == 0;
                _state.ZF = r == 0;
                return TryWrite(instr, 0, r);
            }
            case Mnemonic.Lzcnt:
            {
                ulong r = (ulong)(BitOperations.LeadingZeroCount(src) - (64 - bits));
                _state.CF = src == 0;
                _state.ZF = r == 0;
                return TryWrite(instr, 0, r);
            }
            default:
            {
                ulong r = (ulong)BitOperations.PopCount(src);
                _state.CF = _state.OF = _state.SF = _state.AF = _state.PF = false;
                _state.ZF = src == 0;
                return TryWrite(instr, 0, r);
            }
        }
    }

    private bool SignExtendAccumulator(in Instruction instr)
    {
        ulong rax = _state.Get(MachineState.Rax);
        switch (instr.Mnemonic)
        {
            case Mnemonic.Cbw: WriteRegister(Register.AX, (ulong)(short)(sbyte)rax); break;
            case Mnemonic.Cwde: WriteRegister(Register.EAX, (ulong)(int)(short)rax); break;
            default: _state.Set(MachineState.Rax, (ulong)(long)(int)rax); break;
        }
        return true;
    }

    private bool SignExtendIntoRdx(in Instruction instr)
    {
        int bits = instr.Mnemonic switch { Mnemonic.Cwd => 16, Mnemonic.Cdq => 32, _ => 64 };
        bool negative = ((_state.Get(MachineState.Rax) >> (bits - 1)) & 1) != 0;
        WriteRegister(RegisterFor(MachineState.Rdx, bits), negative ? ulong.MaxValue : 0);
        return true;
    }
}
