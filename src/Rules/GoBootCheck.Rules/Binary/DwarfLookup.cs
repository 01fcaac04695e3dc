using System.Runtime.InteropServices;
using LibObjectFile.Dwarf;

namespace GoBootCheck.Binary;

/// <summary>A member of a named structure type, e.g. ("runtime.g", "stackguard0").</summary>
internal readonly record struct DwarfMemberKey(string Type, string Member);

/// <summary>What to look up in .debug_info: top-level DW_TAG_constant names and structure member offsets.</summary>
/// <param name="Constants">Fully qualified constant names.</param>
/// <param name="Members">Structure members.</param>
/// <param name="Units">
/// Names (DW_AT_name) of the units that hold them; only these and the units they reference are parsed. Empty: all.
/// </param>
internal sealed record DwarfQuery(IReadOnlySet<string> Constants, IReadOnlySet<DwarfMemberKey> Members, IReadOnlySet<string> Units);

/// <summary>Outcome of a DWARF lookup.</summary>
internal enum DwarfLookupStatus
{
    /// <summary>.debug_info was read; the answers hold what it has.</summary>
    Read,
    /// <summary>No .debug_info (stripped, -w).</summary>
    Missing,
    /// <summary>Valid DWARF this reader cannot read (DWARF 5 units, zstd).</summary>
    Unsupported,
    /// <summary>The sections are inconsistent, or LibObjectFile rejected them.</summary>
    Corrupt,
    /// <summary>.debug_info is larger than the caller's budget; it was not parsed.</summary>
    OverBudget,
}

/// <summary>The answers to a <see cref="DwarfQuery"/>.</summary>
/// <param name="Status">Whether DWARF was read.</param>
/// <param name="Reason">Why not, for a status other than <see cref="DwarfLookupStatus.Read"/>.</param>
/// <param name="Version">DWARF version of the first unit (0 if none was seen).</param>
/// <param name="Constants">Values of the requested constants found (DW_AT_const_value).</param>
/// <param name="MemberOffsets">Offsets of the requested members found (DW_AT_data_member_location).</param>
/// <param name="UnitsRead">Units handed to LibObjectFile: those of the query (pruned to the DIEs asked for), or all.</param>
/// <param name="UnitsReadable">Units LibObjectFile could read (DWARF 3–4, before any unreadable one).</param>
/// <param name="UnitsSkipped">Trailing units LibObjectFile cannot read, left out (DWARF 5 units of C objects in cgo builds, gcc ≥ 11).</param>
/// <param name="InfoBytesRead">Size of the .debug_info handed to LibObjectFile.</param>
internal sealed record DwarfLookupResult(
    DwarfLookupStatus Status,
    string? Reason,
    int Version,
    IReadOnlyDictionary<string, long> Constants,
    IReadOnlyDictionary<DwarfMemberKey, long> MemberOffsets,
    int UnitsRead,
    int UnitsReadable,
    int UnitsSkipped,
    long InfoBytesRead);

/// <summary>
/// Looks up constants and structure members in an image's DWARF through LibObjectFile. LibObjectFile gets only
/// .debug_abbrev, .debug_str and .debug_info (no line, ranges or location tables: nothing asked needs them), already
/// decompressed; of .debug_info only DWARF 3–4 units (see <see cref="Readable"/>), checked by
/// <see cref="DwarfStructure"/>, and of those only the query's units, pruned to the DIEs it asks for
/// (<see cref="DwarfStructure.Prune"/>). Anything it throws is contained here.
/// </summary>
internal static class DwarfLookup
{
    private const ushort DW_TAG_constant = 0x27, DW_TAG_structure_type = 0x13, DW_TAG_member = 0x0d;

