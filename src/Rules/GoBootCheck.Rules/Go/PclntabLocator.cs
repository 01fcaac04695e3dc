using System.Buffers.Binary;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;

namespace GoBootCheck.Go;

/// <summary>
/// Finds pclntab: by section (.gopclntab, or .data.rel.ro.gopclntab in internally linked PIEs), by symbol
/// (runtime.pclntab), or — when sections and symbols are gone, or an external linker merged it into .data.rel.ro —
/// by scanning the loaded segments for a header (magic, two zero bytes, quantum 1, pointer size 8) that parses.
/// </summary>
internal static class PclntabLocator
{
    public static Pclntab? Find(BinaryImage image, GoVersion? version, DiagnosticBag diagnostics)
    {
        foreach (var name in new[] { ".gopclntab", ".data.rel.ro.gopclntab" })
        {
            if (image.FindSection(name) is { IsNoBits: false, Address: > 0 } s)
                return Parse(image, s.Address, version, diagnostics);
        }
        if (image.FindSymbol("runtime.pclntab") is { Value: > 0 } sym && image.Memory.FindSegment(sym.Value) is not null)
            return Parse(image, sym.Value, version, diagnostics);
        return Scan(image, version, diagnostics);
    }

    private static Pclntab? Parse(BinaryImage image, ulong address, GoVersion? version, DiagnosticBag diagnostics)
    {
        var segment = image.Memory.FindSegment(address);
        if (segment is null || address - segment.VirtualAddress >= segment.FileSize)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.CorruptGoMetadata,
                $"{image.Name}: pclntab at 0x{address:x} is not backed by the file", address));
            return null;
        }
        ulong rel = address - segment.VirtualAddress;
        var data = image.Bytes.Slice(checked((int)(segment.FileOffset + rel)), checked((int)(segment.FileSize - rel)));
        ulong? textStart = image.TryReadPointer(address + 24, out ulong ts) ? ts : null;
        // Go 1.26 leaves pcHeader.textStart zero in the file (observed: lefthook 2.1.10, go1.26.4; incus, go1.27.3): take
        // runtime.text, else moduledata.text, else the start of .text (they coincide with internal linking).
        if (textStart == 0)
            textStart = image.FindSymbol("runtime.text")?.Value ?? ModuleDataText(image, address) ?? image.FindSection(".text")?.Address;
        Pclntab.TryParse(image.Name, data, address, textStart, version?.Minor, diagnostics, out var table);
        return table;
    }

    /// <summary>
    /// moduledata.text (runtime/symtab.go moduledata; word 22 since Go 1.16, etext word 23) of the moduledata whose
    /// first word points at this pclntab: runtime.text even when an external linker put C code first in .text.
    /// </summary>
    private static ulong? ModuleDataText(BinaryImage image, ulong pclntab)
    {
        Span<byte> needle = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(needle, pclntab);
        foreach (var segment in image.Memory.Segments)
        {
            if ((segment.Access & SegmentAccess.Write) == 0) continue;
            var bytes = image.Bytes.Span.Slice((int)segment.FileOffset, (int)segment.FileSize);
            for (int from = 0; from + 8 <= bytes.Length;)
            {
                int hit = bytes[from..].IndexOf(needle);
                if (hit < 0) break;
                int i = from + hit;
                from = i + 1;
                if ((i & 7) != 0) continue;
                ulong md = segment.VirtualAddress + (ulong)i;
                if (image.TryReadPointer(md + 22 * 8, out ulong text) && image.TryReadPointer(md + 23 * 8, out ulong etext) && text < etext &&
                    image.Memory.FindSegment(text) is { } code && (code.Access & SegmentAccess.Execute) != 0 && code.Contains(etext - 1))
                    return text;
            }
        }
        return null;
    }

    private static Pclntab? Scan(BinaryImage image, GoVersion? version, DiagnosticBag diagnostics)
    {
        foreach (var segment in image.Memory.Segments)
        {
            if ((segment.Access & SegmentAccess.Execute) != 0 && image.Memory.Segments.Count > 1) continue;
            var bytes = image.Bytes.Span.Slice((int)segment.FileOffset, (int)segment.FileSize);
            ReadOnlySpan<byte> tail = [0, 0, 1, 8]; // pad, pad, pc quantum, pointer size
            for (int from = 4; from + 4 <= bytes.Length;)
            {
                int hit = bytes[from..].IndexOf(tail);
                if (hit < 0) break;
                int i = from + hit - 4;
                from += hit + 1;
                if ((i & 3) != 0) continue; // a pcHeader is at least word-aligned
                uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes[i..]);
                if (PclntabLayouts.FromMagic(magic) is null) continue;
                var probe = new DiagnosticBag();
                var table = Parse(image, segment.VirtualAddress + (ulong)i, version, probe);
                if (table is not null && table.Functions.All(f => image.Memory.FindSegment(f.Entry) is { Access: var a } && (a & SegmentAccess.Execute) != 0))
                    return table;
            }
        }
        diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.NotGoBinary,
            $"{image.Name}: no Go pclntab found (no .gopclntab section, no runtime.pclntab symbol, no valid header in the loaded segments): not a Go binary"));
        return null;
    }
}
