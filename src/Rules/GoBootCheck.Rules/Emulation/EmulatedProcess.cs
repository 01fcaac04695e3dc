using GoBootCheck.Binary;

namespace GoBootCheck.Emulation;

/// <summary>
/// The process the emulation runs: memory, the current thread's registers, the threads, the model entry points
/// (stubs) and the heap. Built by <see cref="ProcessLoader"/>; models change it through <see cref="Models.ModelContext"/>.
/// </summary>
internal sealed class EmulatedProcess
{
    private readonly Dictionary<ulong, string> _stubNames = [];
    private readonly Dictionary<string, ulong> _stubByName = [];
    private readonly Dictionary<string, ulong> _importedData = [];
    private ulong _heapNext = AddressSpaceLayout.HeapBase;

    public EmulatedProcess(BinaryImage image, ulong loadBias, EmulatedMemory memory)
    {
        Image = image;
        LoadBias = loadBias;
        Memory = memory;
        memory.Map(new MemoryRegion(AddressSpaceLayout.StubBase, AddressSpaceLayout.StubSize, SegmentAccess.Read | SegmentAccess.Execute,
            RegionKind.ModelStubs, "model entry points"));
        memory.Map(new MemoryRegion(AddressSpaceLayout.HeapBase, AddressSpaceLayout.HeapSize, SegmentAccess.Read | SegmentAccess.Write,
            RegionKind.Heap, "malloc model heap"));
        memory.Map(new MemoryRegion(AddressSpaceLayout.ImportedDataBase, AddressSpaceLayout.ImportedDataSize, SegmentAccess.Read | SegmentAccess.Write,
            RegionKind.ImportedData, "imported data objects"));
        ReturnToLoader = StubFor("<return to loader>");
        ThreadExit = StubFor("<thread exit>");
    }

    /// <summary>The verified image.</summary>
    public BinaryImage Image { get; }

    /// <summary>Added to the image's link-time addresses.</summary>
    public ulong LoadBias { get; }

    /// <summary>The address space.</summary>
    public EmulatedMemory Memory { get; }

    /// <summary>Registers of the running thread.</summary>
    public MachineState State { get; set; } = new();

    /// <summary>All threads; the first is the main thread.</summary>
    public List<EmulatedThread> Threads { get; } = [];

    /// <summary>The running thread.</summary>
    public EmulatedThread? Current { get; set; }

    /// <summary>Where a function called by the modeled loader (an .init_array entry, main) returns to.</summary>
    public ulong ReturnToLoader { get; }

    /// <summary>Where a thread's start routine returns to.</summary>
    public ulong ThreadExit { get; }

    /// <summary>Size of the static TLS block (PT_TLS memsz rounded up to its alignment), 0 without PT_TLS.</summary>
    public ulong TlsBlockSize { get; set; }

    /// <summary>FS base changes made outside instructions (loader, thread switches), drained by the run loop.</summary>
    public List<(string By, ulong Value)> PendingFsChanges { get; } = [];

    /// <summary>Models bound to addresses inside the image (statically linked C library functions found by symbol).</summary>
    public Dictionary<ulong, string> SymbolHooks { get; } = [];

    /// <summary>The entry point address of the model called <paramref name="name"/>, created on first use.</summary>
    public ulong StubFor(string name)
    {
        if (_stubByName.TryGetValue(name, out ulong address)) return address;
        address = AddressSpaceLayout.StubBase + (ulong)_stubByName.Count * 16;
        _stubByName[name] = address;
        _stubNames[address] = name;
        return address;
    }

    /// <summary>The model name whose entry point is <paramref name="address"/>, or null.</summary>
    public string? ModelAt(ulong address) =>
        _stubNames.TryGetValue(address, out var n) ? n : SymbolHooks.TryGetValue(address, out var h) ? h : null;

    /// <summary>Zero-filled storage for an imported data object (stdout, environ …).</summary>
    public ulong ImportedDataFor(string name)
    {
        if (_importedData.TryGetValue(name, out ulong address)) return address;
        address = AddressSpaceLayout.ImportedDataBase + (ulong)_importedData.Count * 0x100;
        _importedData[name] = address;
        return address;
    }

    /// <summary>Allocates <paramref name="size"/> bytes of zeroed heap, 16-byte aligned; null when exhausted.</summary>
    public ulong? Allocate(ulong size)
    {
        ulong start = _heapNext;
        ulong end = start + ((Math.Max(size, 1) + 15) & ~15UL);
        if (end > AddressSpaceLayout.HeapBase + AddressSpaceLayout.HeapSize) return null;
        _heapNext = end;
        return start;
    }

    /// <summary>
    /// Creates a thread: its stack and its TCB with the static TLS block below it (TLS variant II, as glibc on x86-64),
    /// the TCB's self pointers and the stack-protector canary at TCB+0x28.
    /// </summary>
    public EmulatedThread CreateThread(ulong stackLo, ulong stackSize, ulong startRoutine = 0, ulong argument = 0)
    {
        int number = Threads.Count;
        ulong area = AddressSpaceLayout.ThreadAreaBase + (ulong)number * AddressSpaceLayout.ThreadAreaStride;
        ulong tcb = area + ((TlsBlockSize + 0xfff) & ~0xfffUL) + 0x1000;
        Memory.Map(new MemoryRegion(area, tcb + 0x1000 - area, SegmentAccess.Read | SegmentAccess.Write,
            RegionKind.ThreadControlBlock, $"thread {number} TLS block and TCB"));
        if (Image.Tls is { } tls && tls.FileSize > 0)
        {
            var init = new byte[tls.FileSize];
            Image.Memory.TryRead(tls.VirtualAddress, init);
            Memory.Poke(tcb - TlsBlockSize, init);
        }
        Memory.PokeUInt64(tcb, tcb);          // tcbhead_t.tcb
        Memory.PokeUInt64(tcb + 0x10, tcb);   // tcbhead_t.self
        Memory.PokeUInt64(tcb + 0x28, AddressSpaceLayout.StackCanary); // tcbhead_t.stack_guard
        var thread = new EmulatedThread(number, tcb, stackLo, stackSize) { StartRoutine = startRoutine, StartArgument = argument };
        Threads.Add(thread);
        return thread;
    }
}
