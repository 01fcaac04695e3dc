using System.Buffers.Binary;
using System.Text;
using GoBootCheck.Binary;
using GoBootCheck.Go;

namespace GoBootCheck.Emulation;

/// <summary>
/// Does what the kernel and the dynamic loader do before the first instruction of a program: maps the PT_LOAD
/// segments at a load bias, applies the dynamic relocations (imports bound to model entry points), creates the
/// main thread's TCB and static TLS when a loader would have run, and lays out the initial stack
/// (argc, argv, envp, auxv; Linux fs/binfmt_elf.c create_elf_tables).
/// </summary>
internal sealed class ProcessLoader
{
    /// <summary>argv of the emulated process.</summary>
    public static readonly IReadOnlyList<string> Arguments = ["/gobootcheck/program"];

    /// <summary>envp of the emulated process.</summary>
    public static readonly IReadOnlyList<string> Environment = ["GOBOOTCHECK=1"];

    // Weak undefined symbols glibc's crt files test for null; no library defines them.
    private static readonly IReadOnlySet<string> WeakNull = new HashSet<string> { "__gmon_start__", "_ITM_registerTMCloneTable", "_ITM_deregisterTMCloneTable" };

    private readonly GoBinary _binary;
    private readonly BinaryImage _image;

    public ProcessLoader(GoBinary binary)
    {
        _binary = binary;
        _image = binary.Image;
    }

    /// <summary>
    /// True for a shared object, started through .init_array as ld.so would: ET_DYN with e_entry 0, or without
    /// PT_INTERP (a PIE always names its interpreter; the external linker may leave e_entry at .text in a library).
    /// </summary>
    public bool IsLibrary => _image.Type == ImageType.SharedObject && (_image.Entry == 0 || !_image.HasInterpreter);

    /// <summary>Set by <see cref="Load"/> when the loader itself would fail (a relocation outside the image).</summary>
    public StopReason? LoadFailure { get; private set; }

    /// <summary>Builds the process. The initial stack's argc and argv address are returned for the trace.</summary>
    public EmulatedProcess Load(out ulong argc, out ulong argv)
    {
        ulong bias = _image.Type == ImageType.Executable ? 0 : IsLibrary ? AddressSpaceLayout.LibraryBias : AddressSpaceLayout.PieBias;
        var memory = new EmulatedMemory();
        foreach (var s in _image.Memory.Segments)
        {
            ulong start = s.VirtualAddress + bias;
            if (start < s.VirtualAddress || AddressSpaceLayout.IsReserved(start, s.MemorySize))
            {
                // Not something a real loader refuses: the emulator keeps its models and stacks there.
                LoadFailure ??= new StopReason(StopKind.UnsupportedStartup, _image.Entry + bias,
                    $"the PT_LOAD segment at 0x{s.VirtualAddress:x} (0x{s.MemorySize:x} bytes) lands where the emulator keeps its models and stacks", start);
                continue;
            }
            memory.Map(new MemoryRegion(start, s.MemorySize, s.Access, RegionKind.Image, $"PT_LOAD 0x{start:x}", _image.Memory, bias));
        }
        var process = new EmulatedProcess(_image, bias, memory);
        if (_image.Tls is { } tls)
        {
            // Variant II: the block ends at the thread pointer; its size is rounded up to the segment's alignment
            // (glibc elf/dl-tls.c _dl_determine_tlsoffset; the linker computes the same local-exec offsets).
            ulong align = Math.Max(TlsAlignment(), 1);
            ulong size = (tls.MemorySize + align - 1) / align * align;
            if (size < tls.MemorySize || size > AddressSpaceLayout.MaxTlsBlock)
            {
                // glibc cannot allocate such a static TLS block: the process never starts.
                LoadFailure ??= new StopReason(StopKind.MemoryFault, _image.Entry + bias,
                    $"the PT_TLS segment asks for a 0x{tls.MemorySize:x}-byte static TLS block (aligned to {align}): the dynamic loader cannot allocate it");
                size = 0;
            }
            process.TlsBlockSize = size;
        }
        ApplyRelocations(process);
        BindStaticLibcSymbols(process);

        memory.Map(new MemoryRegion(AddressSpaceLayout.StackTop - AddressSpaceLayout.StackSize, AddressSpaceLayout.StackSize,
            SegmentAccess.Read | SegmentAccess.Write, RegionKind.Stack, "main thread stack"));
        var main = process.CreateThread(AddressSpaceLayout.StackTop - AddressSpaceLayout.StackSize, AddressSpaceLayout.StackSize);
        main.Started = true;
        process.Current = main;
        ulong sp = BuildInitialStack(process, out argc, out argv);
        process.State.StackPointer = sp;
        // ld.so sets the thread pointer before any code of a dynamically linked program or library runs; a static
        // program starts with FS base 0 and sets it itself (settls, or libc's TLS setup).
        if (_image.HasInterpreter || IsLibrary)
        {
            process.State.FsBase = main.Id;
            process.PendingFsChanges.Add(("loader", main.Id));
        }
        return process;
    }

