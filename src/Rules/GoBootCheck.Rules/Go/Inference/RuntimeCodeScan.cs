using GoBootCheck.Binary;
using GoBootCheck.Disassembly;
using Iced.Intel;

namespace GoBootCheck.Go.Inference;

/// <summary>
/// Reads two kinds of evidence from the decoded code of the runtime package's functions:
/// <list type="bullet">
/// <item>stores of <c>x + K</c> to g.stackguard0 (+0x10) or g.stackguard1 (+0x18) of an object whose g.stack.lo (+0)
/// holds <c>x</c>: the runtime's "stackguard0 = stack.lo + StackGuard" when it creates, moves or adopts a stack
/// (runtime/proc.go malg, gfget, mstart0, needm; runtime/stack.go copystack; signal_unix.go setGsignalStack; go1.4
/// proc1.go and stack1.go);</item>
/// <item>the FS offsets at which it reaches g's TLS slot outside the prologues (get_tls in gogo, mcall, systemstack,
/// the ABI wrappers' reload of R14, …).</item>
/// </list>
/// rt0_go is left out (GBC0003 judges its write after _cgo_init and GBC0002 its TLS probe), and so is settls (GBC0002
/// judges the address it gives arch_prctl): no place a rule verifies may define what the rule expects.
/// The dataflow is linear over each function's instructions: a register or memory word holds a symbolic value plus a
/// constant; calls clobber all but RSP, RBP and R14 (g under the register ABI); unconditional jumps and returns start
/// afresh. It is deliberately simple — a missed site only loses a witness, and the consensus outvotes a wrong one.
/// </summary>
internal sealed class RuntimeCodeScan
{
    // Plausible StackGuard values: above StackSmall (128) and at most 64 KiB (windows: 928 + 4096).
    private const long MinGuard = 129, MaxGuard = 1 << 16;
    private const int MaxInstructionsPerFunction = 20_000;

    private readonly CodeDecoder _decoder;
    private readonly Sym[] _regs = new Sym[16];
    private readonly bool[] _fromRip = new bool[16];
    private readonly Dictionary<(int Id, long Off), Sym> _mem = [];
    private int _nextId;

    /// <summary>stack.lo + K stored to stackguard0/1: K by function.</summary>
    public Tally GuardWrites { get; } = new();

    /// <summary>FS offsets of g accesses in runtime function bodies, by function.</summary>
    public Tally TlsSlots { get; } = new();

    /// <summary>Runtime functions decoded.</summary>
    public int FunctionsScanned { get; private set; }

    private RuntimeCodeScan(VirtualMemory memory) => _decoder = new CodeDecoder(memory);

    /// <summary>Scans every Go-toolchain-built function of package runtime except rt0_go and settls.</summary>
    public static RuntimeCodeScan Run(VirtualMemory memory, IReadOnlyList<GoFunction> functions, Pclntab pclntab, CancellationToken cancellation = default)
    {
        var scan = new RuntimeCodeScan(memory);
        foreach (var f in functions)
        {
            if (!f.IsGoCode || !f.NameStartsWith("runtime.") || f.NameIs("runtime.rt0_go") || f.NameIs("runtime.settls")) continue;
            cancellation.ThrowIfCancellationRequested();
            scan.ScanFunction(f, pclntab.CodeEnd(f));
        }
        return scan;
    }

    /// <summary>A symbolic value: the unknown value <see cref="Id"/> plus <see cref="Off"/>; Id 0 is the constant <see cref="Off"/>.</summary>
    private readonly record struct Sym(int Id, long Off)
    {
        public bool IsConstant => Id == 0;
    }

    private Sym Fresh() => new(++_nextId, 0);

    private void Reset()
    {
        for (int i = 0; i < _regs.Length; i++) { _regs[i] = Fresh(); _fromRip[i] = false; }
        _mem.Clear();
    }

    private void Clobber()
    {
        for (int i = 0; i < _regs.Length; i++)
        {
            var r = Register.RAX + i;
            if (r is Register.RSP or Register.RBP or Register.R14) continue;
            _regs[i] = Fresh();
            _fromRip[i] = false;
        }
        _mem.Clear();
    }

    private static int Index(Register r)
    {
        if (r == Register.None) return -1;
        var full = r.GetFullRegister();
        int i = full - Register.RAX;
        return i is >= 0 and < 16 ? i : -1;
    }

