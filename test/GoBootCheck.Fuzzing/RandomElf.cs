using System.Buffers.Binary;
using LibObjectFile.Elf;

namespace GoBootCheck.Fuzzing;

/// <summary>
/// Random ELF files written with LibObjectFile: mostly x86-64 executables and shared objects whose sections look like
/// a Go binary's (.text of real code bytes, a .gopclntab with a valid magic and random tables, a .go.buildinfo with
/// its magic, .noptrdata), with random segments over them; sometimes another machine, class or file type.
/// </summary>
public static class RandomElf
{
    private static readonly uint[] PclntabMagics = [0xfffffffb, 0xfffffffa, 0xfffffff0, 0xfffffff1, 0xfffffff2];

    /// <summary>A random file; <paramref name="code"/> lends real instruction bytes. Null when LibObjectFile rejects the layout drawn.</summary>
    public static byte[]? Create(Random random, byte[] code, out string description)
    {
        var arch = random.Next(10) switch { < 8 => ElfArch.X86_64, 8 => ElfArch.AARCH64, _ => ElfArch.I386 };
        var type = random.Next(4) switch { 0 or 1 => ElfFileType.Executable, 2 => ElfFileType.Dynamic, _ => ElfFileType.Relocatable };
        var elf = new ElfFile(arch) { FileType = type };
        ulong baseAddress = random.Next(2) == 0 ? 0x400000UL : 0;

        int textLength = 16 + random.Next(4096);
        var text = new byte[textLength];
        if (code.Length > textLength && random.Next(3) > 0) Array.Copy(code, random.Next(code.Length - textLength), text, 0, textLength);
        else random.NextBytes(text);
        var textSection = new ElfStreamSection(ElfSectionSpecialType.Text, new MemoryStream(text)) { VirtualAddress = baseAddress + 0x1000 };
        elf.Add(textSection);

        var pclntab = new byte[64 + random.Next(8192)];
        random.NextBytes(pclntab);
        BinaryPrimitives.WriteUInt32LittleEndian(pclntab, PclntabMagics[random.Next(PclntabMagics.Length)]);
        pclntab[4] = 0; pclntab[5] = 0; pclntab[6] = random.Next(8) == 0 ? (byte)4 : (byte)1; pclntab[7] = 8;
        // Small header words most of the time, so that the tables are looked for inside the section.
        for (int w = 8; w + 8 <= 72 && w + 8 <= pclntab.Length; w += 8)
            if (random.Next(4) > 0) BinaryPrimitives.WriteUInt64LittleEndian(pclntab.AsSpan(w), (ulong)random.Next(pclntab.Length));
        if (random.Next(2) == 0) BinaryPrimitives.WriteUInt64LittleEndian(pclntab.AsSpan(24), textSection.VirtualAddress);
        var pclntabSection = new ElfStreamSection(ElfSectionSpecialType.ReadOnlyData, new MemoryStream(pclntab))
        {
            Name = random.Next(4) > 0 ? ".gopclntab" : ".rodata",
            VirtualAddress = baseAddress + 0x1000 + (ulong)((textLength + 0xfff) & ~0xfff) + 0x1000,
        };
        elf.Add(pclntabSection);

        ElfStreamSection? buildInfoSection = null;
        if (random.Next(2) == 0)
        {
            var buildInfo = new byte[32 + random.Next(512)];
            random.NextBytes(buildInfo);
            byte[] magic = [0xff, .. " Go buildinf:"u8];
            magic.CopyTo(buildInfo, 0);
            buildInfo[14] = 8;
            buildInfo[15] = (byte)random.Next(4);
            buildInfoSection = new ElfStreamSection(ElfSectionSpecialType.Data, new MemoryStream(buildInfo))
            {
                Name = ".go.buildinfo",
                VirtualAddress = pclntabSection.VirtualAddress + (ulong)((pclntab.Length + 0xfff) & ~0xfff) + 0x1000,
            };
            elf.Add(buildInfoSection);
        }
        elf.Add(new ElfSectionHeaderStringTable());

        int segments = random.Next(4);
        var sections = new List<ElfStreamSection> { textSection, pclntabSection };
        if (buildInfoSection is not null) sections.Add(buildInfoSection);
        for (int i = 0; i < segments; i++)
        {
            var section = sections[random.Next(sections.Count)];
            elf.Segments.Add(new ElfSegment
            {
                Type = random.Next(5) == 0 ? ElfSegmentTypeCore.Tls : ElfSegmentTypeCore.Load,
                Range = new ElfContentRange(section),
                VirtualAddress = section.VirtualAddress + (random.Next(8) == 0 ? (ulong)random.Next(0x2000) : 0),
                SizeInMemory = section.Size + (ulong)(random.Next(4) == 0 ? random.Next(0x10000) : 0),
                Flags = new ElfSegmentFlags((uint)random.Next(8)),
                VirtualAddressAlignment = 0x1000,
            });
        }
        elf.Add(new ElfSectionHeaderTable());
        elf.EntryPointAddress = random.Next(4) switch
        {
            0 => 0,
            1 => (ulong)random.NextInt64(),
            _ => textSection.VirtualAddress + (ulong)random.Next(textLength),
        };
        description = $"random ELF {arch} {type}, .text {textLength} bytes, pclntab magic 0x{BinaryPrimitives.ReadUInt32LittleEndian(pclntab):x8} " +
                      $"({pclntab.Length} bytes), build info {buildInfoSection is not null}, {segments} segments, entry 0x{elf.EntryPointAddress:x}";
        try
        {
            using var stream = new MemoryStream();
            elf.Write(stream);
            return stream.ToArray();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or LibObjectFile.ObjectFileException)
        {
            // The layout drawn is one LibObjectFile refuses to write (overlapping segments …): not an input.
            return null;
        }
    }
}
