using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>
/// Executes one decoded instruction against a <see cref="MachineState"/> and an <see cref="EmulatedMemory"/> with the
/// instruction's architectural semantics (Intel SDM vol. 2), flags included. Anything it does not implement stops
/// the run with a reason naming the instruction; it never skips an instruction.
/// </summary>
internal sealed partial class Executor
{
    private readonly MachineState _state;
    private readonly EmulatedMemory _memory;
    private readonly IExecutionHost _host;
    private StopReason? _stop;

    public Executor(MachineState state, EmulatedMemory memory, IExecutionHost host)
    {
        _state = state;
        _memory = memory;
        _host = host;
    }

    /// <summary>Executes <paramref name="instr"/> (decoded at RIP); returns null to continue or the reason to stop.</summary>
    public StopReason? Execute(in Instruction instr)
    {
        _stop = null;
        ulong next = instr.NextIP;
        _state.Rip = next; // control-flow instructions overwrite it
        bool ok = instr.Mnemonic switch
        {
            Mnemonic.Mov => Mov(instr),
            Mnemonic.Movzx => MovExtend(instr, signed: false),
            Mnemonic.Movsx or Mnemonic.Movsxd => MovExtend(instr, signed: true),
            Mnemonic.Lea => TryWrite(instr, 0, EffectiveAddress(instr, withSegment: false)),
            Mnemonic.Xchg => Xchg(instr),
            Mnemonic.Cmpxchg => Cmpxchg(instr),
            Mnemonic.Xadd => Xadd(instr),
            Mnemonic.Bswap => TryWrite(instr, 0, Bswap(ReadRegister(instr.Op0Register), Bits(instr, 0))),
            Mnemonic.Push => PushOperand(instr),
            Mnemonic.Pop => PopOperand(instr),
            Mnemonic.Pushfq => Push(instr, _state.Rflags),
            Mnemonic.Popfq => Popf(instr),
            Mnemonic.Leave => Leave(instr),
            Mnemonic.Call => Call(instr),
            Mnemonic.Ret => Ret(instr),
            Mnemonic.Jmp => Jmp(instr),
            Mnemonic.Jo or Mnemonic.Jno or Mnemonic.Jb or Mnemonic.Jae or Mnemonic.Je or Mnemonic.Jne or Mnemonic.Jbe or Mnemonic.Ja
                or Mnemonic.Js or Mnemonic.Jns or Mnemonic.Jp or Mnemonic.Jnp or Mnemonic.Jl or Mnemonic.Jge or Mnemonic.Jle or Mnemonic.Jg
                => Jcc(instr),
            Mnemonic.Jrcxz => JumpIf(instr, _state.Get(MachineState.Rcx) == 0),
            Mnemonic.Cmovo or Mnemonic.Cmovno or Mnemonic.Cmovb or Mnemonic.Cmovae or Mnemonic.Cmove or Mnemonic.Cmovne
                or Mnemonic.Cmovbe or Mnemonic.Cmova or Mnemonic.Cmovs or Mnemonic.Cmovns or Mnemonic.Cmovp or Mnemonic.Cmovnp
                or Mnemonic.Cmovl or Mnemonic.Cmovge or Mnemonic.Cmovle or Mnemonic.Cmovg => Cmovcc(instr),
            Mnemonic.Seto or Mnemonic.Setno or Mnemonic.Setb or Mnemonic.Setae or Mnemonic.Sete or Mnemonic.Setne
                or Mnemonic.Setbe or Mnemonic.Seta or Mnemonic.Sets or Mnemonic.Setns or Mnemonic.Setp or Mnemonic.Setnp
                or Mnemonic.Setl or Mnemonic.Setge or Mnemonic.Setle or Mnemonic.Setg => TryWrite(instr, 0, Cond(instr) ? 1UL : 0UL),
            Mnemonic.Add => Alu(instr, AluOp.Add),
            Mnemonic.Adc => Alu(instr, AluOp.Adc),
            Mnemonic.Sub => Alu(instr, AluOp.Sub),
            Mnemonic.Sbb => Alu(instr, AluOp.Sbb),
            Mnemonic.Cmp => Alu(instr, AluOp.Cmp),
            Mnemonic.And => Alu(instr, AluOp.And),
            Mnemonic.Or => Alu(instr, AluOp.Or),
            Mnemonic.Xor => Alu(instr, AluOp.Xor),
            Mnemonic.Test => Alu(instr, AluOp.Test),
            Mnemonic.Inc => IncDec(instr, +1),
            Mnemonic.Dec => IncDec(instr, -1),
            Mnemonic.Neg => Neg(instr),
            Mnemonic.Not => TryRead(instr, 0, out ulong nv) && TryWrite(instr, 0, ~nv),
            Mnemonic.Shl or Mnemonic.Sal or Mnemonic.Shr or Mnemonic.Sar or Mnemonic.Rol or Mnemonic.Ror => Shift(instr),
            Mnemonic.Shld or Mnemonic.Shrd => DoubleShift(instr),
            Mnemonic.Imul => Imul(instr),
            Mnemonic.Mul => MulDiv(instr),
            Mnemonic.Div or Mnemonic.Idiv => MulDiv(instr),
            Mnemonic.Bt or Mnemonic.Bts or Mnemonic.Btr or Mnemonic.Btc => BitTest(instr),
            Mnemonic.Bsf or Mnemonic.Bsr or Mnemonic.Tzcnt or Mnemonic.Lzcnt or Mnemonic.Popcnt => BitScan(instr),
            Mnemonic.Cbw or Mnemonic.Cwde or Mnemonic.Cdqe => SignExtendAccumulator(instr),
            Mnemonic.Cwd or Mnemonic.Cdq or Mnemonic.Cqo => SignExtendIntoRdx(instr),
            _ when IsStringInstruction(instr) => StringOp(instr),
            Mnemonic.Cld => Set(() => _state.DF = false),
            Mnemonic.Std => Set(() => _state.DF = true),
            Mnemonic.Clc => Set(() => _state.CF = false),
            Mnemonic.Stc => Set(() => _state.CF = true),
            Mnemonic.Cmc => Set(() => _state.CF = !_state.CF),
            Mnemonic.Nop or Mnemonic.Endbr64 or Mnemonic.Pause or Mnemonic.Lfence or Mnemonic.Mfence or Mnemonic.Sfence
                or Mnemonic.Prefetchnta or Mnemonic.Prefetcht0 or Mnemonic.Prefetcht1 or Mnemonic.Prefetcht2 or Mnemonic.Prefetchw => true,
            Mnemonic.Cpuid => Set(() => _host.Cpuid(_state)),
            Mnemonic.Xgetbv => (_stop = _host.Xgetbv(_state, instr.IP)) is null,
            Mnemonic.Rdtsc => Set(() => SplitIntoEdxEax(_host.ReadTimestampCounter())),
            Mnemonic.Syscall => Syscall(instr),
            Mnemonic.Int3 => Trap(instr, "int3 (breakpoint trap, SIGTRAP)"),
            Mnemonic.Int when instr.Immediate8 == 3 => Trap(instr, "int 3 (breakpoint trap, SIGTRAP)"),
            Mnemonic.Int when instr.Immediate8 != 0x80 => Trap(instr, $"int 0x{instr.Immediate8:x} (no such gate for user mode: #GP, SIGSEGV)"),
            Mnemonic.Ud2 => Trap(instr, "ud2 (invalid opcode, SIGILL)"),
            Mnemonic.Hlt => Trap(instr, "hlt (privileged in user mode, SIGSEGV)"),
            _ => Sse(instr),
        };
        if (!ok && _stop is null) _stop = Unimplemented(instr);
        if (_stop is not null) _state.Rip = instr.IP; // the instruction did not complete
        return _stop;
    }

    private static bool IsStringInstruction(in Instruction instr)
    {
        for (int i = 0; i < instr.OpCount; i++)
        {
            if (instr.GetOpKind(i) is OpKind.MemorySegRSI or OpKind.MemoryESRDI) return true;
        }
        return false;
    }

    private static bool Set(Action action)
    {
        action();
        return true;
    }

    private bool Cond(in Instruction instr) => _state.Condition((int)instr.ConditionCode - 1);

    private void SplitIntoEdxEax(ulong value)
    {
        _state.Set(MachineState.Rax, value & 0xffff_ffff);
        _state.Set(MachineState.Rdx, value >> 32);
    }

    private bool Syscall(in Instruction instr)
    {
        // The kernel returns with RCX = the next RIP and R11 = RFLAGS (SDM: SYSCALL/SYSRET).
        _state.Set(MachineState.Rcx, instr.NextIP);
        _state.Set(MachineState.R11, _state.Rflags);
        _stop = _host.Syscall(_state, instr.IP);
        return _stop is null;
    }

    private bool Trap(in Instruction instr, string what)
    {
        _stop = new StopReason(StopKind.Trap, instr.IP, $"{what} at 0x{instr.IP:x}");
        return false;
    }
}
