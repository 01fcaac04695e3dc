using System.Numerics;
using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>Integer arithmetic and logic with their flags (SDM vol. 2 per instruction; vol. 1 appendix A).</summary>
internal sealed partial class Executor
{
    private enum AluOp { Add, Adc, Sub, Sbb, Cmp, And, Or, Xor, Test }

    private bool Alu(in Instruction instr, AluOp op)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 0, out ulong a) || !TryRead(instr, 1, out ulong b)) return false;
        ulong result = op switch
        {
            AluOp.Add => AddFlags(a, b, 0, bits),
            AluOp.Adc => AddFlags(a, b, _state.CF ? 1UL : 0, bits),
            AluOp.Sub or AluOp.Cmp => SubFlags(a, b, 0, bits),
            AluOp.Sbb => SubFlags(a, b, _state.CF ? 1UL : 0, bits),
            AluOp.And or AluOp.Test => LogicFlags(a & b, bits),
            AluOp.Or => LogicFlags(a | b, bits),
            _ => LogicFlags(a ^ b, bits),
        };
        return op is AluOp.Cmp or AluOp.Test || TryWrite(instr, 0, result);
    }

    /// <summary>a + b + carry with CF, OF, AF, ZF, SF, PF.</summary>
    public ulong AddFlags(ulong a, ulong b, ulong carry, int bits)
    {
        ulong mask = MachineState.Mask(bits);
        a &= mask;
        b &= mask;
        UInt128 wide = (UInt128)a + b + carry;
        ulong r = (ulong)wide & mask;
        _state.CF = (wide >> bits) != 0;
        _state.OF = (((a ^ r) & (b ^ r)) >> (bits - 1) & 1) != 0;
        _state.AF = ((a ^ b ^ r) & 0x10) != 0;
        _state.SetResultFlags(r, bits);
        return r;
    }

    /// <summary>a − b − borrow with CF (borrow), OF, AF, ZF, SF, PF.</summary>
    public ulong SubFlags(ulong a, ulong b, ulong borrow, int bits)
    {
        ulong mask = MachineState.Mask(bits);
        a &= mask;
        b &= mask;
        ulong r = (a - b - borrow) & mask;
        _state.CF = (UInt128)a < (UInt128)b + borrow;
        _state.OF = (((a ^ b) & (a ^ r)) >> (bits - 1) & 1) != 0;
        _state.AF = ((a ^ b ^ r) & 0x10) != 0;
        _state.SetResultFlags(r, bits);
        return r;
    }

    /// <summary>AND/OR/XOR/TEST: CF = OF = 0, AF cleared (architecturally undefined), ZF SF PF from the result.</summary>
    private ulong LogicFlags(ulong r, int bits)
    {
        r &= MachineState.Mask(bits);
        _state.CF = _state.OF = _state.AF = false;
        _state.SetResultFlags(r, bits);
        return r;
    }

    private bool IncDec(in Instruction instr, int delta)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 0, out ulong a)) return false;
        bool cf = _state.CF; // INC and DEC leave CF alone
        ulong r = delta > 0 ? AddFlags(a, 1, 0, bits) : SubFlags(a, 1, 0, bits);
        _state.CF = cf;
        return TryWrite(instr, 0, r);
    }

    private bool Neg(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 0, out ulong a)) return false;
        ulong r = SubFlags(0, a, 0, bits);
        _state.CF = (a & MachineState.Mask(bits)) != 0;
        return TryWrite(instr, 0, r);
    }

    private bool Shift(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 0, out ulong a)) return false;
        ulong count;
        if (instr.OpCount < 2) count = 1;
        else if (!TryRead(instr, 1, out count)) return false;
        count &= bits == 64 ? 0x3fUL : 0x1fUL;
        // A zero count changes no flags, but a 32-bit register destination is still written, so it zero-extends
        // (observed on hardware by DifferentialTests).
        if (count == 0) return !(instr.Op0Kind == OpKind.Register && bits == 32) || TryWrite(instr, 0, a);
        ulong mask = MachineState.Mask(bits), sign = 1UL << (bits - 1), r;
        a &= mask;
        int c = (int)count;
        switch (instr.Mnemonic)
        {
            case Mnemonic.Shl or Mnemonic.Sal:
                r = c >= 64 ? 0 : (a << c) & mask;
                _state.CF = c <= bits && ((a >> (bits - c)) & 1) != 0;
                _state.OF = ((r & sign) != 0) != _state.CF;
                break;
            case Mnemonic.Shr:
                r = c >= 64 ? 0 : a >> c;
                _state.CF = ((a >> (c - 1)) & 1) != 0;
                _state.OF = (a & sign) != 0;
                break;
            case Mnemonic.Sar:
                long signed = (long)(a << (64 - bits)) >> (64 - bits);
                r = (ulong)(signed >> Math.Min(c, 63)) & mask;
                _state.CF = ((ulong)(signed >> Math.Min(c - 1, 63)) & 1) != 0;
                _state.OF = false;
                break;
            case Mnemonic.Rol:
                c %= bits;
                r = c == 0 ? a : ((a << c) | (a >> (bits - c))) & mask;
                _state.CF = (r & 1) != 0;
                _state.OF = ((r & sign) != 0) != _state.CF;
                return TryWrite(instr, 0, r); // rotates leave SF ZF PF alone
            default: // Ror
                c %= bits;
                r = c == 0 ? a : ((a >> c) | (a << (bits - c))) & mask;
                _state.CF = (r & sign) != 0;
                _state.OF = ((r & sign) != 0) != ((r & (sign >> 1)) != 0);
                return TryWrite(instr, 0, r);
        }
        _state.AF = false;
        _state.SetResultFlags(r, bits);
        return TryWrite(instr, 0, r);
    }

    private bool DoubleShift(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 0, out ulong a) || !TryRead(instr, 1, out ulong b) || !TryRead(instr, 2, out ulong count)) return false;
        int c = (int)(count & (bits == 64 ? 0x3fUL : 0x1fUL));
        if (c == 0) return !(instr.Op0Kind == OpKind.Register && bits == 32) || TryWrite(instr, 0, a);
        ulong mask = MachineState.Mask(bits);
        UInt128 pair = instr.Mnemonic == Mnemonic.Shld ? ((UInt128)(a & mask) << bits) | (b & mask) : ((UInt128)(b & mask) << bits) | (a & mask);
        ulong r;
        if (instr.Mnemonic == Mnemonic.Shld)
        {
            r = (ulong)((pair << c) >> bits) & mask;
            _state.CF = ((a >> (bits - c)) & 1) != 0;
        }
        else
        {
            r = (ulong)(pair >> c) & mask;
            _state.CF = ((a >> (c - 1)) & 1) != 0;
        }
        _state.OF = ((r ^ a) >> (bits - 1) & 1) != 0;
        _state.SetResultFlags(r, bits);
        return TryWrite(instr, 0, r);
    }

    private bool Imul(in Instruction instr)
    {
        if (instr.OpCount == 1) return MulDiv(instr);
        int bits = Bits(instr, 0);
        int src1 = instr.OpCount == 3 ? 1 : 0, src2 = instr.OpCount == 3 ? 2 : 1;
        if (!TryRead(instr, src1, out ulong a) || !TryRead(instr, src2, out ulong b)) return false;
        Int128 product = (Int128)SignExtend(a, bits) * SignExtend(b, bits);
        ulong r = (ulong)product & MachineState.Mask(bits);
        _state.CF = _state.OF = (Int128)SignExtend(r, bits) != product;
        _state.SetResultFlags(r, bits); // SF ZF PF are undefined; real CPUs set them from the result
        return TryWrite(instr, 0, r);
    }

    /// <summary>One-operand MUL/IMUL/DIV/IDIV on RDX:RAX (or AX for bytes).</summary>
    private bool MulDiv(in Instruction instr)
    {
        int bits = Bits(instr, 0);
        if (!TryRead(instr, 0, out ulong src)) return false;
        if (bits == 8) return Unimplemented8BitMulDiv(instr);
        ulong mask = MachineState.Mask(bits);
        ulong lo = _state.Get(MachineState.Rax) & mask, hi = _state.Get(MachineState.Rdx) & mask;
        Register ra = RegisterFor(MachineState.Rax, bits), rd = RegisterFor(MachineState.Rdx, bits);
        switch (instr.Mnemonic)
        {
            case Mnemonic.Mul:
            {
                UInt128 p = (UInt128)lo * src;
                WriteRegister(ra, (ulong)p & mask);
                WriteRegister(rd, (ulong)(p >> bits) & mask);
                _state.CF = _state.OF = (p >> bits) != 0;
                return true;
            }
            case Mnemonic.Imul:
            {
                Int128 p = (Int128)SignExtend(lo, bits) * SignExtend(src, bits);
                WriteRegister(ra, (ulong)p & mask);
                WriteRegister(rd, (ulong)(p >> bits) & mask);
                _state.CF = _state.OF = (Int128)SignExtend((ulong)p & mask, bits) != p;
                return true;
            }
        }
        if ((src & mask) == 0)
        {
            _stop = new StopReason(StopKind.Trap, instr.IP, $"divide error (#DE, SIGFPE) in '{Describe(instr)}' at 0x{instr.IP:x}");
            return false;
        }
        UInt128 dividend = ((UInt128)hi << bits) | lo;
        if (instr.Mnemonic == Mnemonic.Div)
        {
            UInt128 q = dividend / (src & mask);
            if (q > mask) return DivideOverflow(instr);
            WriteRegister(ra, (ulong)q);
            WriteRegister(rd, (ulong)(dividend % (src & mask)));
            return true;
        }
        Int128 sd = (Int128)(dividend << (128 - 2 * bits)) >> (128 - 2 * bits);
        Int128 divisor = SignExtend(src, bits);
        Int128 sq = sd / divisor;
        if (sq > (Int128)(mask >> 1) || sq < -(Int128)(mask >> 1) - 1) return DivideOverflow(instr);
        WriteRegister(ra, (ulong)sq & mask);
        WriteRegister(rd, (ulong)(sd % divisor) & mask);
        return true;
    }

    private bool DivideOverflow(in Instruction instr)
    {
        _stop = new StopReason(StopKind.Trap, instr.IP, $"divide overflow (#DE, SIGFPE) in '{Describe(instr)}' at 0x{instr.IP:x}");
        return false;
    }

    private bool Unimplemented8BitMulDiv(in Instruction instr)
    {
        _stop = Unimplemented(instr, "8-bit multiply/divide");
        return false;
    }

    private static long SignExtend(ulong value, int bits) => bits >= 64 ? (long)value : (long)(value << (64 - bits)) >> (64 - bits);

    private static ulong Bswap(ulong value, int bits) =>
        bits == 64 ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value) : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)value);

    private static Register RegisterFor(int number, int bits) => bits switch
    {
        64 => Register.RAX + number,
        32 => Register.EAX + number,
        16 => Register.AX + number,
        _ => throw new ArgumentOutOfRangeException(nameof(bits)),
    };
}