    private void Set(Register r, Sym v, bool fromRip = false)
    {
        int i = Index(r);
        if (i < 0) return;
        // A 32-bit write zero-extends: only a constant survives it.
        if (r.GetSize() == 4 && !v.IsConstant) v = Fresh();
        if (r.GetSize() < 4) v = Fresh();
        _regs[i] = v;
        _fromRip[i] = fromRip;
    }

    private Sym Get(Register r) => Index(r) is var i and >= 0 ? _regs[i] : Fresh();

    /// <summary>The address of a memory operand as (value id, offset), or null if it has an index or an unusual segment.</summary>
    private (int Id, long Off)? Address(in Instruction i)
    {
        if (i.MemoryIndex != Register.None) return null;
        if (i.IsIPRelativeMemoryOperand) return (0, (long)i.IPRelativeMemoryAddress);
        if (i.MemorySegment != Register.DS && i.MemorySegment != Register.SS) return null;
        if (i.MemoryBase == Register.None) return (0, (long)i.MemoryDisplacement64);
        var b = Get(i.MemoryBase);
        return (b.Id, b.Off + (long)i.MemoryDisplacement64);
    }

    private void ScanFunction(GoFunction f, ulong end)
    {
        FunctionsScanned++;
        Reset();
        _decoder.Seek(f.Entry, end);
        for (int n = 0; n < MaxInstructionsPerFunction && _decoder.IP < end; n++)
        {
            var i = _decoder.Next();
            if (i.IsInvalid) return;
            // The first one or two instructions are the prologue's load of g (the prologue source covers those).
            if (n >= 2) NoteTls(f, i);
            Step(f, i);
        }
    }

    private void NoteTls(GoFunction f, in Instruction i)
    {
        if (i.MemorySegment != Register.FS || !HasMemoryOperand(i) || i.MemoryIndex != Register.None) return;
        if (i.MemoryBase == Register.None)
        {
            TlsSlots.Add((long)i.MemoryDisplacement64, f.Entry, f.Name);
            return;
        }
        int b = Index(i.MemoryBase);
        if (b >= 0 && _regs[b].IsConstant && !_fromRip[b])
            TlsSlots.Add(_regs[b].Off + (long)i.MemoryDisplacement64, f.Entry, f.Name);
        // Through a GOT entry (or a computed base): the offset is the dynamic loader's, not visible here.
    }

    private static bool HasMemoryOperand(in Instruction i)
    {
        for (int k = 0; k < i.OpCount; k++)
            if (i.GetOpKind(k) == OpKind.Memory) return true;
        return false;
    }

