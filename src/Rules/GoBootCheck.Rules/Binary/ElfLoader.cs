using System.Buffers.Binary;
using GoBootCheck.Diagnostics;
using LibObjectFile.Elf;
using LibBag = LibObjectFile.Diagnostics.DiagnosticBag;

namespace GoBootCheck.Binary;

/// <summary>
/// Turns ELF bytes into a <see cref="BinaryImage"/> through LibObjectFile. LibObjectFile reports most corruption
/// in its diagnostic bag but throws on some truncated or header-corrupted files: that is contained here, and every
/// size taken from the file is checked against the file before it is used.
/// </summary>
internal static class ElfLoader
{
    private const ushort EM_X86_64 = 62;
    private const uint PT_LOAD = 1, PT_INTERP = 3, PT_TLS = 7;

    public static bool TryLoad(string name, ReadOnlyMemory<byte> bytes, DiagnosticBag diagnostics, out BinaryImage? image)
    {
        image = null;
        // LibObjectFile reads through a stream over the caller's memory: no copy of the file, whatever backs it.
        using var stream = new ReadOnlyMemoryStream(bytes);
        if (!ElfFile.IsElf(stream))
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.NotElf,
                $"{name}: not an ELF file (first bytes {Hex(bytes.Span[..Math.Min(4, bytes.Length)])}); expected a Go linux/amd64 ELF binary"));
            return false;
        }
        stream.Position = 0;
        if (IdentProblem(bytes.Span) is { } ident)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf, $"{name}: the ELF file is corrupt: {ident}"));
            return false;
        }
        if (ProgramHeaderProblem(bytes.Span) is { } headers)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf, $"{name}: the ELF file is corrupt: {headers}"));
            return false;
        }
        if (SectionPastEnd(bytes.Span) is { } pastEnd)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf, $"{name}: the ELF file is truncated: {pastEnd}"));
            return false;
        }

        ElfFile elf;
        try
        {
            if (!ElfFile.TryRead(stream, out ElfFile? read, out LibBag? bag, ReaderOptions) || bag is null || bag.HasErrors || read is null)
            {
                string first = bag?.Messages.Where(m => m.Kind == LibObjectFile.Diagnostics.DiagnosticKind.Error).Select(m => m.Message).FirstOrDefault() ?? "unknown error";
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf, $"{name}: the ELF file is truncated or corrupt: {first}"));
                return false;
            }
            elf = read;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf,
                $"{name}: the ELF file is truncated or corrupt ({ex.GetType().Name}: {ex.Message})"));
            return false;
        }

        if (elf.FileClass != ElfFileClass.Is64 || elf.Encoding != ElfEncoding.Lsb || (ushort)elf.Arch != EM_X86_64)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedTarget,
                $"{name}: {Describe(elf)} is not verified; GoBootCheck verifies 64-bit little-endian x86-64 (linux/amd64) ELF binaries"));
            return false;
        }
        ImageType type;
        if (elf.FileType == ElfFileType.Executable) type = ImageType.Executable;
        else if (elf.FileType == ElfFileType.Dynamic) type = ImageType.SharedObject;
        else
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedTarget,
                $"{name}: ELF type {elf.FileType} is not verified; expected an executable (ET_EXEC) or a PIE/shared object (ET_DYN)"));
            return false;
        }

        ulong fileLength = (ulong)bytes.Length;
        var loads = new List<Segment>();
        Segment? tls = null;
        bool interp = false;
        foreach (var ph in elf.Segments)
        {
            uint t = ph.Type.Value;
            if (t is not (PT_LOAD or PT_TLS or PT_INTERP)) continue;
            var s = new Segment(ph.VirtualAddress, ph.SizeInMemory, ph.Position, ph.Size, (SegmentAccess)(ph.Flags.Value & 7));
            if (t == PT_INTERP) { interp = true; continue; }
            if (s.FileOffset > fileLength || s.FileSize > fileLength - s.FileOffset)
            {
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf,
                    $"{name}: the ELF file is truncated: a segment at 0x{s.VirtualAddress:x} needs file bytes 0x{s.FileOffset:x}–0x{s.FileOffset + s.FileSize:x} but the file has 0x{fileLength:x}",
                    s.VirtualAddress));
                return false;
            }
            if (s.FileSize > s.MemorySize || s.VirtualAddress + s.MemorySize < s.VirtualAddress)
            {
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf,
                    $"{name}: corrupt program header: segment at 0x{s.VirtualAddress:x} has p_filesz 0x{s.FileSize:x} > p_memsz 0x{s.MemorySize:x} or wraps",
                    s.VirtualAddress));
                return false;
            }
            if (t == PT_TLS) tls = s; else loads.Add(s);
        }
        if (loads.Count == 0)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf, $"{name}: the ELF file has no loadable segment (PT_LOAD)"));
            return false;
        }
        var sorted = loads.OrderBy(s => s.VirtualAddress).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].VirtualAddress < sorted[i - 1].End)
            {
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf,
                    $"{name}: corrupt program headers: PT_LOAD segments at 0x{sorted[i - 1].VirtualAddress:x} and 0x{sorted[i].VirtualAddress:x} overlap",
                    sorted[i].VirtualAddress));
                return false;
            }
        }

        var sections = new List<Section>();
        var symbols = new List<Symbol>();
        var relocations = new List<DynamicRelocation>();
        foreach (var sec in elf.Sections)
        {
            if (sec is ElfNullSection) continue;
            bool noBits = sec.Type == ElfSectionType.NoBits;
            ulong size = sec.Size;
            if (!noBits && sec.Type != ElfSectionType.Null && (sec.Position > fileLength || size > fileLength - sec.Position))
            {
                diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.MalformedElf,
                    $"{name}: the ELF file is truncated: section {sec.Name.Value} needs file bytes 0x{sec.Position:x}–0x{sec.Position + size:x} but the file has 0x{fileLength:x}"));
                return false;
            }
            sections.Add(new Section(sec.Name.Value ?? "", sec.VirtualAddress, size, sec.Position,
                (sec.Flags & ElfSectionFlags.Alloc) != 0, noBits, (sec.Flags & ElfSectionFlags.Compressed) != 0,
                (sec.Flags & ElfSectionFlags.Executable) != 0));
            if (sec is ElfSymbolTable table)
            {
                bool dynamic = sec.Type == ElfSectionType.DynamicLinkerSymbolTable;
                foreach (var sym in table.Entries)
                {
                    string symName = sym.Name.Value ?? "";
                    if (symName.Length == 0 && sym.Value == 0) continue;
                    symbols.Add(new Symbol(symName, sym.Value, sym.Size, Kind(sym.Type), !IsUndefined(sym), dynamic));
                }
            }
        }
        foreach (var sec in elf.Sections)
        {
            if (sec is not ElfRelocationTable rt || (sec.Flags & ElfSectionFlags.Alloc) == 0) continue;
            var symtab = rt.Link.Section as ElfSymbolTable;
            foreach (var r in rt.Entries)
            {
                string? symName = null;
                ulong symValue = 0;
                if (symtab is not null && r.SymbolIndex != 0 && r.SymbolIndex < (uint)symtab.Entries.Count)
                {
                    var sym = symtab.Entries[(int)r.SymbolIndex];
                    symName = sym.Name.Value;
                    symValue = IsUndefined(sym) ? 0 : sym.Value;
                }
                relocations.Add(new DynamicRelocation(r.Offset, r.Type.Value, symName, symValue, r.Addend));
            }
        }

        image = new BinaryImage(name, bytes, type, elf.EntryPointAddress, loads, tls, interp, sections, symbols, relocations);
        return true;
    }

    // Notes are not read by any rule; LibObjectFile's note parser allocates what a corrupt n_namesz says (up to 4 GiB),
    // so note sections stay raw bytes. UseSubStream: section contents are views of the caller's memory, not copies.
    private static readonly ElfReaderOptions ReaderOptions = new()
    {
        UseSubStream = true,
        TryCreateSection = static (type, _) => type == ElfSectionType.Note ? new ElfStreamSection(ElfSectionType.Note) : null!,
    };

    /// <summary>
    /// An e_ident that names no ELF class or data encoding. LibObjectFile reads such a file as 64-bit anyway, past the
    /// checks of <see cref="SectionPastEnd"/> (long fuzz run seed 1, case 59920: an OutOfMemoryException).
    /// </summary>
    internal static string? IdentProblem(ReadOnlySpan<byte> b)
    {
        if (b.Length < 6) return null; // ElfFile.IsElf and LibObjectFile report a file this short
        if (b[4] is not (1 or 2)) return $"EI_CLASS is 0x{b[4]:x2}, neither 1 (ELFCLASS32) nor 2 (ELFCLASS64)";
        if (b[5] is not (1 or 2)) return $"EI_DATA is 0x{b[5]:x2}, neither 1 (little-endian) nor 2 (big-endian)";
        return null;
    }

    /// <summary>
    /// A program header table LibObjectFile must not be given, checked on the raw ELF64 little-endian header: an entry
    /// size other than an Elf64_Phdr's 56 bytes (Linux refuses to load such a file: binfmt_elf requires
    /// e_phentsize == sizeof(struct elf_phdr)), or a table running past the end of the file. LibObjectFile sizes its
    /// reads by e_phnum × e_phentsize (long fuzz run seed 3, cases 23752 and 72593: 538 and 956 MiB for a 2 MB file).
    /// Null if the table is sound (or the file is not ELF64 LSB).
    /// </summary>
    internal static string? ProgramHeaderProblem(ReadOnlySpan<byte> b)
    {
        const int PhdrSize = 56;
        if (!IsElf64Lsb(b)) return null;
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(b[0x20..]);
        ulong phentsize = BinaryPrimitives.ReadUInt16LittleEndian(b[0x36..]);
        ulong phnum = BinaryPrimitives.ReadUInt16LittleEndian(b[0x38..]);
        ulong length = (ulong)b.Length;
        if (phnum == 0) return null; // no program headers: an object file, reported later as not an executable
        if (phentsize != PhdrSize) return $"e_phentsize is {phentsize}, not the {PhdrSize} bytes of an Elf64_Phdr";
        if (!Fits(phoff, phnum, PhdrSize, length))
            return $"its {phnum} program headers of {PhdrSize} bytes at 0x{phoff:x} do not fit in the file (0x{length:x} bytes)";
        return null;
    }

    /// <summary>
    /// The first section (other than SHT_NULL and SHT_NOBITS) whose bytes lie past the end of the file, checked on the
    /// raw ELF64 little-endian section headers before LibObjectFile reads them: it sizes buffers and gaps by these
    /// fields, so a corrupt sh_offset or sh_size would cost up to gigabytes before its own checks run.
    /// Also the section header table itself past the end. Null if all is in the file (or the file is not ELF64 LSB).
    /// </summary>
    internal static string? SectionPastEnd(ReadOnlySpan<byte> b)
    {
        const int ShdrSize = 64;
        if (!IsElf64Lsb(b)) return null;
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(b[0x28..]);
        ulong shnum = BinaryPrimitives.ReadUInt16LittleEndian(b[0x3c..]);
        ulong length = (ulong)b.Length;
        if (shoff == 0) return null; // no section header table
        if (shnum == 0)
        {
            // Extended numbering (gABI): e_shnum 0 with a table means the count is sh_size of entry 0, which readers
            // (LibObjectFile too) go and read: that entry must be in the file, and the count it gives is checked below.
            if (!Fits(shoff, 1, ShdrSize, length))
                return $"e_shnum is 0 but its section header table at 0x{shoff:x} lies past the end of the file (0x{length:x} bytes)";
            shnum = BinaryPrimitives.ReadUInt64LittleEndian(b[((int)shoff + 32)..]);
            if (shnum == 0) return null;
        }
        if (!Fits(shoff, shnum, ShdrSize, length))
            return $"its {shnum} section headers of {ShdrSize} bytes at 0x{shoff:x} do not fit in the file (0x{length:x} bytes)";
        for (int i = 0; i < (int)shnum; i++)
        {
            var sh = b.Slice((int)shoff + i * ShdrSize, ShdrSize);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]);
            if (type is 0 or 8) continue; // SHT_NULL, SHT_NOBITS
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(sh[24..]), size = BinaryPrimitives.ReadUInt64LittleEndian(sh[32..]);
            if (!Fits(offset, size, 1, length))
                return $"section [{i}] needs file bytes 0x{offset:x}–0x{offset + size:x} but the file has 0x{length:x}";
        }
        return null;
    }

    // ELFCLASS64, ELFDATA2LSB, and long enough for the header the checks above read.
    private static bool IsElf64Lsb(ReadOnlySpan<byte> b) => b.Length >= 64 && b[4] == 2 && b[5] == 1;

    // Whether count entries of entrySize bytes from offset lie inside a file of length bytes (no overflow).
    private static bool Fits(ulong offset, ulong count, ulong entrySize, ulong length) => offset <= length && count <= (length - offset) / entrySize;

    private static bool IsUndefined(ElfSymbol sym) => sym.SectionLink.IsSpecial && sym.SectionLink.SpecialIndex == 0;

    private static SymbolKind Kind(ElfSymbolType t) => t switch
    {
        ElfSymbolType.Object => SymbolKind.Object,
        ElfSymbolType.Function => SymbolKind.Function,
        ElfSymbolType.Tls => SymbolKind.Tls,
        ElfSymbolType.Section => SymbolKind.Section,
        ElfSymbolType.File => SymbolKind.File,
        _ => SymbolKind.Other,
    };

    private static string Describe(ElfFile elf)
    {
        string cls = elf.FileClass == ElfFileClass.Is64 ? "64-bit" : "32-bit";
        string machine = (ushort)elf.Arch switch
        {
            183 => "arm64 (EM_AARCH64)",
            3 => "i386 (EM_386)",
            40 => "arm (EM_ARM)",
            243 => "riscv (EM_RISCV)",
            21 => "ppc64 (EM_PPC64)",
            22 => "s390x (EM_S390)",
            62 => "x86-64",
            var m => $"machine {m}",
        };
        return $"a {cls} {(elf.Encoding == ElfEncoding.Lsb ? "little" : "big")}-endian {machine} ELF";
    }

    private static string Hex(ReadOnlySpan<byte> b) => b.IsEmpty ? "(empty file)" : Convert.ToHexString(b);
}
