using GoBootCheck.Diagnostics;

namespace GoBootCheck.Go;

/// <summary>
/// A parsed pclntab (runtime/symtab.go pcHeader, functab, _func; cmd/link/internal/ld/pcln.go) of any layout
/// from Go 1.2 to today. Functions are read eagerly; pc-value tables are decoded on demand.
/// </summary>
public sealed partial class Pclntab
{
    private readonly BoundedReader _r;
    private readonly bool _funcIdIsByte; // Go 1.2 layout: only 1.12–1.15 keep funcID in a byte at +36

    // Offsets into the table, from its start (layout-specific meaning, see Parse).
    private ulong _funcnametab, _cutab, _filetab, _pctab, _functab;
    private uint _nfiles;
    private FunctionNames? _names;

    private Pclntab(BoundedReader reader, ulong address, PclntabLayout layout, bool funcIdIsByte)
    {
        _r = reader;
        Address = address;
        Layout = layout;
        _funcIdIsByte = funcIdIsByte;
    }

    /// <summary>Virtual address of the table's first byte (the pcHeader).</summary>
    public ulong Address { get; }

    /// <summary>The table's layout.</summary>
    public PclntabLayout Layout { get; }

    /// <summary>pcHeader.textStart (Go ≥ 1.18), else the first function's entry.</summary>
    public ulong TextStart { get; private set; }

    /// <summary>Functions in address order.</summary>
    public IReadOnlyList<GoFunction> Functions { get; private set; } = [];

