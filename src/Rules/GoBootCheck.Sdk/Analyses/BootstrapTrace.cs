namespace GoBootCheck.Sdk;

/// <summary>
/// What the start-up emulation observed, from the binary's entry to "bootstrap complete" or the stop: the functions
/// entered, system calls, calls into models of imported functions, rt0_go's calls and stores, stores into g0's stack
/// fields, the TLS set-up and the stop reason. Computed once per binary; the binary itself is never run. Addresses are
/// run-time addresses (link-time plus <see cref="LoadBias"/>); <see cref="ToLinkTime(ulong)"/> converts.
/// </summary>
public sealed record BootstrapTrace
{
    /// <summary>Where execution started: "e_entry 0x463920" or ".init_array entry 0x82a40 (…)".</summary>
    public string StartDescription { get; init; } = "";
    /// <summary>Added to link-time addresses when loaded (0 for ET_EXEC).</summary>
    public ulong LoadBias { get; init; }
    /// <summary>argc on the initial stack.</summary>
    public ulong InitialArgc { get; init; }
    /// <summary>Address of argv on the initial stack.</summary>
    public ulong InitialArgv { get; init; }
    /// <summary>Functions in the order execution entered them.</summary>
    public IReadOnlyList<FunctionEntry> EnteredFunctions { get; init; } = [];
    /// <summary>Registers when execution first reached runtime.rt0_go, or null if it never did.</summary>
    public RegisterSnapshot? Rt0GoEntry { get; init; }
    /// <summary>System calls issued, in order.</summary>
    public IReadOnlyList<SyscallRecord> Syscalls { get; init; } = [];
    /// <summary>Calls into models of imported (or statically linked C library) functions, in order.</summary>
    public IReadOnlyList<ModelCall> ModelCalls { get; init; } = [];
    /// <summary>Calls made by runtime.rt0_go itself, in order.</summary>
    public IReadOnlyList<Rt0GoCall> Rt0GoCalls { get; init; } = [];
    /// <summary>Stores through the FS segment (the g TLS slot and the 0x123 probe), in order.</summary>
    public IReadOnlyList<StoreRecord> FsStores { get; init; } = [];
    /// <summary>Stores made by runtime.rt0_go into memory, in order.</summary>
    public IReadOnlyList<StoreRecord> Rt0GoStores { get; init; } = [];
    /// <summary>Stores into g0.stack.lo, stack.hi, stackguard0 and stackguard1 by any code, in order.</summary>
    public IReadOnlyList<StoreRecord> G0FieldStores { get; init; } = [];
    /// <summary>Every change of the FS base (by the loader, arch_prctl or a thread switch).</summary>
    public IReadOnlyList<FsBaseChange> FsBaseChanges { get; init; } = [];
    /// <summary>Functions stepped over rather than executed.</summary>
    public IReadOnlyList<string> SteppedOver { get; init; } = [];
    /// <summary>The state at "bootstrap complete" (the g TLS slot, g0, m0, g0's stack), or null if not reached.</summary>
    public BootstrapState? Bootstrap { get; init; }
    /// <summary>Why the run ended.</summary>
    public StopReason Stop { get; init; } = new();
    /// <summary>The function executing when the run stopped, if known.</summary>
    public string? StopFunction { get; init; }
    /// <summary>Instructions executed (model calls count as one).</summary>
    public long InstructionCount { get; init; }

    /// <summary>Link-time address of a run-time address inside the image.</summary>
    public ulong ToLinkTime(ulong address) => address - LoadBias;

    /// <summary>True if execution entered a function with this name.</summary>
    public bool Entered(string function) => EnteredFunctions.Any(v => v.Function == function);

    /// <summary>
    /// Definite where the run got past rt0_go's TLS set-up: <see cref="CgoUse.Yes"/> if rt0_go called into C
    /// (_cgo_init), <see cref="CgoUse.No"/> if it did not; else <see cref="CgoUse.Unknown"/>.
    /// </summary>
    public CgoUse Cgo => Bootstrap is null ? CgoUse.Unknown : Rt0GoCalls.Any(c => !c.TargetIsGo) ? CgoUse.Yes : CgoUse.No;

    /// <summary>The names of the path, "a → b → c", up to instruction <paramref name="until"/> if given.</summary>
    public string DescribePath(int max = 12, long? until = null)
    {
        var names = EnteredFunctions.Where(v => until is null || v.Instruction <= until).Select(v => v.Function).ToList();
        return names.Count <= max
            ? string.Join(" → ", names)
            : string.Join(" → ", names.Take(max)) + " → … (" + (names.Count - max).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more)";
    }
}

/// <summary>Execution entered <paramref name="Function"/> at run-time <paramref name="Address"/> after <paramref name="Instruction"/> instructions.</summary>
public sealed record FunctionEntry(string Function, ulong Address, long Instruction);

/// <summary>General-purpose registers at one point of the run.</summary>
public sealed record RegisterSnapshot(ulong Rip, ulong Rax, ulong Rbx, ulong Rcx, ulong Rdx, ulong Rsi, ulong Rdi, ulong Rsp, ulong Rbp, ulong FsBase, long Instruction);

/// <summary>A system call: number (see <see cref="LinuxSyscall"/>), its name if known, arguments (RDI, RSI, RDX, R10, R8, R9), result.</summary>
public sealed record SyscallRecord(ulong Pc, string? Function, ulong Number, IReadOnlyList<ulong> Arguments, ulong? Result, long Instruction)
{
    /// <summary>"arch_prctl", "exit", …, or null.</summary>
    public string? Name => LinuxSyscall.NameOf(Number);
}

/// <summary>A call into the model of an imported function (pthread_create, malloc, __libc_start_main, …).</summary>
public sealed record ModelCall(string Name, ulong ReturnAddress, IReadOnlyList<ulong> Arguments, ulong? Result, long Instruction);

/// <summary>A call made by runtime.rt0_go: target, whether it is Go code, RDI/RSI, whether and when it returned.</summary>
public sealed record Rt0GoCall(ulong Pc, ulong Target, string? TargetName, bool TargetIsGo, ulong Rdi, ulong Rsi, long Instruction)
{
    /// <summary>The instruction count at the return, or null if the callee never returned.</summary>
    public long? ReturnedAt { get; init; }

    /// <summary>For calls into C: g.stack.lo, stack.hi, stackguard0 and stackguard1 at RDI when it returned.</summary>
    public IReadOnlyList<ulong>? GWordsAtReturn { get; init; }
}

/// <summary>A store by an instruction.</summary>
public sealed record StoreRecord(ulong Pc, string? Function, ulong Address, int Size, ulong Value, long Instruction);

/// <summary>The FS base changed to <paramref name="Value"/> (by "loader", "arch_prctl" or a thread switch).</summary>
public sealed record FsBaseChange(ulong Pc, string By, ulong Value, long Instruction);

/// <summary>The state at "bootstrap complete": the g TLS slot and g0 in it, m0, g0's stack words, the next call.</summary>
public sealed record BootstrapState(ulong GSlotAddress, ulong G0, ulong M0, ulong StackLo, ulong StackHi, ulong StackGuard0, ulong StackGuard1, ulong CallPc, string? Callee)
{
    /// <summary>The g slot's offset from the FS base when g0 was stored (−8 in every Go ≥ 1.5 binary seen): the TLS slot.</summary>
    public long GSlotFsOffset { get; init; }
}
