using System.Buffers.Binary;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Go;

namespace GoBootCheck.Fuzzing;

/// <summary>
/// A real Go binary the fuzzer mutates, with the places structure-aware mutators aim at, found once by reading the
/// clean file through the pipeline itself (image → Go model) and by hand for what the model does not expose.
/// </summary>
public sealed class Seed
{
    // runtime/debug's build info header (cmd/go/internal/version): "\xff Go buildinf:".
    private static readonly byte[] BuildInfoMagic = [0xff, .. " Go buildinf:"u8];

    /// <summary>Fields of the pclntab worth corrupting: file offset, width in bytes, name.</summary>
    public IReadOnlyList<(int Offset, int Width, string Name)> PclntabFields { get; }

    private Seed(string name, byte[] bytes, ElfLayout elf, int pclntab, int pclntabLength, List<(int, int, string)> fields,
        List<int> pcsp, List<int> entries, int moduledata, int buildInfo, int entryPoint)
    {
        Name = name;
        Bytes = bytes;
        Elf = elf;
        Pclntab = pclntab;
        PclntabLength = pclntabLength;
        PclntabFields = fields;
        PcspTables = pcsp;
        FunctionEntries = entries;
        Moduledata = moduledata;
        BuildInfo = buildInfo;
        EntryPoint = entryPoint;
    }

    /// <summary>A short name (go1.22/pie).</summary>
    public string Name { get; }

    /// <summary>The clean file; never modified (mutators copy it).</summary>
    public byte[] Bytes { get; }

    /// <summary>Header, segment, section and relocation offsets.</summary>
    public ElfLayout Elf { get; }

    /// <summary>File offset of the pcHeader, or −1.</summary>
    public int Pclntab { get; }

    /// <summary>Bytes of the pclntab in the file from <see cref="Pclntab"/>.</summary>
    public int PclntabLength { get; }

    /// <summary>File offsets of the pcsp tables of sampled functions (runtime._func.pcsp, Go 1.18+ layout).</summary>
    public IReadOnlyList<int> PcspTables { get; }

    /// <summary>File offsets of function entries (sampled).</summary>
    public IReadOnlyList<int> FunctionEntries { get; }

    /// <summary>File offset of runtime.firstmoduledata (its pcHeader pointer), or −1.</summary>
    public int Moduledata { get; }

    /// <summary>File offset of the build info header ("\xff Go buildinf:"), or −1.</summary>
    public int BuildInfo { get; }

    /// <summary>File offset of the ELF entry point's code, or −1.</summary>
    public int EntryPoint { get; }

    /// <summary>Reads a seed; throws if it is not a Go binary the pipeline reads (a seed must be clean).</summary>
    public static Seed Load(string name, byte[] bytes)
    {
        var diagnostics = new DiagnosticBag();
        if (!BinaryImage.TryLoad(name, bytes, diagnostics, out var image) || !GoBinary.TryRead(image!, diagnostics, out var go))
            throw new InvalidDataException($"seed {name} is not a readable Go binary: {string.Join("; ", diagnostics.Items.Select(d => d.Message))}");
        var memory = image!.Memory;
        int ToFile(ulong address) => memory.FindSegment(address) is { } s && address - s.VirtualAddress < s.FileSize
            ? (int)(s.FileOffset + (address - s.VirtualAddress))
            : -1;

        int pclntab = ToFile(go!.Pclntab.Address);
        var section = image.FindSection(".gopclntab");
        int pclntabLength = section is not null && !section.IsNoBits ? (int)section.Size
            : memory.FindSegment(go.Pclntab.Address) is { } seg ? (int)(seg.FileOffset + seg.FileSize - (ulong)pclntab) : 0;

        var fields = new List<(int, int, string)>();
        var pcsp = new List<int>();
        var random = new Random(bytes.Length);
        uint magic = pclntab >= 0 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pclntab)) : 0;
        if (magic is 0xfffffff0 or 0xfffffff1)
        {
            // pcHeader, Go 1.18+ (runtime/symtab.go): nfunc, nfiles, textStart, funcnameOffset, cuOffset, filetabOffset,
            // pctabOffset, pclnOffset — eight words from +8.
            string[] names = ["nfunc", "nfiles", "textStart", "funcnameOffset", "cuOffset", "filetabOffset", "pctabOffset", "pclnOffset"];
            for (int i = 0; i < names.Length; i++) fields.Add((pclntab + 8 + 8 * i, 8, "pcHeader." + names[i]));
            long nfunc = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(pclntab + 8));
            long pctab = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(pclntab + 56));
            long functab = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(pclntab + 64));
            // functab: {entryoff, funcoff uint32} per function; runtime._func (Go 1.18+): entryOff, nameOff, args,
            // deferreturn, pcsp, pcfile, pcln, npcdata, cuOffset, startLine (uint32 each), funcID, flag, _, nfuncdata (bytes).
            string[] funcFields = ["entryOff", "nameOff", "args", "deferreturn", "pcsp", "pcfile", "pcln", "npcdata", "cuOffset", "startLine"];
            for (int k = 0; k < Math.Min(nfunc, 4000); k++)
            {
                long i = nfunc <= 4000 ? k : random.NextInt64(nfunc);
                int ft = (int)(pclntab + functab + 8 * i);
                if (ft + 8 > bytes.Length) break;
                fields.Add((ft, 4, "functab.entryoff"));
                fields.Add((ft + 4, 4, "functab.funcoff"));
                uint funcoff = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(ft + 4));
                int f = (int)(pclntab + functab + funcoff);
                if (f + 44 > bytes.Length) continue;
                for (int j = 0; j < funcFields.Length; j++) fields.Add((f + 4 * j, 4, "_func." + funcFields[j]));
                fields.Add((f + 40, 1, "_func.funcID"));
                fields.Add((f + 41, 1, "_func.flag"));
                fields.Add((f + 43, 1, "_func.nfuncdata"));
                uint sp = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(f + 16));
                if (sp != 0 && pclntab + pctab + sp < bytes.Length) pcsp.Add((int)(pclntab + pctab + sp));
            }
        }

        var entries = go.Functions.Where(f => f.IsGoCode).Select(f => ToFile(f.Entry)).Where(o => o >= 0).ToList();

        int moduledata = -1;
        foreach (var r in image.DynamicRelocations)
        {
            if (r.Type == DynamicRelocation.R_X86_64_RELATIVE && (ulong)r.Addend == go.Pclntab.Address && ToFile(r.Offset) is >= 0 and var at)
            {
                moduledata = at;
                break;
            }
        }
        if (moduledata < 0)
        {
            foreach (var s in memory.Segments.Where(s => (s.Access & SegmentAccess.Write) != 0))
            {
                for (ulong off = 0; off + 8 <= s.FileSize && moduledata < 0; off += 8)
                {
                    if (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)(s.FileOffset + off))) == go.Pclntab.Address) moduledata = (int)(s.FileOffset + off);
                }
            }
        }
        int buildInfo = bytes.AsSpan().IndexOf(BuildInfoMagic);
        return new Seed(name, bytes, ElfLayout.Read(bytes), pclntab, pclntabLength, fields, pcsp, entries, moduledata, buildInfo, ToFile(image.Entry));
    }
}