    private void ApplyRelocations(EmulatedProcess process)
    {
        var dynamicSymbols = _image.Symbols.Where(s => s.IsDynamic).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var r in _image.DynamicRelocations)
        {
            ulong at = r.Offset + process.LoadBias;
            if (process.Memory.FindRegion(at) is null || process.Memory.FindRegion(at + 7) is null)
            {
                // ld.so would fault writing it before any code of the binary runs.
                LoadFailure ??= new StopReason(StopKind.MemoryFault, _image.Entry + process.LoadBias,
                    $"the dynamic relocation at 0x{r.Offset:x} (type {r.Type}) targets memory no PT_LOAD segment maps: the dynamic loader would fault", at);
                continue;
            }
            dynamicSymbols.TryGetValue(r.SymbolName ?? "", out var symbol);
            bool defined = symbol is { IsDefined: true };
            switch (r.Type)
            {
                case DynamicRelocation.R_X86_64_RELATIVE:
                    process.Memory.PokeUInt64(at, process.LoadBias + (ulong)r.Addend);
                    break;
                case DynamicRelocation.R_X86_64_64 or DynamicRelocation.R_X86_64_GLOB_DAT or DynamicRelocation.R_X86_64_JUMP_SLOT:
                {
                    ulong addend = r.Type == DynamicRelocation.R_X86_64_64 ? (ulong)r.Addend : 0;
                    ulong target = r.SymbolName is null or "" ? process.LoadBias
                        : defined ? process.LoadBias + symbol!.Value
                        : WeakNull.Contains(r.SymbolName) ? 0
                        // The Go linker types every import STT_OBJECT; a PLT slot always holds a function.
                        : r.Type != DynamicRelocation.R_X86_64_JUMP_SLOT && symbol?.Kind == SymbolKind.Object ? process.ImportedDataFor(r.SymbolName)
                        : process.StubFor(r.SymbolName);
                    process.Memory.PokeUInt64(at, target == 0 ? 0 : target + addend);
                    break;
                }
                case DynamicRelocation.R_X86_64_TPOFF64:
                    // Offset from the thread pointer of a variable in this module's static TLS block (variant II).
                    process.Memory.PokeUInt64(at, (defined ? symbol!.Value : 0) + (ulong)r.Addend - process.TlsBlockSize);
                    break;
                case DynamicRelocation.R_X86_64_DTPMOD64:
                    process.Memory.PokeUInt64(at, 1);
                    break;
                case DynamicRelocation.R_X86_64_IRELATIVE:
                    // Resolving an ifunc means running libc's CPU-feature code; a call through the slot is a tool limit.
                    process.Memory.PokeUInt64(at, process.StubFor($"<ifunc resolved by 0x{(ulong)r.Addend + process.LoadBias:x}>"));
                    break;
            }
        }
    }

    /// <summary>
    /// A statically linked C library has no imports to bind; where the symbol table names its functions, the models
    /// take their place at those addresses (cgo with -extldflags=-static).
    /// </summary>
    private void BindStaticLibcSymbols(EmulatedProcess process)
    {
        if (_image.HasInterpreter || IsLibrary) return;
        foreach (var s in _image.Symbols)
        {
            if (s.IsDynamic || !s.IsDefined || s.Kind != SymbolKind.Function || s.Value == 0) continue;
            if (!Models.ImportModels.Names.Contains(s.Name)) continue;
            if (_binary.FunctionAt(s.Value) is not null) continue; // Go code runs for real
            process.SymbolHooks.TryAdd(s.Value + process.LoadBias, s.Name);
        }
    }

    private ulong BuildInitialStack(EmulatedProcess process, out ulong argc, out ulong argv)
    {
        var memory = process.Memory;
        ulong top = AddressSpaceLayout.StackTop - 16;
        ulong PutString(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s + "\0");
            top -= (ulong)bytes.Length;
            memory.Poke(top, bytes);
            return top;
        }
        var argPointers = Arguments.Select(PutString).ToList();
        var envPointers = Environment.Select(PutString).ToList();
        top &= ~15UL;
        top -= 16;
        ulong random = top;
        memory.Poke(random, "GoBootCheck-rand"u8); // AT_RANDOM: 16 bytes (deterministic, the verdict must be)
        var auxv = AuxiliaryVector(process, random);
        int words = 1 + argPointers.Count + 1 + envPointers.Count + 1 + auxv.Count * 2;
        ulong sp = (top - (ulong)words * 8) & ~15UL;
        var stack = new List<ulong> { (ulong)argPointers.Count };
        stack.AddRange(argPointers);
        stack.Add(0);
        stack.AddRange(envPointers);
        stack.Add(0);
        foreach (var (type, value) in auxv)
        {
            stack.Add(type);
            stack.Add(value);
        }
        for (int i = 0; i < stack.Count; i++) memory.PokeUInt64(sp + (ulong)i * 8, stack[i]);
        argc = (ulong)argPointers.Count;
        argv = sp + 8;
        return sp;
    }

    /// <summary>p_align of PT_TLS, read from the program headers (the core's Segment does not keep it).</summary>
    private ulong TlsAlignment()
    {
        var bytes = _image.Bytes.Span;
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(bytes[0x20..]);
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x36..]), phnum = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x38..]);
        for (int i = 0; i < phnum; i++)
        {
            var ph = bytes[(int)(phoff + (ulong)(i * phentsize))..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) == 7) return BinaryPrimitives.ReadUInt64LittleEndian(ph[0x30..]);
        }
        return 1;
    }

    private List<(ulong, ulong)> AuxiliaryVector(EmulatedProcess process, ulong random)
    {
        var header = _image.Bytes.Span;
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
        ulong phentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[0x36..]);
        ulong phnum = BinaryPrimitives.ReadUInt16LittleEndian(header[0x38..]);
        var first = _image.Memory.Segments.FirstOrDefault(s => phoff >= s.FileOffset && phoff < s.FileOffset + s.FileSize);
        ulong phdr = first is null ? 0 : first.VirtualAddress + (phoff - first.FileOffset) + process.LoadBias;
        // Values from include/uapi/linux/auxvec.h; AT_BASE is 0 because no interpreter is mapped.
        return
        [
            (3, phdr), (4, phentsize), (5, phnum), (6, 4096), (7, 0), (8, 0), (9, _image.Entry + process.LoadBias),
            (11, 1000), (12, 1000), (13, 1000), (14, 1000), (23, 0), (25, random), (0, 0),
        ];
    }
}
