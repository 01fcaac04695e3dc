namespace GoBootCheck.Go;

/// <summary>One run of a pc-value table: <see cref="Value"/> holds for pc in [Start, End).</summary>
/// <param name="Start">First pc of the run.</param>
/// <param name="End">One past the last pc.</param>
/// <param name="Value">The value (SP delta, file number, line).</param>
public readonly record struct PcValueRun(ulong Start, ulong End, int Value);

public sealed partial class Pclntab
{
    /// <summary>
    /// Decodes one pc-value table of <paramref name="function"/> (runtime/symtab.go pcvalue/step): pairs of a zig-zag
    /// value delta and a pc delta, starting at value −1 and the entry. Stops at the end marker or at corrupt data.
    /// </summary>
    public IReadOnlyList<PcValueRun> DecodeTable(GoFunction function, uint tableOffset) => DecodeTable(function, tableOffset, []);

    /// <summary>As above, into <paramref name="runs"/> (cleared first), so that a caller decoding table after table reuses one list.</summary>
    public List<PcValueRun> DecodeTable(GoFunction function, uint tableOffset, List<PcValueRun> runs)
    {
        runs.Clear();
        if (tableOffset == 0) return runs;
        ulong p = (Layout == PclntabLayout.Go12 ? 0 : _pctab) + tableOffset;
        ulong pc = function.Entry;
        int value = -1;
        var r = new BoundedReader(_r.Data);
        for (bool first = true; runs.Count < 1_000_000; first = false)
        {
            uint uv = r.UVarint(ref p);
            if (r.Failed || (uv == 0 && !first)) break;
            value += (int)((uv >> 1) ^ (uint)-(int)(uv & 1));
            uint pcDelta = r.UVarint(ref p);
            if (r.Failed) break;
            runs.Add(new PcValueRun(pc, pc + pcDelta, value));
            pc += pcDelta;
        }
        return runs;
    }

    /// <summary>The value of a pc-value table at <paramref name="pc"/>, or null if the table does not cover it.</summary>
    public int? ValueAt(GoFunction function, uint tableOffset, ulong pc)
    {
        foreach (var run in DecodeTable(function, tableOffset))
            if (pc >= run.Start && pc < run.End) return run.Value;
        return null;
    }

    /// <summary>The largest SP delta of the function's pcsp table: its frame size (0 if no table).</summary>
    public int MaxFrame(GoFunction function)
    {
        Summarize(function, function.PcSp, out int max, out _);
        return max;
    }

    /// <summary>
    /// The SP delta the pcsp table records at <paramref name="pc"/> (null if the table does not cover it), without
    /// allocating: the prologue scan asks it once per checked function.
    /// </summary>
    public int? SpDeltaAt(GoFunction function, ulong pc)
    {
        if (function.PcSp == 0) return null;
        var data = _r.Data.Span;
        ulong p = (Layout == PclntabLayout.Go12 ? 0 : _pctab) + function.PcSp;
        ulong start = function.Entry;
        int value = -1;
        for (int n = 0; n < 1_000_000; n++)
        {
            if (!TryUVarint(data, ref p, out uint uv) || (uv == 0 && n > 0)) return null;
            value += (int)((uv >> 1) ^ (uint)-(int)(uv & 1));
            if (!TryUVarint(data, ref p, out uint pcDelta)) return null;
            if (pc >= start && pc < start + pcDelta) return value;
            start += pcDelta;
        }
        return null;
    }

    /// <summary>The end of the code the pcsp table covers (the function without its padding), or <see cref="GoFunction.End"/>.</summary>
    public ulong CodeEnd(GoFunction function)
    {
        Summarize(function, function.PcSp, out _, out ulong? end);
        return end ?? function.End;
    }

    /// <summary>
    /// The largest value and the end pc of a table, decoded like <see cref="DecodeTable(GoFunction, uint)"/> but without allocating:
    /// the prologue scan asks this of every function of binaries with 250 000 of them.
    /// </summary>
    private void Summarize(GoFunction function, uint tableOffset, out int max, out ulong? end)
    {
        max = 0;
        end = null;
        if (tableOffset == 0) return;
        var data = _r.Data.Span;
        ulong p = (Layout == PclntabLayout.Go12 ? 0 : _pctab) + tableOffset;
        ulong pc = function.Entry;
        int value = -1;
        for (int n = 0; n < 1_000_000; n++)
        {
            if (!TryUVarint(data, ref p, out uint uv) || (uv == 0 && n > 0)) break;
            value += (int)((uv >> 1) ^ (uint)-(int)(uv & 1));
            if (!TryUVarint(data, ref p, out uint pcDelta)) break;
            pc += pcDelta;
            max = Math.Max(max, value);
            end = pc;
        }
    }

    private static bool TryUVarint(ReadOnlySpan<byte> data, ref ulong offset, out uint value)
    {
        value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (offset >= (ulong)data.Length) return false;
            byte b = data[(int)offset++];
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }

    /// <summary>Source file and line of <paramref name="pc"/> in <paramref name="function"/> (pcfile, pcln), if recorded.</summary>
    public (string File, int Line)? SourceAt(GoFunction function, ulong pc)
    {
        if (!function.IsGoCode) return null;
        int? fileno = ValueAt(function, function.PcFile, pc);
        int? line = ValueAt(function, function.PcLn, pc);
        if (fileno is not int fn || line is not int ln || fn < 0) return null;
        string? file = FileName(function, fn);
        return file is null ? null : (file, ln);
    }

    private string? FileName(GoFunction function, int fileno)
    {
        var r = new BoundedReader(_r.Data);
        string name;
        if (Layout == PclntabLayout.Go12)
        {
            if (fileno == 0 || (uint)fileno >= _nfiles) return null;
            uint off = r.U32(_filetab + 4 * (ulong)fileno);
            name = r.CString(off);
        }
        else
        {
            uint off = r.U32(_cutab + 4 * ((ulong)function.CuOffset + (ulong)fileno));
            if (off == uint.MaxValue) return null;
            name = r.CString(_filetab + off);
        }
        return r.Failed ? null : name;
    }
}
