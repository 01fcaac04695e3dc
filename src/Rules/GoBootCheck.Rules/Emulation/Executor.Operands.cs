using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>Operand access: registers by Iced name and width, effective addresses, loads and stores.</summary>
internal sealed partial class Executor
{
    /// <summary>Reads a general-purpose register of any width (AH..BH are bits 8–15 of RAX..RBX).</summary>
    public ulong ReadRegister(Register r)
    {
        if (r.IsGPR64()) return _state.Get(r - Register.RAX);
        if (r.IsGPR32()) return _state.Get(r - Register.EAX) & 0xffff_ffff;
        if (r.IsGPR16()) return _state.Get(r - Register.AX) & 0xffff;
        if (r.IsGPR8())
        {
            int n = r - Register.AL;
            return n is >= 4 and < 8 ? (_state.Get(n - 4) >> 8) & 0xff : _state.Get(n < 4 ? n : n - 4) & 0xff;
        }
        if (r == Register.RIP) return _state.Rip;
        throw new NotSupportedException($"register {r} is not a general-purpose register");
    }

    /// <summary>Writes a register with x86-64 width rules: 32-bit writes zero-extend, 8/16-bit writes merge.</summary>
    public void WriteRegister(Register r, ulong value)
    {
        if (r.IsGPR64()) _state.Set(r - Register.RAX, value);
        else if (r.IsGPR32()) _state.Set(r - Register.EAX, value & 0xffff_ffff);
        else if (r.IsGPR16())
        {
            int n = r - Register.AX;
            _state.Set(n, (_state.Get(n) & ~0xffffUL) | (value & 0xffff));
        }
        else if (r.IsGPR8())
        {
            int n = r - Register.AL;
            if (n is >= 4 and < 8) _state.Set(n - 4, (_state.Get(n - 4) & ~0xff00UL) | ((value & 0xff) << 8));
            else
            {
                int full = n < 4 ? n : n - 4;
                _state.Set(full, (_state.Get(full) & ~0xffUL) | (value & 0xff));
            }
        }
        else throw new NotSupportedException($"register {r} is not a general-purpose register");
    }

    /// <summary>The effective address of the memory operand, with the FS/GS base added for segment overrides.</summary>
    public ulong EffectiveAddress(in Instruction instr, bool withSegment = true)
    {
        ulong address;
        if (instr.IsIPRelativeMemoryOperand) address = instr.IPRelativeMemoryAddress;
        else
        {
            address = instr.MemoryDisplacement64;
            if (instr.MemoryBase != Register.None) address += ReadRegister(instr.MemoryBase);
            if (instr.MemoryIndex != Register.None) address += ReadRegister(instr.MemoryIndex) * (ulong)instr.MemoryIndexScale;
            if (instr.MemoryBase.IsGPR32() || instr.MemoryIndex.IsGPR32()) address &= 0xffff_ffff; // address-size prefix
        }
        if (withSegment)
        {
            if (instr.MemorySegment == Register.FS) address += _state.FsBase;
            else if (instr.MemorySegment == Register.GS) address += _state.GsBase;
        }
        return address;
    }

    /// <summary>Width in bits of operand <paramref name="op"/> (registers, memory; immediates take the other operand's width).</summary>
    private static int Bits(in Instruction instr, int op) => instr.GetOpKind(op) switch
    {
        OpKind.Register => instr.GetOpRegister(op).GetSize() * 8,
        OpKind.Memory => instr.MemorySize.GetSize() * 8,
        _ when op > 0 => Bits(in instr, 0),
        OpKind.Immediate8 => 8,
        OpKind.Immediate16 or OpKind.Immediate8to16 => 16,
        OpKind.Immediate32 or OpKind.Immediate8to32 => 32,
        _ => 64, // push imm8/imm32 in 64-bit mode, near branches
    };

