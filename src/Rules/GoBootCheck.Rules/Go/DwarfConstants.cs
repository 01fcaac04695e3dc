using System.Globalization;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;

namespace GoBootCheck.Go;

/// <summary>
/// The runtime constants as a binary's own DWARF states them (null where it does not). The compiler emits package
/// integer constants as DW_TAG_constant since Go 1.10 (cmd/compile dumpGlobalConst), fully qualified; the linker
/// moves every type, runtime.g and runtime.m included, into the runtime unit (cmd/link dwarf.go movetomodule).
/// </summary>
/// <param name="StackGuard">runtime._StackGuard (≤ 1.20) or runtime.stackGuard (1.21+).</param>
/// <param name="StackLimit">runtime._StackLimit (≤ 1.20) or runtime.stackNosplit (1.21+).</param>
/// <param name="StackSmall">runtime._StackSmall (≤ 1.20) or internal/abi.StackSmall (1.21+).</param>
/// <param name="StackBig">runtime._StackBig (≤ 1.20) or internal/abi.StackBig (1.21+).</param>
/// <param name="GStackguard0">Offset of stackguard0 in runtime.g.</param>
/// <param name="MTls">Offset of tls in runtime.m.</param>
internal sealed record DwarfRuntimeValues(int? StackGuard, int? StackLimit, int? StackSmall, int? StackBig, int? GStackguard0, int? MTls)
{
    /// <summary>True if all four stack constants are present.</summary>
    public bool HasStackConstants => StackGuard is not null && StackLimit is not null && StackSmall is not null && StackBig is not null;
}

/// <summary>One constant on which the binary's DWARF and the table disagree.</summary>
/// <param name="Constant">The field of <see cref="RuntimeConstants"/>, e.g. "StackGuard".</param>
/// <param name="DwarfName">The Go name the DWARF value came from, e.g. "runtime.stackGuard".</param>
/// <param name="Dwarf">The binary's value.</param>
/// <param name="Table">The table's value.</param>
internal sealed record ConstantDisagreement(string Constant, string DwarfName, int Dwarf, int Table)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DwarfName} = {Dwarf} (table {Constant} = {Table})");
}

/// <summary>Outcome of reading the runtime constants from DWARF.</summary>
/// <param name="Status">Whether DWARF was read.</param>
/// <param name="Reason">Why it was not, for people.</param>
/// <param name="Values">The values found, when read.</param>
/// <param name="Names">For each field found, the Go name it came from.</param>
internal sealed record DwarfConstantsOutcome(DwarfLookupStatus Status, string? Reason, DwarfRuntimeValues? Values, IReadOnlyDictionary<string, string> Names);

/// <summary>
/// Reads the stack constants and g/m offsets from DWARF and compares them with the table. Names follow the Go source
/// of each era (go-prologue-pclntab.md §6); both eras are asked for, the newer name wins if both exist.
/// </summary>
internal static class DwarfConstants
{
    /// <summary>
    /// Largest decompressed .debug_info read. LibObjectFile builds objects for every DIE and attribute it reads, so it
    /// gets only the runtime and internal/abi units, pruned to the constants and structure types asked for
    /// (<see cref="DwarfStructure.Prune"/>); the rest is only decompressed and walked. Above this budget the table is
    /// used and an informational diagnostic says why.
    /// </summary>
    internal const long DefaultInfoBudget = 16L * 1024 * 1024;

    // (field, newer name, older name)
    private static readonly (string Field, string Current, string Old)[] Names =
    [
        ("StackGuard", "runtime.stackGuard", "runtime._StackGuard"),
        ("StackLimit", "runtime.stackNosplit", "runtime._StackLimit"),
        ("StackSmall", "internal/abi.StackSmall", "runtime._StackSmall"),
        ("StackBig", "internal/abi.StackBig", "runtime._StackBig"),
    ];

    private static readonly DwarfMemberKey GStackguard0 = new("runtime.g", "stackguard0");
    private static readonly DwarfMemberKey MTls = new("runtime.m", "tls");

    /// <summary>
    /// Every name of both eras, and runtime.g.stackguard0 and runtime.m.tls; in the units of packages runtime (its
    /// constants, and every type: cmd/link dwarf.go movetomodule) and internal/abi (StackSmall, StackBig in 1.21+).
    /// </summary>
    internal static readonly DwarfQuery Query = new(
        Names.SelectMany(n => new[] { n.Current, n.Old }).ToHashSet(StringComparer.Ordinal),
        new HashSet<DwarfMemberKey> { GStackguard0, MTls },
        new HashSet<string>(StringComparer.Ordinal) { "runtime", "internal/abi" });

