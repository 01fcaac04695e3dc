namespace GoBootCheck.Emulation.Models;

/// <summary>What a model did: return a value to its caller, continue where it set RIP, or stop the run.</summary>
internal readonly record struct ModelOutcome(ulong? ReturnValue, StopReason? Stop)
{
    /// <summary>Return <paramref name="value"/> in RAX to the caller (pops the return address).</summary>
    public static ModelOutcome Return(ulong value) => new(value, null);

    /// <summary>The model set RIP and RSP itself (it called into the program or switched threads).</summary>
    public static ModelOutcome Continue() => new(null, null);

    /// <summary>End the run.</summary>
    public static ModelOutcome Halt(StopReason reason) => new(null, reason);
}

/// <summary>
/// A function outside the binary (a glibc import, or a statically linked libc function found by symbol) replaced by
/// a model of its documented behaviour. Models are looked up by name; one small class each.
/// </summary>
internal abstract class ImportModel
{
    /// <summary>The C name of the function.</summary>
    public abstract string Name { get; }

    /// <summary>Runs the model at entry (RSP points at the return address; arguments in RDI, RSI, RDX, RCX, R8, R9).</summary>
    public abstract ModelOutcome Invoke(ModelContext context);
}

/// <summary>What a model may touch: the process (memory, threads, heap) and the calling thread's registers.</summary>
internal sealed class ModelContext
{
    private static readonly int[] ArgumentRegisters =
        [MachineState.Rdi, MachineState.Rsi, MachineState.Rdx, MachineState.Rcx, MachineState.R8, MachineState.R9];

    public ModelContext(EmulatedProcess process, ulong returnAddress, long instruction)
    {
        Process = process;
        ReturnAddress = returnAddress;
        Instruction = instruction;
    }

    /// <summary>The process.</summary>
    public EmulatedProcess Process { get; }

    /// <summary>The running thread's registers.</summary>
    public MachineState State => Process.State;

    /// <summary>Where the model returns to.</summary>
    public ulong ReturnAddress { get; }

    /// <summary>Instructions executed before the call.</summary>
    public long Instruction { get; }

    /// <summary>Integer argument <paramref name="n"/> (SysV AMD64 ABI: RDI, RSI, RDX, RCX, R8, R9).</summary>
    public ulong Argument(int n) => State.Get(ArgumentRegisters[n]);

    /// <summary>Writes a 64-bit word for the program (through pointers it passed), stopping on a bad pointer.</summary>
    public bool TryWrite(ulong address, ulong value, int size = 8) => Process.Memory.WriteUInt(address, size, value) is null;

    /// <summary>A stop at the model's call site.</summary>
    public StopReason Stop(StopKind kind, string message) => new(kind, ReturnAddress, message);

    /// <summary>A stop for a pointer argument the model could not write.</summary>
    public ModelOutcome BadPointer(string function, ulong address) =>
        ModelOutcome.Halt(Stop(StopKind.MemoryFault, $"{function} was given the unwritable pointer 0x{address:x} (called from 0x{ReturnAddress:x})"));
}
