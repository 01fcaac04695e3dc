namespace GoBootCheck.Sdk;

/// <summary>Why the start-up emulation ended.</summary>
public enum StopKind
{
    /// <summary>rt0_go made its first call after storing g0 in the g TLS slot and linking g0 and m0.</summary>
    BootstrapComplete,
    /// <summary>A load, store or fetch touched unmapped memory (SIGSEGV in a real process).</summary>
    MemoryFault,
    /// <summary>A store into a read-only mapping (SIGSEGV).</summary>
    WriteToReadOnly,
    /// <summary>int3, ud2 or hlt: the program trapped itself.</summary>
    Trap,
    /// <summary>Bytes that do not decode as an instruction were executed (SIGILL).</summary>
    InvalidInstruction,
    /// <summary>The same machine state came back with no store in between.</summary>
    LoopWithoutProgress,
    /// <summary>The process exited before the bootstrap completed.</summary>
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
    /// <summary>Tool limit: the binary's start-up cannot be set up.</summary>
    UnsupportedStartup,
}

/// <summary>How and where the emulation ended: data, never an exception.</summary>
public sealed record StopReason
{
    /// <summary>The kind of stop.</summary>
    public StopKind Kind { get; init; }

    /// <summary>The run-time address of the instruction where the run stopped.</summary>
    public ulong Address { get; init; }

    /// <summary>A sentence for people.</summary>
    public string Message { get; init; } = "";

    /// <summary>For memory faults: the data address.</summary>
    public ulong? FaultAddress { get; init; }

    /// <summary>True if the run stopped at a limit of the tool rather than at something the binary did.</summary>
    public bool IsToolLimit => Kind is StopKind.UnimplementedInstruction or StopKind.UnmodeledSyscall or StopKind.UnmodeledImport
        or StopKind.InstructionBudget or StopKind.TimeBudget or StopKind.UnsupportedStartup;

    /// <inheritdoc/>
    public override string ToString() => Message;
}

/// <summary>Linux x86-64 system call numbers and arch_prctl codes the start-up path uses (syscall_64.tbl, asm/prctl.h).</summary>
public static class LinuxSyscall
{
    /// <summary>arch_prctl.</summary>
    public const ulong ArchPrctl = 158;
    /// <summary>exit.</summary>
    public const ulong Exit = 60;
    /// <summary>exit_group.</summary>
    public const ulong ExitGroup = 231;
    /// <summary>ARCH_SET_GS.</summary>
    public const ulong ArchSetGs = 0x1001;
    /// <summary>ARCH_SET_FS.</summary>
    public const ulong ArchSetFs = 0x1002;
    /// <summary>ARCH_GET_FS.</summary>
    public const ulong ArchGetFs = 0x1003;
    /// <summary>ARCH_GET_GS.</summary>
    public const ulong ArchGetGs = 0x1004;

    /// <summary>"arch_prctl" for 158, …; null for a number the start-up path does not use.</summary>
    public static string? NameOf(ulong number) => number switch
    {
        ArchPrctl => "arch_prctl",
        Exit => "exit",
        ExitGroup => "exit_group",
        _ => null,
    };
}