    /// <summary>Reads the constants from <paramref name="image"/>'s DWARF, if it has any and it is readable.</summary>
    public static DwarfConstantsOutcome Read(BinaryImage image, long infoBudget = DefaultInfoBudget)
    {
        var result = DwarfLookup.Run(image, Query, infoBudget);
        if (result.Status != DwarfLookupStatus.Read)
            return new(result.Status, result.Reason, null, new Dictionary<string, string>());

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        int? Pick((string Field, string Current, string Old) n)
        {
            foreach (var name in new[] { n.Current, n.Old })
            {
                if (result.Constants.TryGetValue(name, out long v) && v is >= int.MinValue and <= int.MaxValue)
                {
                    names[n.Field] = name;
                    return (int)v;
                }
            }
            return null;
        }
        int? Member(DwarfMemberKey key, string field)
        {
            if (!result.MemberOffsets.TryGetValue(key, out long v) || v is < 0 or > int.MaxValue) return null;
            names[field] = $"{key.Type}.{key.Member}";
            return (int)v;
        }
        var values = new DwarfRuntimeValues(Pick(Names[0]), Pick(Names[1]), Pick(Names[2]), Pick(Names[3]),
            Member(GStackguard0, nameof(DwarfRuntimeValues.GStackguard0)), Member(MTls, nameof(DwarfRuntimeValues.MTls)));
        if (Implausible(values) is { } why)
            return new(DwarfLookupStatus.Corrupt, why, null, new Dictionary<string, string>());
        return new(DwarfLookupStatus.Read, null, values, names);
    }

    /// <summary>
    /// Every constant on which DWARF and the table disagree. g.stackguard0 is compared with
    /// <see cref="RuntimeConstants.GStackguard0"/> (fixed since Go 1.4).
    /// </summary>
    public static IReadOnlyList<ConstantDisagreement> Compare(RuntimeConstants table, DwarfRuntimeValues dwarf, IReadOnlyDictionary<string, string> names)
    {
        var list = new List<ConstantDisagreement>();
        void Check(string field, int? value, int? expected)
        {
            if (value is { } v && expected is { } e && v != e)
                list.Add(new ConstantDisagreement(field, names.GetValueOrDefault(field, field), v, e));
        }
        Check(nameof(RuntimeConstants.StackGuard), dwarf.StackGuard, table.StackGuard);
        Check(nameof(RuntimeConstants.StackLimit), dwarf.StackLimit, table.StackLimit);
        Check(nameof(RuntimeConstants.StackSmall), dwarf.StackSmall, table.StackSmall);
        Check(nameof(RuntimeConstants.StackBig), dwarf.StackBig, table.StackBig);
        Check(nameof(RuntimeConstants.GStackguard0), dwarf.GStackguard0, RuntimeConstants.GStackguard0);
        Check(nameof(RuntimeConstants.MTls), dwarf.MTls, table.MTls);
        return list;
    }

    /// <summary>
    /// The constants to use: DWARF's where it has them (this binary's toolchain speaking), the table's for the rest.
    /// Without a table row, DWARF alone suffices if it has the four stack constants and m.tls.
    /// </summary>
    public static RuntimeConstants? Merge(RuntimeConstants? table, DwarfRuntimeValues dwarf)
    {
        if (table is null)
        {
            if (!dwarf.HasStackConstants || dwarf.MTls is null) return null;
            // DW_TAG_constant exists since Go 1.10, and the g slot has been at FS-8 since Go 1.5.
            return new RuntimeConstants(dwarf.StackGuard!.Value, dwarf.StackSmall!.Value, dwarf.StackBig!.Value, dwarf.StackLimit!.Value,
                dwarf.MTls, -8, "DWARF (no table row)");
        }
        var fromTable = new List<string>();
        int Take(int? value, int tableValue, string field)
        {
            if (value is { } v) return v;
            fromTable.Add(field);
            return tableValue;
        }
        var merged = table with
        {
            StackGuard = Take(dwarf.StackGuard, table.StackGuard, nameof(RuntimeConstants.StackGuard)),
            StackLimit = Take(dwarf.StackLimit, table.StackLimit, nameof(RuntimeConstants.StackLimit)),
            StackSmall = Take(dwarf.StackSmall, table.StackSmall, nameof(RuntimeConstants.StackSmall)),
            StackBig = Take(dwarf.StackBig, table.StackBig, nameof(RuntimeConstants.StackBig)),
            MTls = dwarf.MTls ?? table.MTls,
        };
        if (dwarf.MTls is null && table.MTls is not null) fromTable.Add(nameof(RuntimeConstants.MTls));
        if (dwarf.StackGuard is null && dwarf.StackLimit is null && dwarf.StackSmall is null && dwarf.StackBig is null && dwarf.MTls is null)
            return table; // DWARF without any of them (e.g. built before Go 1.10 emitted DW_TAG_constant)
        string source = fromTable.Count == 0 ? "DWARF" : $"DWARF, with {string.Join(", ", fromTable)} from {table.Source}";
        return merged with { Source = source };
    }

