using System.Buffers.Binary;

namespace GoBootCheck.Binary;

/// <summary>One unit header of .debug_info: where it starts, how long it is, its DWARF version.</summary>
/// <param name="Offset">Offset of the unit's unit_length field.</param>
/// <param name="End">Offset one past the unit.</param>
/// <param name="Version">DWARF version of the unit header (2–5).</param>
/// <param name="AbbrevOffset">debug_abbrev_offset: where the unit's abbreviation table starts in .debug_abbrev.</param>
/// <param name="FirstDie">Offset of the unit's first DIE, just past the header.</param>
/// <param name="OffsetSize">4 for 32-bit DWARF, 8 for 64-bit DWARF.</param>
/// <param name="AddressSize">address_size of the header.</param>
internal readonly record struct DwarfUnitHeader(long Offset, long End, int Version, ulong AbbrevOffset, long FirstDie, int OffsetSize, int AddressSize);

/// <summary>
/// Walks the unit headers of .debug_info without parsing DIEs: enough to learn the DWARF versions present before
/// handing the section to LibObjectFile, which cannot read all of them (see <see cref="DwarfLookup"/>).
/// </summary>
internal static class DwarfUnits
{
    /// <summary>
    /// The unit headers of <paramref name="info"/>, or null with <paramref name="error"/> if a unit_length runs past
    /// the section or a version is outside 2–5.
    /// </summary>
    public static List<DwarfUnitHeader>? Scan(ReadOnlySpan<byte> info, out string? error)
    {
        var units = new List<DwarfUnitHeader>();
        long offset = 0;
        while (offset < info.Length)
        {
            long remaining = info.Length - offset;
            if (remaining < 6) return Fail($"a unit header at 0x{offset:x} is cut off by the end of .debug_info", out error);
            ulong length = BinaryPrimitives.ReadUInt32LittleEndian(info[(int)offset..]);
            int lengthSize = 4;
            if (length == 0xffff_ffff)
            {
                // 64-bit DWARF: unit_length is 0xffffffff followed by a u64.
                if (remaining < 14) return Fail($"a 64-bit unit header at 0x{offset:x} is cut off", out error);
                length = BinaryPrimitives.ReadUInt64LittleEndian(info[(int)(offset + 4)..]);
                lengthSize = 12;
            }
            else if (length >= 0xffff_fff0)
            {
                return Fail($"the unit at 0x{offset:x} has reserved unit_length 0x{length:x}", out error);
            }
            if (length < 2 || length > (ulong)(remaining - lengthSize))
                return Fail($"the unit at 0x{offset:x} claims {length} bytes but .debug_info has {remaining - lengthSize} left", out error);
            int version = BinaryPrimitives.ReadUInt16LittleEndian(info[(int)(offset + lengthSize)..]);
            if (version is < 2 or > 5) return Fail($"the unit at 0x{offset:x} has DWARF version {version}", out error);
            // DWARF 2-4: version, debug_abbrev_offset; DWARF 5: version, unit_type, address_size, debug_abbrev_offset.
            int abbrevAt = lengthSize + 2 + (version >= 5 ? 2 : 0);
            int offsetSize = lengthSize == 4 ? 4 : 8;
            int headerSize = abbrevAt + offsetSize + (version >= 5 ? 0 : 1);
            if ((ulong)headerSize > length + (ulong)lengthSize)
                return Fail($"the unit at 0x{offset:x} is too short for its header", out error);
            var at = info[(int)(offset + abbrevAt)..];
            ulong abbrev = offsetSize == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt64LittleEndian(at);
            int addressSize = info[(int)offset + (version >= 5 ? lengthSize + 3 : abbrevAt + offsetSize)];
            long end = offset + lengthSize + (long)length;
            units.Add(new DwarfUnitHeader(offset, end, version, abbrev, offset + headerSize, offsetSize, addressSize));
            offset = end;
        }
        error = null;
        return units;
    }

    private static List<DwarfUnitHeader>? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
