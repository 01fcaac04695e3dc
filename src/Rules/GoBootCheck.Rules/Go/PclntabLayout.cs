namespace GoBootCheck.Go;

/// <summary>The pclntab layouts, named by the first Go release that wrote each (magic in the header's first word).</summary>
public enum PclntabLayout
{
    /// <summary>Go 1.2–1.15: magic 0xfffffffb, functab of (entry, funcoff) uintptr pairs, offsets from the table start.</summary>
    Go12,
    /// <summary>Go 1.16–1.17: magic 0xfffffffa, pcHeader with sub-table offsets (funcnametab, cutab, filetab, pctab).</summary>
    Go116,
    /// <summary>Go 1.18–1.19: magic 0xfffffff0, pcHeader gains textStart; functab entries are uint32 offsets from it.</summary>
    Go118,
    /// <summary>Go 1.20+: magic 0xfffffff1, _func gains startLine.</summary>
    Go120,
}

/// <summary>Helpers for <see cref="PclntabLayout"/>.</summary>
public static class PclntabLayouts
{
    /// <summary>The header magic of each layout (runtime/symtab.go: go12magic, go116magic, go118magic, go120magic).</summary>
    public static uint Magic(this PclntabLayout layout) => layout switch
    {
        PclntabLayout.Go12 => 0xfffffffb,
        PclntabLayout.Go116 => 0xfffffffa,
        PclntabLayout.Go118 => 0xfffffff0,
        _ => 0xfffffff1,
    };

    /// <summary>The layout of a header magic, or null if unknown.</summary>
    public static PclntabLayout? FromMagic(uint magic) => magic switch
    {
        0xfffffffb => PclntabLayout.Go12,
        0xfffffffa => PclntabLayout.Go116,
        0xfffffff0 => PclntabLayout.Go118,
        0xfffffff1 => PclntabLayout.Go120,
        _ => null,
    };

    /// <summary>"go1.20+ (0xfffffff1)".</summary>
    public static string Describe(this PclntabLayout layout) => layout switch
    {
        PclntabLayout.Go12 => "go1.2-1.15 (0xfffffffb)",
        PclntabLayout.Go116 => "go1.16-1.17 (0xfffffffa)",
        PclntabLayout.Go118 => "go1.18-1.19 (0xfffffff0)",
        _ => "go1.20+ (0xfffffff1)",
    };
}