    /// <summary>
    /// The constants for the binary <paramref name="name"/>: <paramref name="table"/> refined by its DWARF, with one diagnostic when
    /// DWARF is present but not used (DWARF 5, damaged, over budget) or disagrees with the table. All are informational:
    /// the values used are the binary's own where it has them and the table's otherwise, so no verdict is weakened —
    /// except a g.stackguard0 offset other than 16, which the rules assume (a warning: they may not verify this binary).
    /// </summary>
    public static RuntimeConstants? Resolve(string name, RuntimeConstants? table, DwarfConstantsOutcome outcome, DiagnosticBag diagnostics)
    {
        string fallback = table is null ? "the runtime constants table has no row for it either" : $"using the table ({table.Source})";
        switch (outcome.Status)
        {
            case DwarfLookupStatus.Missing:
                return table;
            case DwarfLookupStatus.Unsupported:
                diagnostics.Add(ToolDiagnostic.Info(DiagnosticIds.DwarfUnreadable, $"{name}: {outcome.Reason}; {fallback}"));
                return table;
            case DwarfLookupStatus.OverBudget:
                diagnostics.Add(ToolDiagnostic.Info(DiagnosticIds.DwarfUnreadable, $"{name}: DWARF not consulted for the runtime constants: {outcome.Reason}; {fallback}"));
                return table;
            case DwarfLookupStatus.Corrupt:
                diagnostics.Add(ToolDiagnostic.Info(DiagnosticIds.DwarfUnreadable, $"{name}: the DWARF could not be read ({outcome.Reason}); {fallback}"));
                return table;
        }

        var dwarf = outcome.Values!;
        if (table is not null)
        {
            var differences = Compare(table, dwarf, outcome.Names);
            if (differences.Count > 0)
            {
                string message = $"{name}: the binary's DWARF disagrees with the runtime constants table ({table.Source}): " +
                    $"{string.Join("; ", differences)}; using the DWARF values";
                bool layout = differences.Any(d => d.Constant == nameof(RuntimeConstants.GStackguard0));
                diagnostics.Add(layout
                    ? ToolDiagnostic.Unsupported(DiagnosticIds.ConstantsDisagree, message + ", but the rules assume g.stackguard0 at 16")
                    : ToolDiagnostic.Info(DiagnosticIds.ConstantsDisagree, message));
            }
        }
        return Merge(table, dwarf);
    }

    // DWARF is not used by the running program, so a value far outside anything Go ever used means a damaged section.
    private static string? Implausible(DwarfRuntimeValues v)
    {
        if (v.StackGuard is < 128 or > 1 << 20) return $"DWARF gives StackGuard = {v.StackGuard}, outside any Go release's range";
        if (v.StackSmall is < 0 or > 1 << 16) return $"DWARF gives StackSmall = {v.StackSmall}, outside any Go release's range";
        if (v.StackBig is < 128 or > 1 << 20) return $"DWARF gives StackBig = {v.StackBig}, outside any Go release's range";
        if (v.StackLimit is < 0 || v.StackLimit > v.StackGuard) return $"DWARF gives StackLimit = {v.StackLimit} with StackGuard = {v.StackGuard}";
        if (v.GStackguard0 > 4096 || v.MTls > 4096) return $"DWARF gives g.stackguard0 = {v.GStackguard0}, m.tls = {v.MTls}, outside runtime.g/runtime.m";
        return null;
    }
}
