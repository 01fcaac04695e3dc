using GoBootCheck.Diagnostics;

namespace GoBootCheck.Binary;

/// <summary>
/// A linux/amd64 ELF image: segments, sections, symbols, dynamic relocations and its virtual memory.
/// Built by <see cref="ElfLoader"/>, the only code that touches LibObjectFile.
/// </summary>
public sealed class BinaryImage
{
    private readonly Dictionary<ulong, string> _importSlots;

    internal BinaryImage(
        string name,
        ReadOnlyMemory<byte> bytes,
        ImageType type,
        ulong entry,
        IReadOnlyList<Segment> loadSegments,
        Segment? tls,
        bool hasInterpreter,
        IReadOnlyList<Section> sections,
        IReadOnlyList<Symbol> symbols,
        IReadOnlyList<DynamicRelocation> relocations)
    {
        Name = name;
        Bytes = bytes;
        Type = type;
        Entry = entry;
        Tls = tls;
        HasInterpreter = hasInterpreter;
        Sections = sections;
        Symbols = symbols;
        DynamicRelocations = relocations;
        Memory = new VirtualMemory(bytes, loadSegments);
        _importSlots = [];
        foreach (var r in relocations)
        {
            if (r.SymbolName is { Length: > 0 } n && r.Type is DynamicRelocation.R_X86_64_GLOB_DAT or DynamicRelocation.R_X86_64_JUMP_SLOT or DynamicRelocation.R_X86_64_64)
                _importSlots.TryAdd(r.Offset, n);
        }
    }

    /// <summary>The name the user gave the file (used in every message).</summary>
    public string Name { get; }

    /// <summary>The file's bytes.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>ET_EXEC or ET_DYN.</summary>
    public ImageType Type { get; }

    /// <summary>e_entry (0 for shared objects without an entry point).</summary>
    public ulong Entry { get; }

    /// <summary>The PT_TLS segment, if any.</summary>
    public Segment? Tls { get; }

    /// <summary>True if the image has PT_INTERP (dynamically linked).</summary>
    public bool HasInterpreter { get; }

    /// <summary>Section headers (empty if the file has none).</summary>
    public IReadOnlyList<Section> Sections { get; }

    /// <summary>Symbols of .symtab followed by .dynsym.</summary>
    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>True if the image has a .symtab (not stripped).</summary>
    public bool HasSymbolTable => Symbols.Any(s => !s.IsDynamic);

    /// <summary>Dynamic relocations of .rela.dyn and .rela.plt.</summary>
    public IReadOnlyList<DynamicRelocation> DynamicRelocations { get; }

    /// <summary>Virtual memory at link-time addresses.</summary>
    public VirtualMemory Memory { get; }

    /// <summary>The first section called <paramref name="name"/>, or null.</summary>
    public Section? FindSection(string name) => Sections.FirstOrDefault(s => s.Name == name);

    /// <summary>The defined symbol called exactly <paramref name="name"/>, or null.</summary>
    public Symbol? FindSymbol(string name) => Symbols.FirstOrDefault(s => s.IsDefined && s.Name == name);

    /// <summary>
    /// Reads a pointer-sized word as the loader would leave it at link-time base: where an R_X86_64_RELATIVE relocation
    /// targets the word (PIE, shared objects), its addend; otherwise the stored value.
    /// </summary>
    public bool TryReadPointer(ulong address, out ulong value)
    {
        _relative ??= DynamicRelocations.Where(r => r.Type == DynamicRelocation.R_X86_64_RELATIVE)
            .GroupBy(r => r.Offset).ToDictionary(g => g.Key, g => (ulong)g.First().Addend);
        if (_relative.TryGetValue(address, out value)) return Memory.IsMapped(address, 8);
        return Memory.TryReadUInt64(address, out value);
    }

    private Dictionary<ulong, ulong>? _relative;

    /// <summary>The imported name whose GOT/PLT slot is at <paramref name="slotAddress"/>, or null.</summary>
    public string? ImportAt(ulong slotAddress) => _importSlots.GetValueOrDefault(slotAddress);

    /// <summary>
    /// Addresses in .init_array, as the loader would see them at link-time base:
    /// the stored word, or the addend of an R_X86_64_RELATIVE/R_X86_64_64 relocation on the slot.
    /// </summary>
    public IReadOnlyList<ulong> InitArray()
    {
        var section = FindSection(".init_array");
        if (section is null || section.IsNoBits) return [];
        var relocs = DynamicRelocations.Where(r => r.Offset >= section.Address && r.Offset < section.Address + section.Size)
            .ToDictionary(r => r.Offset, r => r);
        var result = new List<ulong>();
        for (ulong a = section.Address; a + 8 <= section.Address + section.Size; a += 8)
        {
            if (relocs.TryGetValue(a, out var r))
                result.Add(r.Type == DynamicRelocation.R_X86_64_RELATIVE ? (ulong)r.Addend : r.SymbolValue + (ulong)r.Addend);
            else if (Memory.TryReadUInt64(a, out ulong v))
                result.Add(v);
        }
        return result;
    }

    /// <summary>Reads the image from <paramref name="bytes"/>; on failure, reports one diagnostic naming <paramref name="name"/>.</summary>
    public static bool TryLoad(string name, ReadOnlyMemory<byte> bytes, DiagnosticBag diagnostics, out BinaryImage? image) =>
        ElfLoader.TryLoad(name, bytes, diagnostics, out image);
}