    private void Step(GoFunction f, in Instruction i)
    {
        switch (i.FlowControl)
        {
            case FlowControl.Call or FlowControl.IndirectCall:
                Clobber();
                return;
            case FlowControl.UnconditionalBranch or FlowControl.IndirectBranch or FlowControl.Return or FlowControl.Interrupt or FlowControl.Exception:
                Reset();
                return;
        }
        bool op0Reg = i.OpCount > 0 && i.Op0Kind == OpKind.Register;
        bool op0Mem = i.OpCount > 0 && i.Op0Kind == OpKind.Memory;
        switch (i.Mnemonic)
        {
            case Mnemonic.Mov when op0Reg && i.Op1Kind == OpKind.Register:
                Set(i.Op0Register, Get(i.Op1Register), Index(i.Op1Register) is var s && s >= 0 && _fromRip[s]);
                return;
            case Mnemonic.Mov when op0Reg && i.Op1Kind is OpKind.Immediate32to64 or OpKind.Immediate64 or OpKind.Immediate32:
                Set(i.Op0Register, new Sym(0, (long)i.GetImmediate(1)));
                return;
            case Mnemonic.Mov when op0Reg && i.Op1Kind == OpKind.Memory:
                Set(i.Op0Register, Load(i), i.IsIPRelativeMemoryOperand);
                return;
            case Mnemonic.Mov when op0Mem && i.MemorySegment is Register.DS or Register.SS && i.MemorySize == MemorySize.UInt64:
                if (Address(i) is { } at)
                {
                    var value = i.Op1Kind == OpKind.Register ? Get(i.Op1Register) : new Sym(0, (long)i.GetImmediate(1));
                    Store(f, at, value);
                }
                return;
            case Mnemonic.Lea when op0Reg:
                Set(i.Op0Register, Address(i) is { } a ? new Sym(a.Id, a.Off) : Fresh());
                return;
            case Mnemonic.Add or Mnemonic.Sub when op0Reg && i.Op1Kind is OpKind.Immediate8to64 or OpKind.Immediate32to64 or OpKind.Immediate8to32 or OpKind.Immediate32:
            {
                var v = Get(i.Op0Register);
                long imm = (long)i.GetImmediate(1);
                Set(i.Op0Register, v with { Off = i.Mnemonic == Mnemonic.Add ? v.Off + imm : v.Off - imm });
                return;
            }
            case Mnemonic.Push:
            {
                var rsp = Get(Register.RSP);
                rsp = rsp with { Off = rsp.Off - 8 };
                _regs[Index(Register.RSP)] = rsp;
                if (i.Op0Kind == OpKind.Register) _mem[(rsp.Id, rsp.Off)] = Get(i.Op0Register);
                return;
            }
            case Mnemonic.Pop:
            {
                var rsp = Get(Register.RSP);
                var v = _mem.TryGetValue((rsp.Id, rsp.Off), out var saved) ? saved : Fresh();
                _regs[Index(Register.RSP)] = rsp with { Off = rsp.Off + 8 };
                if (op0Reg) Set(i.Op0Register, v);
                return;
            }
            case Mnemonic.Cmp or Mnemonic.Test or Mnemonic.Bt or Mnemonic.Ucomisd or Mnemonic.Ucomiss or Mnemonic.Comisd or Mnemonic.Comiss:
                return;
        }
        if (op0Mem && Address(i) is { } written) _mem.Remove(written);
        if (op0Reg) Set(i.Op0Register, Fresh());
        if (i.OpCount > 1 && i.Op1Kind == OpKind.Register && i.Mnemonic is Mnemonic.Xchg or Mnemonic.Xadd) Set(i.Op1Register, Fresh());
        switch (i.Mnemonic)
        {
            case Mnemonic.Mul or Mnemonic.Div or Mnemonic.Idiv or Mnemonic.Cqo or Mnemonic.Cdq or Mnemonic.Rdtsc or Mnemonic.Rdtscp:
            case Mnemonic.Imul when i.OpCount == 1:
                Set(Register.RAX, Fresh());
                Set(Register.RDX, Fresh());
                break;
            case Mnemonic.Cpuid or Mnemonic.Xgetbv:
                Set(Register.RAX, Fresh()); Set(Register.RBX, Fresh()); Set(Register.RCX, Fresh()); Set(Register.RDX, Fresh());
                break;
            case Mnemonic.Cmpxchg:
                Set(Register.RAX, Fresh());
                break;
            case Mnemonic.Syscall:
                Set(Register.RAX, Fresh()); Set(Register.RCX, Fresh()); Set(Register.R11, Fresh());
                _mem.Clear();
                break;
            case Mnemonic.Movsb or Mnemonic.Movsq or Mnemonic.Stosb or Mnemonic.Stosq or Mnemonic.Movsd or Mnemonic.Stosd:
                Set(Register.RCX, Fresh()); Set(Register.RSI, Fresh()); Set(Register.RDI, Fresh());
                _mem.Clear();
                break;
        }
    }

    private Sym Load(in Instruction i)
    {
        if (i.MemorySegment is not (Register.DS or Register.SS) || Address(i) is not { } at) return Fresh();
        if (_mem.TryGetValue(at, out var v)) return v;
        // Reading the same word twice gives the same value until something may have written it.
        v = Fresh();
        _mem[at] = v;
        return v;
    }

    private void Store(GoFunction f, (int Id, long Off) at, Sym value)
    {
        _mem[at] = value;
        if (value.IsConstant) return;
        foreach (long field in (ReadOnlySpan<long>)[RuntimeConstants.GStackguard0, RuntimeConstants.GStackguard1])
        {
            if (_mem.TryGetValue((at.Id, at.Off - field + RuntimeConstants.GStackLo), out var lo) && lo.Id == value.Id)
            {
                long k = value.Off - lo.Off;
                if (k is >= MinGuard and <= MaxGuard) GuardWrites.Add(k, f.Entry, f.Name);
            }
        }
    }
}
