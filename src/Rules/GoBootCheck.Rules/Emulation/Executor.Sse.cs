using System.Buffers.Binary;
using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>The SSE moves and bitwise operations compiled C start-up code uses (x_cgo_getstackbound's movq/punpcklqdq/movups).</summary>
internal sealed partial class Executor
{
    private bool Sse(in Instruction instr)
    {
        switch (instr.Mnemonic)
        {
            case Mnemonic.Movups or Mnemonic.Movaps or Mnemonic.Movdqu or Mnemonic.Movdqa or Mnemonic.Movupd or Mnemonic.Movapd or Mnemonic.Lddqu:
                if (!ReadVector(instr, 1, out ulong lo, out ulong hi)) return false;
                if (instr.Mnemonic is Mnemonic.Movaps or Mnemonic.Movdqa or Mnemonic.Movapd && !Aligned(instr)) return false;
                return WriteVector(instr, 0, lo, hi);
            case Mnemonic.Pxor or Mnemonic.Xorps or Mnemonic.Xorpd:
                return Bitwise(instr, (a, b) => a ^ b);
            case Mnemonic.Por or Mnemonic.Orps or Mnemonic.Orpd:
                return Bitwise(instr, (a, b) => a | b);
            case Mnemonic.Pand or Mnemonic.Andps or Mnemonic.Andpd:
                return Bitwise(instr, (a, b) => a & b);
            case Mnemonic.Punpcklqdq:
            {
                if (!ReadVector(instr, 1, out ulong srcLo, out _)) return false;
                int d = Xmm(instr.Op0Register);
                _state.SetXmm(d, _state.XmmLow(d), srcLo);
                return true;
            }
            case Mnemonic.Movsd or Mnemonic.Movss:
                return MoveScalar(instr, instr.Mnemonic == Mnemonic.Movsd ? 64 : 32);
            case Mnemonic.Movq or Mnemonic.Movd:
                return MovqMovd(instr);
            case Mnemonic.Movhps or Mnemonic.Movhpd or Mnemonic.Movlps or Mnemonic.Movlpd:
                return MoveHalf(instr);
            default:
                return false;
        }
    }

    private bool MovqMovd(in Instruction instr)
    {
        int bits = instr.Mnemonic == Mnemonic.Movq ? 64 : 32;
        bool toXmm = instr.Op0Kind == OpKind.Register && instr.Op0Register.IsXMM();
        if (toXmm)
        {
            ulong value;
            if (instr.Op1Kind == OpKind.Register && instr.Op1Register.IsXMM()) value = _state.XmmLow(Xmm(instr.Op1Register));
            else if (!TryRead(instr, 1, out value)) return false;
            _state.SetXmm(Xmm(instr.Op0Register), value & MachineState.Mask(bits), 0); // zero-extends to 128 bits
            return true;
        }
        ulong low = _state.XmmLow(Xmm(instr.Op1Register)) & MachineState.Mask(bits);
        return TryWrite(instr, 0, low);
    }

    /// <summary>MOVSD/MOVSS: a load zeroes the rest of the register, a register move keeps it, a store writes the scalar.</summary>
    private bool MoveScalar(in Instruction instr, int bits)
    {
        ulong mask = MachineState.Mask(bits);
        if (instr.Op0Kind == OpKind.Memory) return Store(instr, EffectiveAddress(instr), bits / 8, _state.XmmLow(Xmm(instr.Op1Register)) & mask);
        int d = Xmm(instr.Op0Register);
        if (instr.Op1Kind == OpKind.Memory)
        {
            if (!Load(instr, EffectiveAddress(instr), bits / 8, out ulong v)) return false;
            _state.SetXmm(d, v, 0);
            return true;
        }
        ulong low = (_state.XmmLow(d) & ~mask) | (_state.XmmLow(Xmm(instr.Op1Register)) & mask);
        _state.SetXmm(d, low, _state.XmmHigh(d));
        return true;
    }

    private bool MoveHalf(in Instruction instr)
    {
        bool high = instr.Mnemonic is Mnemonic.Movhps or Mnemonic.Movhpd;
        if (instr.Op0Kind == OpKind.Register)
        {
            if (!Load(instr, EffectiveAddress(instr), 8, out ulong v)) return false;
            int d = Xmm(instr.Op0Register);
            _state.SetXmm(d, high ? _state.XmmLow(d) : v, high ? v : _state.XmmHigh(d));
            return true;
        }
        int s = Xmm(instr.Op1Register);
        return Store(instr, EffectiveAddress(instr), 8, high ? _state.XmmHigh(s) : _state.XmmLow(s));
    }

    private bool Bitwise(in Instruction instr, Func<ulong, ulong, ulong> op)
    {
        if (!ReadVector(instr, 1, out ulong lo, out ulong hi)) return false;
        int d = Xmm(instr.Op0Register);
        _state.SetXmm(d, op(_state.XmmLow(d), lo), op(_state.XmmHigh(d), hi));
        return true;
    }

    private bool Aligned(in Instruction instr)
    {
        int op = instr.Op0Kind == OpKind.Memory ? 0 : instr.Op1Kind == OpKind.Memory ? 1 : -1;
        if (op < 0 || (EffectiveAddress(instr) & 15) == 0) return true;
        _stop = new StopReason(StopKind.MemoryFault, instr.IP,
            $"'{Describe(instr)}' at 0x{instr.IP:x} faulted: misaligned 16-byte access at 0x{EffectiveAddress(instr):x} (#GP, SIGSEGV)", EffectiveAddress(instr));
        return false;
    }

    private bool ReadVector(in Instruction instr, int op, out ulong lo, out ulong hi)
    {
        if (instr.GetOpKind(op) == OpKind.Register)
        {
            int n = Xmm(instr.GetOpRegister(op));
            (lo, hi) = (_state.XmmLow(n), _state.XmmHigh(n));
            return true;
        }
        Span<byte> b = stackalloc byte[16];
        lo = hi = 0;
        if (_memory.Read(EffectiveAddress(instr), b) is { } fault)
        {
            _stop = Fault(instr, fault, "read");
            return false;
        }
        lo = BinaryPrimitives.ReadUInt64LittleEndian(b);
        hi = BinaryPrimitives.ReadUInt64LittleEndian(b[8..]);
        return true;
    }

    private bool WriteVector(in Instruction instr, int op, ulong lo, ulong hi)
    {
        if (instr.GetOpKind(op) == OpKind.Register)
        {
            _state.SetXmm(Xmm(instr.GetOpRegister(op)), lo, hi);
            return true;
        }
        ulong address = EffectiveAddress(instr);
        return Store(instr, address, 8, lo) && Store(instr, address + 8, 8, hi);
    }

    private static int Xmm(Register r) => r.IsXMM() ? r - Register.XMM0 : throw new NotSupportedException($"{r} is not an XMM register");
}
