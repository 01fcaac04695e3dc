using System.Buffers.Binary;

namespace GoBootCheck.Fuzzing;

/// <summary>
/// Makes one fuzz input from a seed: one to three mutations of a copy of a real binary, each aimed at a structure
/// the pipeline reads (ELF header, program and section headers, relocations, entry point, pclntab header, functab,
/// _func fields, pcsp tables, moduledata, build info, function prologues) or blind (byte flips, truncation, splices).
/// Everything is drawn from one <see cref="Random"/>: the same seed and case number give the same input.
/// </summary>
public static class Mutator
{
    /// <summary>The mutation kinds, in the order <see cref="Mutate"/> draws them from.</summary>
    public static readonly string[] Kinds =
    [
        "flip", "truncate", "elf-header", "segment", "section", "relocation", "entry-point", "pclntab-header",
        "pclntab-field", "pcsp", "pclntab-bytes", "moduledata", "buildinfo", "prologue", "splice",
    ];

    /// <summary>Applies 1–3 mutations to a copy of <paramref name="seed"/>; <paramref name="description"/> lists them.</summary>
    public static byte[] Mutate(Seed seed, Seed other, Random random, out string description)
    {
        var bytes = (byte[])seed.Bytes.Clone();
        int count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        var steps = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string kind = Kinds[random.Next(Kinds.Length)];
            steps.Add(Apply(kind, ref bytes, seed, other, random));
        }
        description = string.Join("; ", steps);
        return bytes;
    }

    private static string Apply(string kind, ref byte[] b, Seed seed, Seed other, Random random)
    {
        switch (kind)
        {
            case "flip":
            {
                int n = 1 + random.Next(16);
                // Half the time near the start, where the headers are.
                int limit = random.Next(2) == 0 ? Math.Min(b.Length, 4096) : b.Length;
                for (int i = 0; i < n && limit > 0; i++) b[random.Next(limit)] ^= (byte)(1 << random.Next(8));
                return $"flip {n} bits in the first {limit} bytes";
            }
            case "truncate":
            {
                int length = random.Next(3) switch
                {
                    0 => random.Next(Math.Min(b.Length, 8192)),
                    1 => b.Length - 1 - random.Next(Math.Min(b.Length, 8192)),
                    _ => random.Next(b.Length),
                };
                length = Math.Max(0, length);
                Array.Resize(ref b, length);
                return $"truncate to {length}";
            }
            case "elf-header":
            {
                var (offset, width, name) = ElfLayout.HeaderFields[random.Next(ElfLayout.HeaderFields.Length)];
                return Field(b, offset, width, "ELF " + name, random);
            }
            case "segment":
                return Entry(b, seed.Elf.ProgramHeaders, ElfLayout.SegmentFields, "phdr", random);
            case "section":
                return Entry(b, seed.Elf.SectionHeaders, ElfLayout.SectionFields, "shdr", random);
            case "relocation":
                return Entry(b, seed.Elf.RelaEntries, [(0, 8, "r_offset"), (8, 8, "r_info"), (16, 8, "r_addend")], "rela", random);
            case "entry-point":
                if (random.Next(2) == 0) return Field(b, 0x18, 8, "ELF e_entry", random);
                return Code(b, seed.EntryPoint, "entry code", random);
            case "pclntab-header":
                return seed.PclntabFields.Count > 0
                    ? FieldAt(b, seed.PclntabFields[random.Next(Math.Min(8, seed.PclntabFields.Count))], random)
                    : Blind(b, seed.Pclntab, 64, "pclntab header", random);
            case "pclntab-field":
                return seed.PclntabFields.Count > 0
                    ? FieldAt(b, seed.PclntabFields[random.Next(seed.PclntabFields.Count)], random)
                    : Blind(b, seed.Pclntab, seed.PclntabLength, "pclntab", random);
            case "pcsp":
            {
                if (seed.PcspTables.Count == 0) return Blind(b, seed.Pclntab, seed.PclntabLength, "pclntab", random);
                int at = seed.PcspTables[random.Next(seed.PcspTables.Count)];
                return Blind(b, at, 12, "pcsp table", random);
            }
            case "pclntab-bytes":
                return Blind(b, seed.Pclntab, seed.PclntabLength, "pclntab", random);
            case "moduledata":
            {
                if (seed.Moduledata < 0) return Blind(b, seed.Pclntab, 64, "pclntab header", random);
                int word = random.Next(64);
                return Field(b, seed.Moduledata + 8 * word, 8, $"moduledata word {word}", random);
            }
            case "buildinfo":
                return Blind(b, seed.BuildInfo, 64, "build info", random);
            case "prologue":
            {
                if (seed.FunctionEntries.Count == 0) return Code(b, seed.EntryPoint, "entry code", random);
                return Code(b, seed.FunctionEntries[random.Next(seed.FunctionEntries.Count)], "function prologue", random);
            }
            default: // splice: a run of another binary's bytes over this one's
            {
                int length = 1 + random.Next(4096);
                int from = random.Next(Math.Max(1, other.Bytes.Length - length));
                int to = random.Next(Math.Max(1, b.Length - length));
                int n = Math.Min(length, Math.Min(other.Bytes.Length - from, b.Length - to));
                if (n > 0) Array.Copy(other.Bytes, from, b, to, n);
                return $"splice {n} bytes of {other.Name}@{from} at {to}";
            }
        }
    }

    private static string Entry(byte[] b, IReadOnlyList<int> entries, (int Offset, int Width, string Name)[] fields, string what, Random random)
    {
        if (entries.Count == 0) return "no " + what;
        int index = random.Next(entries.Count);
        var (offset, width, name) = fields[random.Next(fields.Length)];
        return Field(b, entries[index] + offset, width, $"{what}[{index}].{name}", random);
    }

    private static string FieldAt(byte[] b, (int Offset, int Width, string Name) field, Random random) =>
        Field(b, field.Offset, field.Width, field.Name, random);

    /// <summary>Sets an integer field to an "interesting" value: 0, all ones, a sign boundary, the file size, near the old value, random.</summary>
    private static string Field(byte[] b, int offset, int width, string name, Random random)
    {
        if (offset < 0 || offset + width > b.Length) return $"{name} (out of the file)";
        var span = b.AsSpan(offset, width);
        ulong old = width switch
        {
            1 => span[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
        };
        ulong mask = width == 8 ? ulong.MaxValue : (1UL << (8 * width)) - 1;
        ulong value = random.Next(10) switch
        {
            0 => 0,
            1 => ulong.MaxValue,
            2 => mask >> 1,
            3 => (mask >> 1) + 1,
            4 => (ulong)b.Length + (ulong)random.Next(-16, 17),
            5 => old + (ulong)random.Next(1, 65),
            6 => old - (ulong)random.Next(1, 65),
            7 => old * 2 + 1,
            8 => old ^ (1UL << random.Next(8 * width)),
            _ => (ulong)random.NextInt64(),
        } & mask;
        switch (width)
        {
            case 1: span[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
        }
        return $"{name}@{offset} 0x{old:x} → 0x{value:x}";
    }

    /// <summary>Random bytes, or a random bit, somewhere in [start, start+length).</summary>
    private static string Blind(byte[] b, int start, int length, string what, Random random)
    {
        if (start < 0 || length <= 0 || start >= b.Length) return $"no {what}";
        length = Math.Min(length, b.Length - start);
        int at = start + random.Next(length);
        int n = Math.Min(1 + random.Next(8), b.Length - at);
        for (int i = 0; i < n; i++) b[at + i] = random.Next(3) == 0 ? (byte)(b[at + i] ^ (1 << random.Next(8))) : (byte)random.Next(256);
        return $"{n} bytes of {what} at {at}";
    }

    // Code patterns that stress the emulator and the prologue matcher: a jump to itself, int3, ud2, a call to itself,
    // a stack pointer wipe, a far jump out of the image.
    private static readonly byte[][] CodePatterns =
    [
        [0xeb, 0xfe], [0xcc], [0x0f, 0x0b], [0xe8, 0xfb, 0xff, 0xff, 0xff], [0x48, 0x31, 0xe4], [0xe9, 0x00, 0x00, 0x00, 0x80],
        [0x0f, 0x05], [0x64, 0x48, 0x8b, 0x0c, 0x25, 0xf8, 0xff, 0xff, 0xff], [0xf3, 0xa4], [0x66, 0x0f, 0x38],
    ];

    private static string Code(byte[] b, int at, string what, Random random)
    {
        if (at < 0 || at >= b.Length) return $"no {what}";
        at += random.Next(3) == 0 ? random.Next(32) : 0;
        if (random.Next(2) == 0)
        {
            var pattern = CodePatterns[random.Next(CodePatterns.Length)];
            int n = Math.Min(pattern.Length, b.Length - at);
            if (n > 0) pattern.AsSpan(0, n).CopyTo(b.AsSpan(at));
            return $"{what} at {at} ← {Convert.ToHexString(pattern)}";
        }
        return Blind(b, at, 16, what, random);
    }
}
