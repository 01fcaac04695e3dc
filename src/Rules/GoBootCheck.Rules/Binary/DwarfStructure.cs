using System.Buffers.Binary;

namespace GoBootCheck.Binary;

/// <summary>
/// Checks, before LibObjectFile sees them, that DWARF 3–4 units are safe for it to read. LibObjectFile reads DIE
/// children recursively, so a section nesting DIEs thousands deep would overflow the stack — which no catch
/// contains and which would take the MSBuild node down. This walks the DIE tree iteratively, allocating nothing
/// per DIE, and rejects deep nesting, abbreviation codes missing from their table, attributes running past their
/// unit, and forms LibObjectFile cannot read (it throws NotSupportedException on DWARF 5 forms).
/// </summary>
internal static class DwarfStructure
{
    /// <summary>
    /// Deepest DIE nesting accepted. Go's deepest is a few dozen (unit, function, nested lexical blocks, inlined
    /// calls); each level costs LibObjectFile a few hundred bytes of stack.
    /// </summary>
    internal const int MaxDepth = 256;

    // DW_FORM_* (DWARF 4, §7.5.6).
    private const ulong Addr = 0x01, Block2 = 0x03, Block4 = 0x04, Data2 = 0x05, Data4 = 0x06, Data8 = 0x07, String = 0x08,
        Block = 0x09, Block1 = 0x0a, Data1 = 0x0b, Flag = 0x0c, Sdata = 0x0d, Strp = 0x0e, Udata = 0x0f, RefAddr = 0x10,
        Ref1 = 0x11, Ref2 = 0x12, Ref4 = 0x13, Ref8 = 0x14, RefUdata = 0x15, Indirect = 0x16, SecOffset = 0x17,
        Exprloc = 0x18, FlagPresent = 0x19, RefSig8 = 0x20;

    /// <summary>Null if every unit in <paramref name="units"/> is well formed; otherwise what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> info, ReadOnlySpan<byte> abbrev, IEnumerable<DwarfUnitHeader> units)
    {
        var tables = new Dictionary<ulong, Dictionary<ulong, (bool Children, ulong[] Forms)>>();
        foreach (var unit in units)
        {
            if (!tables.TryGetValue(unit.AbbrevOffset, out var table))
            {
                table = ReadAbbrevTable(abbrev, unit.AbbrevOffset, out string? error);
                if (table is null) return error;
                tables.Add(unit.AbbrevOffset, table);
            }
            if (CheckUnit(info, unit, table) is { } problem) return problem;
        }
        return null;
    }

    private static Dictionary<ulong, (bool, ulong[])>? ReadAbbrevTable(ReadOnlySpan<byte> abbrev, ulong offset, out string? error)
    {
        var table = new Dictionary<ulong, (bool, ulong[])>();
        var forms = new List<ulong>();
        var r = new Cursor(abbrev, (long)Math.Min(offset, (ulong)abbrev.Length), abbrev.Length);
        while (true)
        {
            ulong code = r.Uleb();
            if (r.Failed) break;
            if (code == 0)
            {
                error = null;
                return table;
            }
            r.Uleb(); // tag
            bool children = r.U8() != 0;
            forms.Clear();
            while (!r.Failed)
            {
                ulong name = r.Uleb(), form = r.Uleb();
                if (name == 0 && form == 0) break;
                forms.Add(form);
            }
            if (r.Failed || !table.TryAdd(code, (children, [.. forms]))) break;
        }
        error = $".debug_abbrev table at 0x{offset:x} is truncated or repeats an abbreviation code";
        return null;
    }

    private static string? CheckUnit(ReadOnlySpan<byte> info, DwarfUnitHeader unit, Dictionary<ulong, (bool Children, ulong[] Forms)> table)
    {
        var r = new Cursor(info, unit.FirstDie, unit.End);
        int depth = 0;
        while (r.Position < unit.End)
        {
            long at = r.Position;
            ulong code = r.Uleb();
            if (code == 0)
            {
                if (depth > 0) depth--;
                continue;
            }
            if (!table.TryGetValue(code, out var decl))
                return $"the DIE at 0x{at:x} uses abbreviation code {code}, which its table does not define";
            foreach (ulong declared in decl.Forms)
            {
                ulong form = declared;
                while (form == Indirect) form = r.Uleb();
                if (!Skip(ref r, form, unit)) return $"the DIE at 0x{at:x} has an attribute of form 0x{form:x}, which LibObjectFile cannot read";
            }
            if (r.Failed) return $"the DIE at 0x{at:x} runs past the end of its unit (0x{unit.End:x})";
            if (decl.Children && ++depth > MaxDepth) return $"DIEs nest more than {MaxDepth} deep at 0x{at:x}";
        }
        return r.Failed ? $"the unit at 0x{unit.Offset:x} ends inside a DIE" : null;
    }

    private static bool Skip(ref Cursor r, ulong form, DwarfUnitHeader unit)
    {
        switch (form)
        {
            case FlagPresent: return true;
            case Data1 or Ref1 or Flag: r.Advance(1); return true;
            case Data2 or Ref2: r.Advance(2); return true;
            case Data4 or Ref4: r.Advance(4); return true;
            case Data8 or Ref8 or RefSig8: r.Advance(8); return true;
            case Addr: r.Advance((ulong)unit.AddressSize); return true;
            case Strp or RefAddr or SecOffset: r.Advance((ulong)unit.OffsetSize); return true;
            case Sdata or Udata or RefUdata: r.Uleb(); return true; // an SLEB128 has the same length as a ULEB128
            case String: r.SkipCString(); return true;
            case Block1: r.Advance(r.U8()); return true;
            case Block2: r.Advance(r.U16()); return true;
            case Block4: r.Advance(r.U32()); return true;
            case Block or Exprloc: r.Advance(r.Uleb()); return true;
            default: return false;
        }
    }

    /// <summary>Reads forward inside [position, end); past the end it sets <see cref="Failed"/> and stays put.</summary>
    private ref struct Cursor(ReadOnlySpan<byte> data, long position, long end)
    {
        private readonly ReadOnlySpan<byte> _data = data[..(int)Math.Min(end, data.Length)];

        public long Position { get; private set; } = position;

        public bool Failed { get; private set; }

        public void Advance(ulong count)
        {
            if (count > (ulong)(_data.Length - Position)) Fail();
            else Position += (long)count;
        }

        public byte U8()
        {
            if (Position >= _data.Length) { Fail(); return 0; }
            return _data[(int)Position++];
        }

        public ushort U16() => Fixed(2) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt16LittleEndian(s) : (ushort)0;

        public uint U32() => Fixed(4) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt32LittleEndian(s) : 0;

        public ulong Uleb()
        {
            ulong value = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (Position >= _data.Length) { Fail(); return 0; }
                byte b = _data[(int)Position++];
                if (shift < 64) value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0) return value;
            }
        }

        public void SkipCString()
        {
            int nul = _data[(int)Math.Min(Position, _data.Length)..].IndexOf((byte)0);
            if (nul < 0) Fail();
            else Position += nul + 1;
        }

        private ReadOnlySpan<byte> Fixed(int size)
        {
            if (size > _data.Length - Position) { Fail(); return default; }
            var s = _data.Slice((int)Position, size);
            Position += size;
            return s;
        }

        private void Fail()
        {
            Failed = true;
            Position = _data.Length;
        }
    }
}