    /// <summary>
    /// Answers <paramref name="query"/> from <paramref name="image"/>'s DWARF. A .debug_info larger than
    /// <paramref name="infoBudget"/> bytes (decompressed) is not even decompressed.
    /// </summary>
    public static DwarfLookupResult Run(BinaryImage image, DwarfQuery query, long infoBudget)
    {
        DwarfLookupResult Stop(DwarfLookupStatus status, string reason, int version = 0) =>
            new(status, reason, version, new Dictionary<string, long>(), new Dictionary<DwarfMemberKey, long>(), 0, 0, 0, 0);

        var infoStatus = DebugSections.TryRead(image, "info", infoBudget, out var info, out var error);
        if (infoStatus == DebugSectionStatus.Missing) return Stop(DwarfLookupStatus.Missing, "the binary has no .debug_info");
        if (infoStatus != DebugSectionStatus.Read) return Stop(Status(infoStatus), error!);

        var units = DwarfUnits.Scan(info, out error);
        if (units is null) return Stop(DwarfLookupStatus.Corrupt, error!);
        if (units.Count == 0) return Stop(DwarfLookupStatus.Missing, ".debug_info has no units");
        int version = units[0].Version;
        int kept = units.FindIndex(u => !Readable(u.Version)); // units before the first unreadable one
        if (kept == 0)
            return Stop(DwarfLookupStatus.Unsupported, $"DWARF {version} is not readable by this version of LibObjectFile{Why(version)}", version);
        if (kept < 0) kept = units.Count;
        int later = units.Skip(kept).Count(u => Readable(u.Version));
        if (later > 0)
        {
            // Units after the first unreadable one cannot be kept without moving them, which would break DW_FORM_ref_addr.
            return Stop(DwarfLookupStatus.Unsupported,
                $".debug_info mixes DWARF versions ({later} DWARF 3-4 units follow a DWARF {units[kept].Version} unit at 0x{units[kept].Offset:x})", version);
        }

        var abbrevStatus = DebugSections.TryRead(image, "abbrev", DebugSections.MaxSectionSize, out var abbrev, out error);
        if (abbrevStatus == DebugSectionStatus.Missing) return Stop(DwarfLookupStatus.Corrupt, ".debug_info has no .debug_abbrev", version);
        if (abbrevStatus != DebugSectionStatus.Read) return Stop(Status(abbrevStatus), error!, version);
        var strStatus = DebugSections.TryRead(image, "str", DebugSections.MaxSectionSize, out var str, out error);
        if (strStatus is not (DebugSectionStatus.Read or DebugSectionStatus.Missing)) return Stop(Status(strStatus), error!, version);

        // LibObjectFile reads every abbreviation table in the stream, and those of DWARF 5 units can use
        // DW_FORM_implicit_const, which it cannot parse: end the stream where the left-out units' tables begin.
        ulong keptAbbrevEnd = units.Take(kept).Max(u => u.AbbrevOffset);
        ulong abbrevEnd = units.Skip(kept).Select(u => u.AbbrevOffset).Where(o => o > keptAbbrevEnd).DefaultIfEmpty((ulong)abbrev!.Length).Min();
        if (keptAbbrevEnd >= (ulong)abbrev!.Length || abbrevEnd > (ulong)abbrev.Length)
            return Stop(DwarfLookupStatus.Corrupt, $"a unit's debug_abbrev_offset lies past .debug_abbrev (0x{abbrev.Length:x} bytes)", version);

        // LibObjectFile recurses per DIE level and throws on what it cannot read: check first, without recursing.
        int infoEnd = (int)units[kept - 1].End;
        var readable = units.GetRange(0, kept);
        var facts = DwarfStructure.Walk(info.AsSpan(0, infoEnd), abbrev.AsSpan(0, (int)abbrevEnd), readable, out var problem);
        if (facts is null) return Stop(DwarfLookupStatus.Corrupt, problem!, version);

        var abbrevBytes = abbrev.AsMemory(0, (int)abbrevEnd);
        var subset = query.Units.Count == 0 ? null
            : DwarfStructure.Prune(info.AsSpan(0, infoEnd), abbrev.AsSpan(0, (int)abbrevEnd), str, readable, facts, query.Units, query.Constants,
                query.Members.Select(m => m.Type).ToHashSet(StringComparer.Ordinal));
        DwarfFile? dwarf = null;
        int read = kept;
        long bytesRead = infoEnd;
        // Should the subset not parse (it is built from this tool's own walk), the whole section is the fallback.
        if (subset is { } s && TryParse(s.Info, abbrevBytes, str, out dwarf, out _)) (read, bytesRead) = (s.Units, s.Info.Length);
        else if (!TryParse(info.AsMemory(0, infoEnd), abbrevBytes, str, out dwarf, out error)) return Stop(DwarfLookupStatus.Corrupt, error!, version);
        var (constants, members) = Collect(dwarf!, query);
        return new DwarfLookupResult(DwarfLookupStatus.Read, null, version, constants, members, read, kept, units.Count - kept, bytesRead);
    }

