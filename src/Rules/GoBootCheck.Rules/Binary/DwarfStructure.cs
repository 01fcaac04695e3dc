using System.Buffers.Binary;

namespace GoBootCheck.Binary;

/// <summary>
/// Walks DWARF 3–4 units before LibObjectFile sees them. First, to check they are safe for it: LibObjectFile reads
/// DIE children recursively, so a section nesting DIEs thousands deep would overflow the stack — which no catch
/// contains and which would take the MSBuild node down. The walk is iterative and allocates no DIE objects; it
/// rejects deep nesting, abbreviation codes missing from their table, attributes running past their unit, and forms
/// LibObjectFile cannot read (it throws NotSupportedException on DWARF 5 forms). Second, it notes each unit's name, so
/// that only the DIEs needed are handed over (<see cref="Prune"/>).
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

    private const ulong DW_AT_name = 0x03;
    private const ulong DW_TAG_structure_type = 0x13, DW_TAG_constant = 0x27;

    /// <summary>
    /// What each unit of <paramref name="units"/> names and references, or null with <paramref name="error"/> saying
    /// what is wrong if any unit is not well formed.
    /// </summary>
    public static List<DwarfUnitFacts>? Walk(ReadOnlySpan<byte> info, ReadOnlySpan<byte> abbrev, IEnumerable<DwarfUnitHeader> units, out string? error)
    {
        var tables = new Dictionary<ulong, Dictionary<ulong, Declaration>>();
        var facts = new List<DwarfUnitFacts>();
        foreach (var unit in units)
        {
            if (!tables.TryGetValue(unit.AbbrevOffset, out var table))
            {
                table = ReadAbbrevTable(abbrev, unit.AbbrevOffset, out error);
                if (table is null) return null;
                tables.Add(unit.AbbrevOffset, table);
            }
            var unitFacts = new DwarfUnitFacts();
            if ((error = WalkUnit(info, unit, table, unitFacts)) is not null) return null;
            facts.Add(unitFacts);
        }
        error = null;
        return facts;
    }

    private sealed record Declaration(ulong Tag, bool Children, (ulong Name, ulong Form)[] Attributes);

    private static Dictionary<ulong, Declaration>? ReadAbbrevTable(ReadOnlySpan<byte> abbrev, ulong offset, out string? error)
    {
        var table = new Dictionary<ulong, Declaration>();
        var attributes = new List<(ulong, ulong)>();
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
            ulong tag = r.Uleb();
            bool children = r.U8() != 0;
            attributes.Clear();
            while (!r.Failed)
            {
                ulong name = r.Uleb(), form = r.Uleb();
                if (name == 0 && form == 0) break;
                attributes.Add((name, form));
            }
            if (r.Failed || !table.TryAdd(code, new Declaration(tag, children, [.. attributes]))) break;
        }
        error = $".debug_abbrev table at 0x{offset:x} is truncated or repeats an abbreviation code";
        return null;
    }

    private static string? WalkUnit(ReadOnlySpan<byte> info, DwarfUnitHeader unit, Dictionary<ulong, Declaration> table, DwarfUnitFacts facts)
    {
        var r = new Cursor(info, unit.FirstDie, unit.End);
        int depth = 0;
        bool first = true;
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
            foreach (var (name, declared) in decl.Attributes)
            {
                ulong form = declared;
                while (form == Indirect) form = r.Uleb();
                long start = r.Position;
                if (!Skip(ref r, form, unit)) return $"the DIE at 0x{at:x} has an attribute of form 0x{form:x}, which LibObjectFile cannot read";
                if (r.Failed) break;
                if (first && name == DW_AT_name && form == String)
                {
                    facts.Name = System.Text.Encoding.UTF8.GetString(info[(int)start..(int)(r.Position - 1)]);
                }
            }
            first = false;
            if (r.Failed) return $"the DIE at 0x{at:x} runs past the end of its unit (0x{unit.End:x})";
            if (decl.Children && ++depth > MaxDepth) return $"DIEs nest more than {MaxDepth} deep at 0x{at:x}";
        }
        return r.Failed ? $"the unit at 0x{unit.Offset:x} ends inside a DIE" : null;
    }

    /// <summary>
    /// A .debug_info of only the units named in <paramref name="roots"/>, each pruned to its root DIE and those of its
    /// top-level children that are a DW_TAG_constant named in <paramref name="constants"/> or a DW_TAG_structure_type
    /// named in <paramref name="structures"/>, with their subtrees: what a lookup of package constants and structure
    /// members reads. A DIE of those tags whose name this walk cannot read is kept. Go's linker puts every type of the
    /// program in a runtime unit, so that LibObjectFile otherwise builds objects for tens of thousands of DIEs (20 032
    /// in a Go 1.24 hello world) to answer a dozen names. Every reference in a kept DIE (DW_FORM_ref_addr and the
    /// unit-relative forms) is pointed at its own unit's root DIE: a lookup reads names and constant values, never
    /// what a reference names, and LibObjectFile fails on a dangling reference. Null if no unit is named in
    /// <paramref name="roots"/> or a kept DIE uses DW_FORM_ref_sig8. The units must have passed <see cref="Walk"/>.
    /// </summary>
    public static (byte[] Info, int Units)? Prune(ReadOnlySpan<byte> info, ReadOnlySpan<byte> abbrev, ReadOnlySpan<byte> str,
        IReadOnlyList<DwarfUnitHeader> units, IReadOnlyList<DwarfUnitFacts> facts, IReadOnlySet<string> roots,
        IReadOnlySet<string> constants, IReadOnlySet<string> structures)
    {
        var tables = new Dictionary<ulong, Dictionary<ulong, Declaration>>();
        // Per kept unit: its index, the byte ranges kept (root DIE first), whether the root has children.
        var plan = new List<(int Unit, List<(long Start, long End)> Pieces, bool Children)>();
        var refs = new List<(long At, ulong Form, int Size)>();
        long size = 0;
        for (int i = 0; i < units.Count; i++)
        {
            if (facts[i].Name is not { } unitName || !roots.Contains(unitName)) continue;
            var unit = units[i];
            if (!tables.TryGetValue(unit.AbbrevOffset, out var table))
            {
                table = ReadAbbrevTable(abbrev, unit.AbbrevOffset, out _);
                if (table is null) return null;
                tables.Add(unit.AbbrevOffset, table);
            }
            var pieces = new List<(long Start, long End)>();
            var r = new Cursor(info, unit.FirstDie, unit.End);
            var root = ReadDie(ref r, str, unit, table, refs, out _);
            if (root is null || r.Failed) return null;
            pieces.Add((unit.FirstDie, r.Position));
            while (root.Children)
            {
                long start = r.Position;
                int refsBefore = refs.Count;
                var die = ReadDie(ref r, str, unit, table, refs, out var name);
                if (r.Failed) return null;
                if (die is null) break; // the null entry that ends the root's children
                for (int depth = die.Children ? 1 : 0; depth > 0;)
                {
                    var child = ReadDie(ref r, str, unit, table, refs, out _);
                    if (r.Failed) return null;
                    depth += child is null ? -1 : child.Children ? 1 : 0;
                }
                bool wanted = die.Tag switch
                {
                    DW_TAG_constant => name.Unreadable || name.Value is { } c && constants.Contains(c),
                    DW_TAG_structure_type => name.Unreadable || name.Value is { } t && structures.Contains(t),
                    _ => false,
                };
                if (wanted) pieces.Add((start, r.Position));
                else refs.RemoveRange(refsBefore, refs.Count - refsBefore);
            }
            plan.Add((i, pieces, root.Children));
            size += unit.FirstDie - unit.Offset + pieces.Sum(p => p.End - p.Start) + (root.Children ? 1 : 0);
        }
        if (plan.Count == 0) return null;

        // Each unit: its header (unit_length rewritten), the root DIE, the kept subtrees, the root's null entry.
        var pruned = new byte[size];
        int at = 0, refIndex = 0;
        foreach (var (index, pieces, children) in plan)
        {
            var unit = units[index];
            int unitAt = at, headerSize = (int)(unit.FirstDie - unit.Offset);
            info[(int)unit.Offset..(int)unit.FirstDie].CopyTo(pruned.AsSpan(at));
            at += headerSize;
            foreach (var (start, end) in pieces)
            {
                info[(int)start..(int)end].CopyTo(pruned.AsSpan(at));
                for (; refIndex < refs.Count && refs[refIndex].At >= start && refs[refIndex].At < end; refIndex++)
                {
                    var (refAt, form, width) = refs[refIndex];
                    ulong target = form == RefAddr ? (ulong)(unitAt + headerSize) : (ulong)headerSize;
                    if (!Retarget(pruned.AsSpan(at + (int)(refAt - start), width), form, target)) return null;
                }
                at += (int)(end - start);
            }
            if (children) pruned[at++] = 0;
            // unit_length counts the bytes after itself: 4 for 32-bit DWARF, 0xffffffff and 8 for 64-bit DWARF.
            if (unit.OffsetSize == 4) BinaryPrimitives.WriteUInt32LittleEndian(pruned.AsSpan(unitAt), (uint)(at - unitAt - 4));
            else BinaryPrimitives.WriteUInt64LittleEndian(pruned.AsSpan(unitAt + 4), (ulong)(at - unitAt - 12));
        }
        return refIndex == refs.Count ? (pruned, plan.Count) : null;
    }

    /// <summary>
    /// Reads one DIE at <paramref name="r"/>: its declaration, or null for a null entry. Notes where each reference
    /// value is in <paramref name="refs"/>, and the DW_AT_name if given as DW_FORM_string or DW_FORM_strp.
    /// </summary>
    private static Declaration? ReadDie(ref Cursor r, ReadOnlySpan<byte> str, DwarfUnitHeader unit, Dictionary<ulong, Declaration> table,
        List<(long At, ulong Form, int Size)> refs, out (string? Value, bool Unreadable) name)
    {
        name = default;
        ulong code = r.Uleb();
        if (code == 0) return null;
        if (!table.TryGetValue(code, out var decl))
        {
            r.Advance(ulong.MaxValue); // fails: Walk has checked every code, so this is not the unit it walked
            return null;
        }
        foreach (var (attribute, declared) in decl.Attributes)
        {
            ulong form = declared;
            while (form == Indirect) form = r.Uleb();
            long start = r.Position;
            if (!Skip(ref r, form, unit) || r.Failed)
            {
                r.Advance(ulong.MaxValue);
                return null;
            }
            if (form is RefAddr or Ref1 or Ref2 or Ref4 or Ref8 or RefUdata or RefSig8)
                refs.Add((start, form, (int)(r.Position - start)));
            if (attribute == DW_AT_name && decl.Tag is DW_TAG_constant or DW_TAG_structure_type)
                name = ReadName(r.Slice(start), form, unit, str);
        }
        return decl;
    }

    private static (string? Value, bool Unreadable) ReadName(ReadOnlySpan<byte> value, ulong form, DwarfUnitHeader unit, ReadOnlySpan<byte> str)
    {
        ReadOnlySpan<byte> text;
        if (form == String) text = value;
        else if (form == Strp)
        {
            ulong offset = unit.OffsetSize == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value);
            if (offset >= (ulong)str.Length) return (null, true);
            text = str[(int)offset..];
        }
        else return (null, true);
        int nul = text.IndexOf((byte)0);
        return nul < 0 ? (null, true) : (System.Text.Encoding.UTF8.GetString(text[..nul]), false);
    }

    // Writes target into a reference value of the given form and width (a ULEB128 keeps its length, padded with
    // continuation bytes). False for DW_FORM_ref_sig8, which names a type unit by signature, not by offset.
    private static bool Retarget(Span<byte> slot, ulong form, ulong target)
    {
        switch (form)
        {
            case Ref1: slot[0] = (byte)target; return target <= byte.MaxValue;
            case Ref2: BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)target); return target <= ushort.MaxValue;
            case Ref4: BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)target); return target <= uint.MaxValue;
            case Ref8: BinaryPrimitives.WriteUInt64LittleEndian(slot, target); return true;
            case RefAddr when slot.Length == 4: BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)target); return target <= uint.MaxValue;
            case RefAddr: BinaryPrimitives.WriteUInt64LittleEndian(slot, target); return true;
            case RefUdata:
                for (int i = 0; i < slot.Length; i++, target >>= 7) slot[i] = (byte)((target & 0x7f) | (i < slot.Length - 1 ? 0x80u : 0));
                return target == 0;
            default: return false;
        }
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

        /// <summary>The bytes from <paramref name="start"/> to the end of the range.</summary>
        public readonly ReadOnlySpan<byte> Slice(long start) => _data[(int)start..];

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

/// <summary>What <see cref="DwarfStructure.Walk"/> learned about one unit.</summary>
internal sealed class DwarfUnitFacts
{
    /// <summary>DW_AT_name of the unit's first DIE, if given as DW_FORM_string (Go: the package path).</summary>
    public string? Name { get; set; }
}