    /// <summary>
    /// Parses a pclntab from <paramref name="data"/> (starting at the header). <paramref name="goMinor"/> is the Go 1.x minor
    /// version from build info, if known; it only chooses where the Go 1.2 layout keeps funcID.
    /// </summary>
    /// <param name="binaryName">The binary's name, for messages.</param>
    /// <param name="data">The table's bytes.</param>
    /// <param name="address">The table's virtual address.</param>
    /// <param name="textStartOverride">The relocation-aware value of pcHeader.textStart (Go ≥ 1.18), if the caller read it.</param>
    /// <param name="goMinor">Go minor version, if known.</param>
    /// <param name="diagnostics">Where problems are reported.</param>
    /// <param name="table">The table, or null.</param>
    public static bool TryParse(string binaryName, ReadOnlyMemory<byte> data, ulong address, ulong? textStartOverride, int? goMinor,
        DiagnosticBag diagnostics, out Pclntab? table)
    {
        table = null;
        var r = new BoundedReader(data);
        uint magic = r.U32(0);
        if (r.Failed || PclntabLayouts.FromMagic(magic) is not PclntabLayout layout)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedGoLayout,
                $"{binaryName}: pclntab at 0x{address:x} has magic 0x{magic:x8}, which no known Go layout uses (known: 0xfffffffb, 0xfffffffa, 0xfffffff0, 0xfffffff1)", address));
            return false;
        }
        if (r.U8(4) != 0 || r.U8(5) != 0 || r.U8(6) != 1 || r.U8(7) != 8)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedTarget,
                $"{binaryName}: pclntab at 0x{address:x} is for pc quantum {r.U8(6)} and pointer size {r.U8(7)}; expected 1 and 8 (amd64)", address));
            return false;
        }
        var t = new Pclntab(r, address, layout, goMinor is >= 12 or null);
        string? error = t.ParseHeaderAndFunctions(textStartOverride);
        if (error is not null)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.CorruptGoMetadata,
                $"{binaryName}: corrupt pclntab ({layout.Describe()}) at 0x{address:x}: {error}", address));
            return false;
        }
        table = t;
        return true;
    }

    private string? ParseHeaderAndFunctions(ulong? textStartOverride)
    {
        ulong nfunc = _r.U64(8);
        if (Layout == PclntabLayout.Go12)
        {
            _functab = 16;
            // After the functab: the end PC, then a uint32 offset of the file table.
            _filetab = _r.U32(_functab + (nfunc * 2 + 1) * 8);
            _nfiles = _r.U32(_filetab);
        }
        else
        {
            _nfiles = (uint)_r.U64(16);
            ulong h = 24;
            if (Layout >= PclntabLayout.Go118)
            {
                TextStart = textStartOverride ?? _r.U64(24);
                h = 32;
            }
            _funcnametab = _r.U64(h);
            _cutab = _r.U64(h + 8);
            _filetab = _r.U64(h + 16);
            _pctab = _r.U64(h + 24);
            _functab = _r.U64(h + 32);
        }
        if (_r.Failed) return "the header is truncated";
        int entrySize = Layout >= PclntabLayout.Go118 ? 4 : 8;
        if (nfunc == 0 || nfunc > (ulong)_r.Length / (ulong)(2 * entrySize) || _functab > (ulong)_r.Length)
            return $"nfunc {nfunc} does not fit a table of {_r.Length} bytes";

        _names = new FunctionNames(_r.Data, Layout == PclntabLayout.Go12 ? 0 : _funcnametab);
        var functions = new GoFunction[nfunc];
        ulong prevEntry = 0;
        for (ulong i = 0; i < nfunc; i++)
        {
            ulong slot = _functab + i * (ulong)(2 * entrySize);
            ulong entry, next, funcoff;
            if (entrySize == 4)
            {
                entry = TextStart + _r.U32(slot);
                funcoff = _r.U32(slot + 4);
                next = TextStart + _r.U32(slot + 8);
            }
            else
            {
                entry = _r.U64(slot);
                funcoff = _r.U64(slot + 8);
                next = _r.U64(slot + 16);
            }
            if (_r.Failed) return $"functab entry {i} is out of bounds";
            if (entry < prevEntry || next < entry) return $"functab is not sorted at entry {i} (0x{entry:x}, next 0x{next:x})";
            prevEntry = entry;
            ulong funcBase = Layout == PclntabLayout.Go12 ? 0 : _functab;
            var f = ReadFunc(funcBase + funcoff, entry, next, (uint)funcoff);
            if (f is null) return $"_func record {i} at table offset 0x{funcBase + funcoff:x} is out of bounds";
            functions[i] = f;
        }
        if (Layout < PclntabLayout.Go118) TextStart = functions[0].Entry;
        Functions = functions;
        return null;
    }

    private GoFunction? ReadFunc(ulong off, ulong entry, ulong end, uint funcoff)
    {
        // Layouts of runtime._func: Go 1.2–1.15 (40 bytes, entry uintptr), 1.16–1.17 (44, entry uintptr, + cuOffset),
        // 1.18–1.19 (40, entryOff uint32), 1.20+ (44, + startLine).
        ulong p = off + (Layout >= PclntabLayout.Go118 ? 4u : 8u);
        int nameoff = _r.I32(p);
        int args = _r.I32(p + 4);
        uint third = _r.U32(p + 8);
        uint pcsp = _r.U32(p + 12), pcfile = _r.U32(p + 16), pcln = _r.U32(p + 20);
        uint cuOffset = 0;
        int startLine = 0;
        byte funcId = 0;
        var flags = FuncFlags.None;
        if (Layout == PclntabLayout.Go12)
        {
            // 1.11 kept funcID in the third word; 1.12–1.15 in a byte after npcdata; 1.2–1.10 had none.
            funcId = _funcIdIsByte ? _r.U8(p + 28) : (byte)0;
        }
        else
        {
            cuOffset = _r.U32(p + 28);
            ulong q = p + 32;
            if (Layout == PclntabLayout.Go120) { startLine = _r.I32(q); q += 4; }
            funcId = _r.U8(q);
            if (Layout >= PclntabLayout.Go116) flags = (FuncFlags)_r.U8(q + 1);
        }
        _ = third;
        // The name stays in funcnametab until used; here only that it is terminated inside the table, as a read would check.
        ulong nameBase = Layout == PclntabLayout.Go12 ? 0 : _funcnametab;
        if (_r.Failed || FunctionNames.Length(_r.Data.Span, nameBase, nameoff) < 0) return null;
        return new GoFunction(_names, nameoff, entry, end, args, funcId, flags, funcoff)
        {
            PcSp = pcsp, PcFile = pcfile, PcLn = pcln, CuOffset = cuOffset, StartLine = startLine,
        };
    }
}
