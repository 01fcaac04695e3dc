namespace GoBootCheck.Sdk;

/// <summary>ELF file type as far as rules care.</summary>
public enum ElfImageType
{
    /// <summary>ET_EXEC: a position-dependent executable.</summary>
    Executable,
    /// <summary>ET_DYN: a position-independent executable (with an interpreter) or a shared library.</summary>
    SharedObject,
}

/// <summary>Access rights of a segment (p_flags).</summary>
[Flags]
public enum SegmentAccess
{
    /// <summary>No access.</summary>
    None = 0,
    /// <summary>PF_R.</summary>
    Read = 4,
    /// <summary>PF_W.</summary>
    Write = 2,
    /// <summary>PF_X.</summary>
    Execute = 1,
}

/// <summary>What an ELF symbol names (STT_*).</summary>
public enum SymbolKind
{
    /// <summary>STT_NOTYPE or anything else.</summary>
    Other,
    /// <summary>STT_OBJECT.</summary>
    Object,
    /// <summary>STT_FUNC.</summary>
    Function,
    /// <summary>STT_TLS.</summary>
    Tls,
    /// <summary>STT_SECTION or STT_FILE.</summary>
    Section,
}

/// <summary>A loadable segment (PT_LOAD).</summary>
public sealed record ElfSegment
{
    /// <summary>p_vaddr (link-time).</summary>
    public ulong VirtualAddress { get; init; }
    /// <summary>p_memsz.</summary>
    public ulong MemorySize { get; init; }
    /// <summary>p_offset.</summary>
    public ulong FileOffset { get; init; }
    /// <summary>p_filesz.</summary>
    public ulong FileSize { get; init; }
    /// <summary>p_flags.</summary>
    public SegmentAccess Access { get; init; }
}

/// <summary>A section header.</summary>
public sealed record ElfSection
{
    /// <summary>Its name, e.g. ".text", ".gopclntab".</summary>
    public string Name { get; init; } = "";
    /// <summary>sh_addr (0 for sections not loaded).</summary>
    public ulong Address { get; init; }
    /// <summary>sh_size.</summary>
    public ulong Size { get; init; }
    /// <summary>True for SHF_ALLOC sections.</summary>
    public bool IsAllocated { get; init; }
    /// <summary>True for SHF_EXECINSTR sections.</summary>
    public bool IsExecutable { get; init; }
}

/// <summary>A symbol of .symtab or .dynsym.</summary>
public sealed record ElfSymbol
{
    /// <summary>Its name.</summary>
    public string Name { get; init; } = "";
    /// <summary>st_value (link-time address for defined symbols).</summary>
    public ulong Value { get; init; }
    /// <summary>st_size.</summary>
    public ulong Size { get; init; }
    /// <summary>STT_* kind.</summary>
    public SymbolKind Kind { get; init; }
    /// <summary>False for undefined (imported) symbols.</summary>
    public bool IsDefined { get; init; }
    /// <summary>True if from .dynsym rather than .symtab.</summary>
    public bool IsDynamic { get; init; }
}

/// <summary>The ELF file as loaded: headers, sections, segments, symbols and the bytes behind virtual addresses.</summary>
public abstract class ElfImage
{
    private protected ElfImage()
    {
    }

    /// <summary>The binary's name as the build listed it (for messages).</summary>
    public abstract string Name { get; }

    /// <summary>The file's size in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>ET_EXEC or ET_DYN.</summary>
    public abstract ElfImageType Type { get; }

    /// <summary>e_entry (0 for most shared libraries).</summary>
    public abstract ulong Entry { get; }

    /// <summary>True if the file names a program interpreter (PT_INTERP): dynamically linked executables and PIEs.</summary>
    public abstract bool HasInterpreter { get; }

    /// <summary>True if the file has no .symtab (stripped with -s, or by strip).</summary>
    public abstract bool IsStripped { get; }

    /// <summary>True if the file has a PT_TLS segment.</summary>
    public abstract bool HasTlsSegment { get; }

    /// <summary>The section headers (empty if the file has none).</summary>
    public abstract IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>The PT_LOAD segments in address order.</summary>
    public abstract IReadOnlyList<ElfSegment> Segments { get; }

    /// <summary>Symbols of .symtab and .dynsym.</summary>
    public abstract IReadOnlyList<ElfSymbol> Symbols { get; }

    /// <summary>The section with this name, or null.</summary>
    public ElfSection? FindSection(string name) => Sections.FirstOrDefault(s => s.Name == name);

    /// <summary>The defined symbol with this name, or null.</summary>
    public ElfSymbol? FindSymbol(string name) => Symbols.FirstOrDefault(s => s.IsDefined && s.Name == name);

    /// <summary>The defined function symbol whose range contains <paramref name="address"/>, or null.</summary>
    public ElfSymbol? FunctionSymbolAt(ulong address) =>
        Symbols.FirstOrDefault(s => s.IsDefined && s.Kind == SymbolKind.Function && address >= s.Value && address < s.Value + s.Size);

    /// <summary>
    /// Copies the file-backed bytes at link-time <paramref name="address"/> into <paramref name="destination"/>; false if
    /// any of them is unmapped or not backed by the file.
    /// </summary>
    public abstract bool TryRead(ulong address, Span<byte> destination);
}
