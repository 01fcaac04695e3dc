namespace GoBootCheck.Sdk;

/// <summary>Where runtime constants came from.</summary>
public enum ConstantsProvenance
{
    /// <summary>The host's table for the binary's Go version and race setting (rows cite the Go source).</summary>
    Table,
    /// <summary>The binary's own DWARF (DW_TAG_constant values, runtime.m's layout).</summary>
    Dwarf,
    /// <summary>DWARF for some values, the table for the rest.</summary>
    DwarfAndTable,
    /// <summary>
    /// The binary's own agreeing sources (DWARF, the runtime's stack.lo + StackGuard writes, the consensus of its
    /// prologues, its TLS accesses), whether or not the table has a row for its Go version.
    /// </summary>
    Binary,
}

/// <summary>
/// The runtime constants of the binary's Go version and build configuration (linux/amd64), with where they came from.
/// </summary>
public sealed record RuntimeConstants
{
    /// <summary>Offset of g.stack.lo (runtime/runtime2.go, unchanged since Go 1.4).</summary>
    public const int GStackLo = 0;
    /// <summary>Offset of g.stack.hi.</summary>
    public const int GStackHi = 8;
    /// <summary>Offset of g.stackguard0 (compared by Go prologues).</summary>
    public const int GStackguard0 = 16;
    /// <summary>Offset of g.stackguard1 (compared by C and //go:systemstack prologues).</summary>
    public const int GStackguard1 = 24;

    /// <summary>g.stackguard0 = g.stack.lo + StackGuard (_StackGuard / stackGuard).</summary>
    public int StackGuard { get; init; }
    /// <summary>Frames up to this size compare SP directly (StackSmall).</summary>
    public int StackSmall { get; init; }
    /// <summary>Frames above this use the huge-frame check (StackBig).</summary>
    public int StackBig { get; init; }
    /// <summary>Bytes nosplit code may use below the guard (_StackLimit / stackNosplit).</summary>
    public int StackLimit { get; init; }
    /// <summary>Offset of m.tls in runtime.m (null where the TLS variable is runtime.tls0, Go ≤ 1.5).</summary>
    public int? MTlsOffset { get; init; }
    /// <summary>Offset of the g slot from the FS base with internal linking (−16 in Go 1.4, −8 since 1.5).</summary>
    public int GTlsOffset { get; init; }
    /// <summary>
    /// False where the binary reaches its g slot only through a GOT entry (shared objects without a table row): the
    /// slot's FS offset is chosen by the dynamic loader, <see cref="GTlsOffset"/> is a placeholder, and no rule may judge
    /// against it.
    /// </summary>
    public bool GTlsOffsetKnown { get; init; } = true;
    /// <summary>Table, DWARF or both.</summary>
    public ConstantsProvenance Provenance { get; init; }
    /// <summary>For messages: "table: go1.22 runtime/stack.go stackGuard=800*1+128", "DWARF", ….</summary>
    public string Source { get; init; } = "";
}
