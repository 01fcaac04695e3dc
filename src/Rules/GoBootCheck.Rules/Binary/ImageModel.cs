namespace GoBootCheck.Binary;

/// <summary>ELF object type (e_type) of a loaded image.</summary>
public enum ImageType
{
    /// <summary>ET_EXEC: a position-dependent executable.</summary>
    Executable,
    /// <summary>ET_DYN: a position-independent executable or a shared object.</summary>
    SharedObject,
}

/// <summary>Access rights of a loaded segment (p_flags).</summary>
[Flags]
public enum SegmentAccess
{
    /// <summary>No access.</summary>
    None = 0,
    /// <summary>PF_X.</summary>
    Execute = 1,
    /// <summary>PF_W.</summary>
    Write = 2,
    /// <summary>PF_R.</summary>
    Read = 4,
}

/// <summary>A PT_LOAD or PT_TLS program header, checked against the file's size.</summary>
/// <param name="VirtualAddress">p_vaddr.</param>
/// <param name="MemorySize">p_memsz; bytes past <paramref name="FileSize"/> read as zero.</param>
/// <param name="FileOffset">p_offset.</param>
/// <param name="FileSize">p_filesz.</param>
/// <param name="Access">p_flags.</param>
public sealed record Segment(ulong VirtualAddress, ulong MemorySize, ulong FileOffset, ulong FileSize, SegmentAccess Access)
{
    /// <summary>One past the last mapped address.</summary>
    public ulong End => VirtualAddress + MemorySize;

    /// <summary>True if <paramref name="address"/> lies inside the segment's memory image.</summary>
    public bool Contains(ulong address) => address >= VirtualAddress && address - VirtualAddress < MemorySize;
}

/// <summary>A section header, reduced to what the verifier uses.</summary>
/// <param name="Name">Section name, e.g. .gopclntab.</param>
/// <param name="Address">sh_addr (0 when not allocated).</param>
/// <param name="Size">sh_size.</param>
/// <param name="FileOffset">sh_offset.</param>
/// <param name="IsAllocated">SHF_ALLOC.</param>
/// <param name="IsNoBits">SHT_NOBITS (no file content, e.g. .bss, .tbss).</param>
/// <param name="IsCompressed">SHF_COMPRESSED (content starts with an Elf64_Chdr).</param>
/// <param name="IsExecutable">SHF_EXECINSTR.</param>
public sealed record Section(string Name, ulong Address, ulong Size, ulong FileOffset, bool IsAllocated, bool IsNoBits, bool IsCompressed, bool IsExecutable);

/// <summary>Kind of an ELF symbol (st_info type).</summary>
public enum SymbolKind
{
    /// <summary>STT_NOTYPE and anything else.</summary>
    Other,
    /// <summary>STT_OBJECT.</summary>
    Object,
    /// <summary>STT_FUNC.</summary>
    Function,
    /// <summary>STT_TLS.</summary>
    Tls,
    /// <summary>STT_SECTION.</summary>
    Section,
    /// <summary>STT_FILE.</summary>
    File,
}

/// <summary>An entry of .symtab or .dynsym.</summary>
/// <param name="Name">Symbol name as in the file (Go ≥ 1.17 ABI0 symbols keep their ".abi0" suffix here).</param>
/// <param name="Value">st_value (unrelocated).</param>
/// <param name="Size">st_size.</param>
/// <param name="Kind">st_info type.</param>
/// <param name="IsDefined">False for undefined (imported) symbols.</param>
/// <param name="IsDynamic">True if from .dynsym.</param>
public sealed record Symbol(string Name, ulong Value, ulong Size, SymbolKind Kind, bool IsDefined, bool IsDynamic);

/// <summary>A dynamic relocation (.rela.dyn, .rela.plt), with the symbol it names resolved.</summary>
/// <param name="Offset">r_offset: the address that the loader writes.</param>
/// <param name="Type">r_type (R_X86_64_*).</param>
/// <param name="SymbolName">Name of the referenced .dynsym symbol, or null for none.</param>
/// <param name="SymbolValue">st_value of that symbol (0 if undefined).</param>
/// <param name="Addend">r_addend.</param>
public sealed record DynamicRelocation(ulong Offset, uint Type, string? SymbolName, ulong SymbolValue, long Addend)
{
    /// <summary>R_X86_64_64.</summary>
    public const uint R_X86_64_64 = 1;
    /// <summary>R_X86_64_GLOB_DAT.</summary>
    public const uint R_X86_64_GLOB_DAT = 6;
    /// <summary>R_X86_64_JUMP_SLOT.</summary>
    public const uint R_X86_64_JUMP_SLOT = 7;
    /// <summary>R_X86_64_RELATIVE.</summary>
    public const uint R_X86_64_RELATIVE = 8;
    /// <summary>R_X86_64_DTPMOD64.</summary>
    public const uint R_X86_64_DTPMOD64 = 16;
    /// <summary>R_X86_64_TPOFF64.</summary>
    public const uint R_X86_64_TPOFF64 = 18;
    /// <summary>R_X86_64_IRELATIVE.</summary>
    public const uint R_X86_64_IRELATIVE = 37;
}
