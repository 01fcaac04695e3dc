using GoBootCheck.Binary;
using GoBootCheck.Disassembly;
using GoBootCheck.Emulation;
using Iced.Intel;

namespace GoBootCheck.Tests.Emulation;

/// <summary>
/// A hermetic machine for instruction tests: code assembled with Iced at <see cref="CodeBase"/> (r-x), a stack and a
/// data page (rw-), a read-only page, and an executor. No binary, no loader, no models.
/// </summary>
internal sealed class TestMachine : IExecutionHost
{
    public const ulong CodeBase = 0x10000, DataBase = 0x20000, ReadOnlyBase = 0x30000, StackTop = 0x80000, FsBase = 0x40100;
    public const ulong Sentinel = 0xdead0000;

    public TestMachine(byte[] code)
    {
        Memory.Map(new MemoryRegion(CodeBase, 0x1000, SegmentAccess.Read | SegmentAccess.Execute, RegionKind.Image, "test code"));
        Memory.Map(new MemoryRegion(DataBase, 0x1000, SegmentAccess.Read | SegmentAccess.Write, RegionKind.Heap, "test data"));
        Memory.Map(new MemoryRegion(ReadOnlyBase, 0x1000, SegmentAccess.Read, RegionKind.Image, "test rodata"));
        Memory.Map(new MemoryRegion(0x40000, 0x1000, SegmentAccess.Read | SegmentAccess.Write, RegionKind.ThreadControlBlock, "test tls"));
        Memory.Map(new MemoryRegion(StackTop - 0x10000, 0x10000, SegmentAccess.Read | SegmentAccess.Write, RegionKind.Stack, "test stack"));
        Memory.Poke(CodeBase, code);
        State.Rip = CodeBase;
        State.StackPointer = StackTop - 8;
        State.FsBase = FsBase;
        Memory.PokeUInt64(StackTop - 8, Sentinel);
        Executor = new Executor(State, Memory, this);
        Fetcher = new InstructionFetcher(Memory);
    }

    public MachineState State { get; } = new();
    public EmulatedMemory Memory { get; } = new();
    public Executor Executor { get; }
    public InstructionFetcher Fetcher { get; }
    public List<(ulong Address, ulong Value, bool ThroughFs)> Stores { get; } = [];
    public List<ulong> Syscalls { get; } = [];

    /// <summary>Assembles <paramref name="build"/> at <see cref="CodeBase"/>.</summary>
    public static TestMachine Assemble(Action<Assembler> build)
    {
        var asm = new Assembler(64);
        build(asm);
        var writer = new BytesWriter();
        asm.Assemble(writer, CodeBase);
        return new TestMachine(writer.ToArray());
    }

    /// <summary>Runs until the code returns to the sentinel; the stop, or null on a clean return.</summary>
    public StopReason? Run(int maxSteps = 10_000)
    {
        for (int i = 0; i < maxSteps && State.Rip != Sentinel; i++)
        {
            if (!Fetcher.TryFetch(State.Rip, out var instr, out var failure)) return failure;
            if (Executor.Execute(instr) is { } stop) return stop;
        }
        return State.Rip == Sentinel ? null : throw new AssertFailedException("the snippet did not return");
    }

    public ulong Reg(int n) => State.Get(n);

    public StopReason? Syscall(MachineState state, ulong pc)
    {
        Syscalls.Add(state.Get(MachineState.Rax));
        state.Set(MachineState.Rax, 0);
        return null;
    }

    public void Cpuid(MachineState state) => state.Set(MachineState.Rax, 0x42);

    public StopReason? Xgetbv(MachineState state, ulong pc)
    {
        state.Set(MachineState.Rax, 7);
        state.Set(MachineState.Rdx, 0);
        return null;
    }

    public ulong ReadTimestampCounter() => 1234;

    public void OnStore(ulong pc, ulong address, int size, ulong value, bool throughFs) => Stores.Add((address, value, throughFs));

    private sealed class BytesWriter : CodeWriter
    {
        private readonly List<byte> _bytes = [];

        public override void WriteByte(byte value) => _bytes.Add(value);

        public byte[] ToArray() => [.. _bytes];
    }
}
