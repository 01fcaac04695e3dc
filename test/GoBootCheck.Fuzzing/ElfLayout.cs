using System.Buffers.Binary;

namespace GoBootCheck.Fuzzing;

/// <summary>
/// Where the fields of an ELF64 little-endian file are (System V gABI, "ELF header", "Program header", "Section
/// header"), read by hand so that mutators can aim at them: the file offsets of e_* fields, of every program and
/// section header, and of the entries of SHT_RELA sections.
/// </summary>
public sealed class ElfLayout
{
    /// <summary>Offsets of the ELF header's fields worth corrupting, with their widths.</summary>
    public static readonly (int Offset, int Width, string Name)[] HeaderFields =
    [
        (0x04, 1, "EI_CLASS"), (0x05, 1, "EI_DATA"), (0x10, 2, "e_type"), (0x12, 2, "e_machine"), (0x18, 8, "e_entry"),
        (0x20, 8, "e_phoff"), (0x28, 8, "e_shoff"), (0x34, 2, "e_ehsize"), (0x36, 2, "e_phentsize"), (0x38, 2, "e_phnum"),
        (0x3a, 2, "e_shentsize"), (0x3c, 2, "e_shnum"), (0x3e, 2, "e_shstrndx"),
    ];

    /// <summary>Program header fields: offset within the 56-byte entry, width.</summary>
    public static readonly (int Offset, int Width, string Name)[] SegmentFields =
    [
        (0, 4, "p_type"), (4, 4, "p_flags"), (8, 8, "p_offset"), (16, 8, "p_vaddr"), (24, 8, "p_paddr"),
        (32, 8, "p_filesz"), (40, 8, "p_memsz"), (48, 8, "p_align"),
    ];

    /// <summary>Section header fields: offset within the 64-byte entry, width.</summary>
    public static readonly (int Offset, int Width, string Name)[] SectionFields =
    [
        (0, 4, "sh_name"), (4, 4, "sh_type"), (8, 8, "sh_flags"), (16, 8, "sh_addr"), (24, 8, "sh_offset"),
        (32, 8, "sh_size"), (40, 4, "sh_link"), (44, 4, "sh_info"), (48, 8, "sh_addralign"), (56, 8, "sh_entsize"),
    ];

    /// <summary>File offsets of the program headers.</summary>
    public IReadOnlyList<int> ProgramHeaders { get; }

    /// <summary>File offsets of the section headers.</summary>
    public IReadOnlyList<int> SectionHeaders { get; }

    /// <summary>File offsets of every Elf64_Rela entry (24 bytes: r_offset, r_info, r_addend).</summary>
    public IReadOnlyList<int> RelaEntries { get; }

    private ElfLayout(List<int> ph, List<int> sh, List<int> rela)
    {
        ProgramHeaders = ph;
        SectionHeaders = sh;
        RelaEntries = rela;
    }

    /// <summary>Reads the layout of a well-formed ELF64 file (a seed); anything out of bounds is left out.</summary>
    public static ElfLayout Read(byte[] file)
    {
        var ph = new List<int>();
        var sh = new List<int>();
        var rela = new List<int>();
        if (file.Length < 64) return new ElfLayout(ph, sh, rela);
        ulong phoff = U64(file, 0x20), shoff = U64(file, 0x28);
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x38));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x3c));
        for (int i = 0; i < phnum; i++)
        {
            ulong at = phoff + (ulong)i * 56;
            if (at + 56 <= (ulong)file.Length) ph.Add((int)at);
        }
        for (int i = 0; i < shnum; i++)
        {
            ulong at = shoff + (ulong)i * 64;
            if (at + 64 > (ulong)file.Length) continue;
            sh.Add((int)at);
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)at + 4)) != 4) continue; // SHT_RELA
            ulong offset = U64(file, (int)at + 24), size = U64(file, (int)at + 32);
            for (ulong e = offset; e + 24 <= offset + size && e + 24 <= (ulong)file.Length; e += 24) rela.Add((int)e);
        }
        return new ElfLayout(ph, sh, rela);
    }

    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));
}