    private static bool TryParse(ReadOnlyMemory<byte> info, ReadOnlyMemory<byte> abbrev, byte[]? str, out DwarfFile? dwarf, out string? error)
    {
        dwarf = null;
        error = null;
        try
        {
            var context = new DwarfReaderContext
            {
                IsLittleEndian = true,
                AddressSize = DwarfAddressSize.Bit64,
                IsInputReadOnly = true,
                DebugAbbrevStream = Stream(abbrev),
                DebugStringStream = str is null ? null : new MemoryStream(str, writable: false),
                DebugInfoStream = Stream(info),
            };
            dwarf = DwarfFile.Read(context);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // LibObjectFile throws ObjectFileException with its diagnostics, NotSupportedException for forms it
            // lacks, InvalidOperationException for unknown abbreviation codes, EndOfStream on truncation.
            string detail = ex is LibObjectFile.ObjectFileException { Diagnostics: { } bag } && bag.Messages.Count > 0
                ? bag.Messages[0].Message
                : FirstLine(ex.Message);
            error = $"LibObjectFile could not read .debug_info ({ex.GetType().Name}: {detail})";
            return false;
        }
    }

    private static MemoryStream Stream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array
            ? new MemoryStream(array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    private static (Dictionary<string, long> Constants, Dictionary<DwarfMemberKey, long> Members) Collect(DwarfFile dwarf, DwarfQuery query)
    {
        var constants = new Dictionary<string, long>(StringComparer.Ordinal);
        var members = new Dictionary<DwarfMemberKey, long>();
        var structs = query.Members.Select(m => m.Type).ToHashSet(StringComparer.Ordinal);
        foreach (var unit in dwarf.InfoSection.Units)
        {
            if (unit.Root is not { } root) continue;
            foreach (var die in root.Children)
            {
                // Go emits package constants and types as direct children of the unit (cmd/link dwarf.go).
                ushort tag = (ushort)die.Tag.Value;
                if (tag == DW_TAG_constant && Name(die) is { } name && query.Constants.Contains(name) &&
                    die.FindAttributeByKey(DwarfAttributeKind.ConstValue) is { } value && IsConstant(value))
                {
                    constants.TryAdd(name, value.ValueAsI64);
                }
                else if (tag == DW_TAG_structure_type && Name(die) is { } type && structs.Contains(type))
                {
                    foreach (var member in die.Children)
                    {
                        if ((ushort)member.Tag.Value != DW_TAG_member || Name(member) is not { } field) continue;
                        var key = new DwarfMemberKey(type, field);
                        if (query.Members.Contains(key) && member.FindAttributeByKey(DwarfAttributeKind.DataMemberLocation) is { } loc && IsConstant(loc))
                            members.TryAdd(key, loc.ValueAsI64);
                    }
                }
            }
        }
        return (constants, members);
    }

    // LibObjectFile 2.3.1 reads DWARF 2-4 unit headers, but sizes DW_FORM_ref_addr by the offset size (DWARF 3+; in
    // DWARF 2 it is address-sized, so Go <= 1.9 units are misparsed) and throws NotSupportedException on DWARF 5 forms
    // (Go 1.25: DW_FORM_addrx; gcc 11+ units in cgo builds: DW_FORM_line_strp).
    private static bool Readable(int version) => version is 3 or 4;

    private static string Why(int version) => version == 2 ? " (it sizes DW_FORM_ref_addr as in DWARF 3+)" : "";

    private static DwarfLookupStatus Status(DebugSectionStatus s) => s switch
    {
        DebugSectionStatus.Unsupported => DwarfLookupStatus.Unsupported,
        DebugSectionStatus.OverBudget => DwarfLookupStatus.OverBudget,
        _ => DwarfLookupStatus.Corrupt,
    };

    private static string? Name(DwarfDIE die) => die.FindAttributeByKey(DwarfAttributeKind.Name)?.ValueAsObject as string;

    // Integer forms only: a block or expression is not a value we can use.
    private static bool IsConstant(DwarfAttribute a) => a.Form.Value is DwarfAttributeForm.Data1 or DwarfAttributeForm.Data2
        or DwarfAttributeForm.Data4 or DwarfAttributeForm.Data8 or DwarfAttributeForm.Sdata or DwarfAttributeForm.Udata;

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}
