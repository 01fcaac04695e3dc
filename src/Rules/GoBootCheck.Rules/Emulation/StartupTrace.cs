namespace GoBootCheck.Emulation;

/// <summary>
/// What the start-up emulation of one binary observed, from its entry to the stop. Computed once per binary by
/// <see cref="BootstrapAnalysis"/>; rules read it and never re-run anything. Addresses are run-time addresses
/// (link-time plus <see cref="LoadBias"/>); <see cref="ToLinkTime"/> converts for pclntab lookups.
/// </summary>
public sealed class StartupTrace
{
    /// <summary>Where execution started: "e_entry 0x463920" or ".init_array[1] 0x82a40".</summary>
    public required string StartDescription { get; init; }

    /// <summary>Added to link-time addresses when loaded (0 for ET_EXEC).</summary>
    public required ulong LoadBias { get; init; }

    /// <summary>argc on the initial stack (what rt0_go must receive in DI).</summary>
    public required ulong InitialArgc { get; init; }

    /// <summary>Address of argv[0]'s pointer on the initial stack (what rt0_go must receive in SI).</summary>
    public required ulong InitialArgv { get; init; }

    /// <summary>Functions in the order execution entered them (a function re-entered after another appears again).</summary>
    public required IReadOnlyList<FunctionVisit> Path { get; init; }

    /// <summary>Registers when execution first reached runtime.rt0_go, or null if it never did.</summary>
    public required RegisterSnapshot? Rt0GoEntry { get; init; }

    /// <summary>System calls issued, in order.</summary>
    public required IReadOnlyList<SyscallRecord> Syscalls { get; init; }

    /// <summary>Calls into models of imported functions, in order.</summary>
    public required IReadOnlyList<ModelCall> ModelCalls { get; init; }

    /// <summary>Calls made by runtime.rt0_go itself (not by its callees), in order.</summary>
    public required IReadOnlyList<Rt0GoCall> Rt0GoCalls { get; init; }

    /// <summary>Stores through the FS segment (the g TLS slot and the 0x123 probe), in order.</summary>
    public required IReadOnlyList<StoreRecord> FsStores { get; init; }

    /// <summary>Stores made by runtime.rt0_go into memory (g0's fields, m0, its frame), in order.</summary>
    public required IReadOnlyList<StoreRecord> Rt0GoStores { get; init; }

    /// <summary>Stores into g0.stack.lo, stack.hi, stackguard0 and stackguard1 by any code, in order.</summary>
    public required IReadOnlyList<StoreRecord> G0FieldStores { get; init; }

    /// <summary>Every change of the FS base (by the modeled loader or by arch_prctl).</summary>
    public required IReadOnlyList<FsBaseChange> FsBaseChanges { get; init; }

    /// <summary>Functions stepped over rather than executed (runtime.libpreinit on the library path).</summary>
    public required IReadOnlyList<string> SteppedOver { get; init; }

    /// <summary>Set when the run ended as "bootstrap complete".</summary>
    public required BootstrapState? Bootstrap { get; init; }

    /// <summary>Why the run ended.</summary>
    public required StopReason Stop { get; init; }

    /// <summary>The function executing when the run stopped (pclntab, ELF symbol or model name), if known.</summary>
    public required string? StopFunction { get; init; }

    /// <summary>Instructions executed (model calls count as one).</summary>
    public required long InstructionCount { get; init; }

    /// <summary>Wall time of the run (informational: verdicts never depend on it).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Link-time address of a run-time address inside the image.</summary>
    public ulong ToLinkTime(ulong address) => address - LoadBias;

    /// <summary>True if execution entered a function with this pclntab or symbol name.</summary>
    public bool Entered(string function) => Path.Any(v => v.Function == function);

    /// <summary>The function names of the path, "a → b → c", up to instruction <paramref name="until"/> if given.</summary>
    public string DescribePath(int max = 12, long? until = null)
    {
        var names = Path.Where(v => until is null || v.Instruction <= until).Select(v => v.Function).ToList();
        return names.Count <= max ? string.Join(" → ", names) : string.Join(" → ", names.Take(max)) + $" → … ({names.Count - max} more)";
    }
}

/// <summary>Execution entered <paramref name="Function"/> at <paramref name="Address"/> after <paramref name="Instruction"/> instructions.</summary>
public sealed record FunctionVisit(string Function, ulong Address, long Instruction);

/// <summary>General-purpose registers at one point of the run.</summary>
public sealed record RegisterSnapshot(ulong Rip, ulong Rax, ulong Rbx, ulong Rcx, ulong Rdx, ulong Rsi, ulong Rdi, ulong Rsp, ulong Rbp, ulong FsBase, long Instruction);

/// <summary>A system call: its number, arguments (RDI, RSI, RDX, R10, R8, R9), result and the function issuing it.</summary>
public sealed record SyscallRecord(ulong Pc, string? Function, ulong Number, IReadOnlyList<ulong> Arguments, ulong? Result, long Instruction);

/// <summary>A call into the model of an imported (or statically linked C library) function.</summary>
public sealed record ModelCall(string Name, ulong ReturnAddress, IReadOnlyList<ulong> Arguments, ulong? Result, long Instruction);

/// <summary>
/// A call made by runtime.rt0_go: the target, whether it is Go code (in pclntab with pc-value tables; C objects
/// linked internally are in pclntab without them), the first two argument
/// registers, and whether and when it returned; for calls into C (the _cgo_init call), g's stack words at return.
/// </summary>
public sealed record Rt0GoCall(ulong Pc, ulong Target, string? TargetName, bool TargetIsGo, ulong Rdi, ulong Rsi, long Instruction)
{
    /// <summary>The instruction count at the return, or null if the callee never returned.</summary>
    public long? ReturnedAt { get; internal set; }

    /// <summary>For calls into C: the four words at RDI (g.stack.lo, stack.hi, stackguard0, stackguard1) when it returned.</summary>
    public IReadOnlyList<ulong>? GWordsAtReturn { get; internal set; }
}

/// <summary>A store by an instruction.</summary>
public sealed record StoreRecord(ulong Pc, string? Function, ulong Address, int Size, ulong Value, long Instruction);

/// <summary>The FS base changed to <paramref name="Value"/> (by "loader", "arch_prctl" or a thread switch).</summary>
public sealed record FsBaseChange(ulong Pc, string By, ulong Value, long Instruction);

/// <summary>
/// The state at "bootstrap complete": the g TLS slot and what it holds (g0), m0, g0's stack words, and the call
/// rt0_go was about to make.
/// </summary>
/// <param name="GSlotAddress">Address the g pointer was stored to through FS.</param>
/// <param name="G0">The g pointer stored there.</param>
/// <param name="M0">The m whose g0 field received g0.</param>
/// <param name="StackLo">g0.stack.lo.</param>
/// <param name="StackHi">g0.stack.hi.</param>
/// <param name="StackGuard0">g0.stackguard0.</param>
/// <param name="StackGuard1">g0.stackguard1.</param>
/// <param name="CallPc">The call instruction rt0_go was about to execute.</param>
/// <param name="Callee">Its target's name (runtime.check).</param>
public sealed record BootstrapState(ulong GSlotAddress, ulong G0, ulong M0, ulong StackLo, ulong StackHi, ulong StackGuard0, ulong StackGuard1, ulong CallPc, string? Callee);
