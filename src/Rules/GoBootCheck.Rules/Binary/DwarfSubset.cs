using System.Buffers.Binary;

namespace GoBootCheck.Binary;

/// <summary>
/// A .debug_info reduced to the units a lookup needs and the units they reference, transitively. LibObjectFile
/// cannot read one unit alone (it resolves every DW_FORM_ref_addr and fails on a dangling one) and spends most of
/// its time building objects for DIEs nobody asked about; Go's linker puts all types in the runtime unit and each
/// inlined function's abstract DIE in its package's unit, so the runtime unit's closure is the runtime's own
/// dependencies: about a tenth of a large program's DWARF. The kept units are copied in order and every
/// DW_FORM_ref_addr in them is rebased; unit-relative references and offsets into other sections are unchanged.
/// </summary>
internal static class DwarfSubset
{
    /// <summary>
    /// The reduced section and the number of units in it, or null if nothing would be left out (no unit is named in
    /// <paramref name="roots"/>, a reference dangles, or the closure is every unit).
    /// </summary>
    public static (byte[] Info, int Units)? Build(ReadOnlySpan<byte> info, IReadOnlyList<DwarfUnitHeader> units, IReadOnlyList<DwarfUnitFacts> facts, IReadOnlySet<string> roots)
    {
        var keep = new bool[units.Count];
        var pending = new Stack<int>();
        for (int i = 0; i < units.Count; i++)
        {
            if (facts[i].Name is { } name && roots.Contains(name)) { keep[i] = true; pending.Push(i); }
        }
        if (pending.Count == 0) return null;
        while (pending.TryPop(out int i))
        {
            foreach (var (_, target) in facts[i].RefAddrs)
            {
                int j = UnitOf(units, target);
                if (j < 0) return null;
                if (!keep[j]) { keep[j] = true; pending.Push(j); }
            }
        }
        int count = keep.Count(k => k);
        if (count == units.Count) return null;

        var newOffset = new long[units.Count];
        long size = 0;
        for (int i = 0; i < units.Count; i++)
        {
            if (!keep[i]) continue;
            newOffset[i] = size;
            size += units[i].End - units[i].Offset;
        }
        var subset = new byte[size];
        for (int i = 0; i < units.Count; i++)
        {
            if (!keep[i]) continue;
            var unit = units[i];
            info[(int)unit.Offset..(int)unit.End].CopyTo(subset.AsSpan((int)newOffset[i]));
            foreach (var (at, target) in facts[i].RefAddrs)
            {
                int j = UnitOf(units, target);
                ulong rebased = target - (ulong)units[j].Offset + (ulong)newOffset[j];
                var slot = subset.AsSpan((int)(at - unit.Offset + newOffset[i]), unit.OffsetSize);
                if (unit.OffsetSize == 4) BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)rebased);
                else BinaryPrimitives.WriteUInt64LittleEndian(slot, rebased);
            }
        }
        return (subset, count);
    }

    // The unit whose DIEs contain .debug_info offset target (units are sorted and contiguous), or -1.
    private static int UnitOf(IReadOnlyList<DwarfUnitHeader> units, ulong target)
    {
        int lo = 0, hi = units.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (target < (ulong)units[mid].FirstDie) hi = mid - 1;
            else if (target >= (ulong)units[mid].End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }
}