    /// <summary>Reads operand <paramref name="op"/> (register, immediate or memory), zero-extended to 64 bits.</summary>
    private bool TryRead(in Instruction instr, int op, out ulong value)
    {
        switch (instr.GetOpKind(op))
        {
            case OpKind.Register:
                value = ReadRegister(instr.GetOpRegister(op));
                return true;
            case OpKind.Memory:
                return Load(instr, EffectiveAddress(instr), instr.MemorySize.GetSize(), out value);
            case OpKind.Immediate8 or OpKind.Immediate16 or OpKind.Immediate32 or OpKind.Immediate64 or OpKind.Immediate8to16
                or OpKind.Immediate8to32 or OpKind.Immediate8to64 or OpKind.Immediate32to64 or OpKind.Immediate8_2nd:
                value = instr.GetImmediate(op) & MachineState.Mask(Bits(in instr, 0));
                return true;
            default:
                value = 0;
                _stop = Unimplemented(instr, $"operand kind {instr.GetOpKind(op)}");
                return false;
        }
    }

    /// <summary>Writes operand <paramref name="op"/> (register or memory), truncating to its width.</summary>
    private bool TryWrite(in Instruction instr, int op, ulong value)
    {
        switch (instr.GetOpKind(op))
        {
            case OpKind.Register:
                WriteRegister(instr.GetOpRegister(op), value);
                return true;
            case OpKind.Memory:
                return Store(instr, EffectiveAddress(instr), instr.MemorySize.GetSize(), value, instr.MemorySegment == Register.FS);
            default:
                _stop = Unimplemented(instr, $"destination kind {instr.GetOpKind(op)}");
                return false;
        }
    }

    /// <summary>Loads 1–8 bytes; a fault becomes the stop reason.</summary>
    private bool Load(in Instruction instr, ulong address, int bytes, out ulong value)
    {
        if (_memory.ReadUInt(address, bytes, out value) is { } fault)
        {
            _stop = Fault(instr, fault, "read");
            return false;
        }
        return true;
    }

    /// <summary>Stores 1–8 bytes with the program's permissions and reports the store to the host.</summary>
    private bool Store(in Instruction instr, ulong address, int bytes, ulong value, bool throughFs = false)
    {
        if (_memory.WriteUInt(address, bytes, value) is { } fault)
        {
            _stop = Fault(instr, fault, "write");
            return false;
        }
        _host.OnStore(instr.IP, address, bytes, value & MachineState.Mask(bytes * 8), throughFs);
        return true;
    }

    private StopReason Fault(in Instruction instr, MemoryFault fault, string access)
    {
        string what = fault.Kind switch
        {
            MemoryFaultKind.ReadOnly => $"a {access} to read-only {fault.Region?.Name} ({fault.Region?.Permissions})",
            MemoryFaultKind.NotExecutable => $"a fetch from non-executable {fault.Region?.Name}",
            _ => $"a {access} of unmapped memory",
        };
        var kind = fault.Kind == MemoryFaultKind.ReadOnly ? StopKind.WriteToReadOnly : StopKind.MemoryFault;
        return new StopReason(kind, instr.IP, $"'{Describe(instr)}' at 0x{instr.IP:x} faulted: {what} at 0x{fault.Address:x}", fault.Address);
    }

    private static StopReason Unimplemented(in Instruction instr, string? detail = null) =>
        new(StopKind.UnimplementedInstruction, instr.IP,
            $"the emulator does not implement '{Describe(instr)}' ({instr.Mnemonic}{(detail is null ? "" : ", " + detail)}) at 0x{instr.IP:x}");

    /// <summary>Intel-syntax text of an instruction, for messages.</summary>
    public static string Describe(in Instruction instr)
    {
        var formatter = new IntelFormatter();
        var output = new StringOutput();
        formatter.Format(instr, output);
        return output.ToStringAndReset();
    }

    private bool Push(in Instruction instr, ulong value)
    {
        ulong sp = _state.StackPointer - 8;
        if (!Store(instr, sp, 8, value)) return false;
        _state.StackPointer = sp;
        return true;
    }

    private bool Pop(in Instruction instr, out ulong value)
    {
        if (!Load(instr, _state.StackPointer, 8, out value)) return false;
        _state.StackPointer += 8;
        return true;
    }

    private static bool IsMemory(in Instruction instr, int op) => instr.GetOpKind(op) == OpKind.Memory;
}
