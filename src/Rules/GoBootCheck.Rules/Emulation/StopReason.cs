namespace GoBootCheck.Emulation;

/// <summary>Why an emulation run ended.</summary>
public enum StopKind
{
    /// <summary>rt0_go made its first call after storing g0 in the g TLS slot and linking g0 and m0.</summary>
    BootstrapComplete,
    /// <summary>A load, store or fetch touched unmapped memory (SIGSEGV in a real process).</summary>
    MemoryFault,
    /// <summary>A store into a read-only mapping (SIGSEGV).</summary>
    WriteToReadOnly,
    /// <summary>int3, ud2 or hlt: the program trapped itself (runtime.abort does int3).</summary>
    Trap,
    /// <summary>Bytes that do not decode as an instruction were executed (SIGILL).</summary>
    InvalidInstruction,
    /// <summary>The same machine state came back with no store in between: the program can never progress.</summary>
    LoopWithoutProgress,
    /// <summary>The process exited (exit syscall, abort(), or the start routine returned) before the bootstrap completed.</summary>
    ProcessExit,
    /// <summary>Tool limit: an instruction the emulator does not implement.</summary>
    UnimplementedInstruction,
    /// <summary>Tool limit: a system call without a model.</summary>
    UnmodeledSyscall,
    /// <summary>Tool limit: a call into an imported function without a model.</summary>
    UnmodeledImport,
    /// <summary>Tool limit: the instruction budget ran out.</summary>
    InstructionBudget,
    /// <summary>Tool limit: the wall-clock safety net ran out.</summary>
    TimeBudget,
    /// <summary>Tool limit: the binary's start-up cannot be set up (no entry point, static and stripped C start-up …).</summary>
    UnsupportedStartup,
}

/// <summary>
/// How and where a run ended. A stop is data, never an exception: rules decide whether it violates their invariant
/// (<see cref="IsToolLimit"/> false) or leaves it unverified (true).
/// </summary>
/// <param name="Kind">The kind of stop.</param>
/// <param name="Address">The instruction address where the run stopped.</param>
/// <param name="Message">A sentence for people: what happened, with addresses.</param>
/// <param name="FaultAddress">For memory faults: the data address.</param>
public sealed record StopReason(StopKind Kind, ulong Address, string Message, ulong? FaultAddress = null)
{
    /// <summary>True if the run stopped at a limit of the tool rather than at something the binary did.</summary>
    public bool IsToolLimit => Kind is StopKind.UnimplementedInstruction or StopKind.UnmodeledSyscall or StopKind.UnmodeledImport
        or StopKind.InstructionBudget or StopKind.TimeBudget or StopKind.UnsupportedStartup;

    /// <inheritdoc/>
    public override string ToString() => Message;
}
