namespace GoBootCheck.Go;

/// <summary>
/// The runtime constants the rules need for one Go version and build configuration (linux/amd64).
/// </summary>
/// <param name="StackGuard">g.stackguard0 = g.stack.lo + StackGuard (runtime _StackGuard / stackGuard).</param>
/// <param name="StackSmall">Frames up to this size compare SP directly (StackSmall).</param>
/// <param name="StackBig">Frames above this use the huge-frame check (StackBig).</param>
/// <param name="StackLimit">Bytes available to nosplit code below the guard (_StackLimit / stackNosplit).</param>
/// <param name="MTls">Offset of m.tls in runtime.m (null where the TLS variable is runtime.tls0, Go ≤ 1.5).</param>
/// <param name="GTlsOffset">Offset from the FS base of the g slot with internal linking (−16 in Go 1.4, −8 since 1.5).</param>
/// <param name="Source">
/// Where the values came from: "table: …" (a row citing the Go source), "DWARF" (the binary's own DW_TAG_constant
/// values and runtime.m layout, which take precedence), "DWARF, with … from table: …" (DWARF lacked some), or
/// "DWARF (no table row)".
/// </param>
public sealed record RuntimeConstants(int StackGuard, int StackSmall, int StackBig, int StackLimit, int? MTls, int GTlsOffset, string Source)
{
    /// <summary>
    /// False where the binary reaches its g slot only through a GOT entry (shared objects): the slot's FS offset is then
    /// chosen by the dynamic loader, <see cref="GTlsOffset"/> is a placeholder, and no rule may judge against it.
    /// </summary>
    public bool GTlsOffsetKnown { get; init; } = true;

    /// <summary>Offset of g.stack.lo (runtime2.go, unchanged since Go 1.4).</summary>
    public const int GStackLo = 0;
    /// <summary>Offset of g.stack.hi.</summary>
    public const int GStackHi = 8;
    /// <summary>Offset of g.stackguard0 (compared by Go prologues).</summary>
    public const int GStackguard0 = 16;
    /// <summary>Offset of g.stackguard1 (compared by C and //go:systemstack prologues).</summary>
    public const int GStackguard1 = 24;

    /// <summary>
    /// The table row for a Go minor version and race setting, or null for a version the table does not know.
    /// Multiplier: fixed at toolchain build time before Go 1.20 (1 for release toolchains); 1 + isRace since 1.20.
    /// </summary>
    public static RuntimeConstants? ForVersion(int minor, bool race)
    {
        int mult = minor >= 20 && race ? 2 : 1;
        return minor switch
        {
            // runtime/stack.h (go1.4): StackGuard = 512 + StackSystem; StackLimit = StackGuard - StackSystem - StackSmall.
            4 => new(512, 128, 4096, 384, null, -16, "table: go1.4 runtime/stack.h"),
            // runtime/stack.go (go1.5–1.13): _StackGuard = N*stackGuardMultiplier + _StackSystem.
            5 => new(640, 128, 4096, 512, null, -8, "table: go1.5 runtime/stack2.go _StackGuard=640"),
            6 or 7 => new(720, 128, 4096, 592, 0x88, -8, "table: go1.6-1.7 runtime/stack.go _StackGuard=720"),
            >= 8 and <= 13 => new(880, 128, 4096, 752, 0x88, -8, "table: go1.8-1.13 runtime/stack.go _StackGuard=880"),
            14 => new(896, 128, 4096, 768, 0x88, -8, "table: go1.14 runtime/stack.go _StackGuard=896"),
            >= 15 and <= 19 => new(928, 128, 4096, 800, 0x88, -8, "table: go1.15-1.19 runtime/stack.go _StackGuard=928"),
            // go1.20 runtime/stack.go: _StackGuard = 928*sys.StackGuardMultiplier (1 + isRace).
            20 => new(928 * mult, 128, 4096, 928 * mult - 128, 0x88, -8, $"table: go1.20 runtime/stack.go _StackGuard=928*{mult}"),
            // go1.21+ runtime/stack.go: stackNosplit = abi.StackNosplitBase(800)*mult; stackGuard = stackNosplit + StackSmall.
            >= 21 and <= 24 => new(800 * mult + 128, 128, 4096, 800 * mult, 0x88, -8, $"table: go1.{minor} runtime/stack.go stackGuard=800*{mult}+128"),
            // go1.25 runtime2.go: gobuf.ret removed, so m.tls moves from 0x88 to 0x80.
            25 => new(800 * mult + 128, 128, 4096, 800 * mult, 0x80, -8, $"table: go1.25 runtime/stack.go stackGuard=800*{mult}+128"),
            // go1.26.0 tag: runtime/stack.go, internal/abi/stack.go and internal/runtime/sys/consts.go as in go1.25;
            // runtime2.go keeps m's fields before tls (and gobuf) unchanged, so m.tls stays at 0x80.
            26 => new(800 * mult + 128, 128, 4096, 800 * mult, 0x80, -8, $"table: go1.26 runtime/stack.go stackGuard=800*{mult}+128"),
            _ => null,
        };
    }
}
