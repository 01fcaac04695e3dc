namespace GoBootCheck.Sdk;

/// <summary>What the entry of one pclntab function holds (cmd/internal/obj/x86/obj6.go, stacksplit).</summary>
public enum PrologueKind
{
    /// <summary>No pc-value tables: host code in pclntab, not checked.</summary>
    NotGoCode,
    /// <summary>No stack check: a nosplit function.</summary>
    NoCheck,
    /// <summary>Frame ≤ StackSmall: CMP SP, stackguard; JBE.</summary>
    Small,
    /// <summary>StackSmall &lt; frame ≤ StackBig: LEA tmp, −(frame−StackSmall)(SP); CMP; JBE.</summary>
    Medium,
    /// <summary>Frame &gt; StackBig, Go ≥ 1.17.</summary>
    Huge,
    /// <summary>Frame &gt; StackBig, Go ≤ 1.16 (the StackPreempt test).</summary>
    HugeStackPreempt,
    /// <summary>The entry's bytes could not be decoded.</summary>
    Undecodable,
    /// <summary>Reads g's stackguard in no form the tool knows.</summary>
    Unrecognized,
}

/// <summary>The morestack variant a prologue's slow path calls.</summary>
public enum MorestackVariant
{
    /// <summary>None found.</summary>
    None,
    /// <summary>runtime.morestack.</summary>
    Morestack,
    /// <summary>runtime.morestack_noctxt.</summary>
    MorestackNoctxt,
    /// <summary>runtime.morestackc (//go:systemstack functions).</summary>
    Morestackc,
}

/// <summary>How a prologue obtains g.</summary>
public enum GLoadForm
{
    /// <summary>g is already in R14 (register ABI).</summary>
    Register,
    /// <summary>MOV reg, FS:[offset].</summary>
    LocalExec,
    /// <summary>MOV reg, offset; MOV reg, FS:[reg] (PIE).</summary>
    Immediate,
    /// <summary>MOV reg, [RIP+GOT]; MOV reg, FS:[reg] (c-shared).</summary>
    GotIndirect,
}

/// <summary>The TLS slot g was read from: an FS offset, or a GOT entry the loader fills in.</summary>
/// <param name="ViaGot">True if <paramref name="Value"/> is the address of a GOT entry.</param>
/// <param name="Value">The FS offset (e.g. −8), or the GOT entry's address.</param>
public readonly record struct GSlot(bool ViaGot, long Value)
{
    /// <inheritdoc/>
    public override string ToString() => ViaGot
        ? "FS:[GOT entry 0x" + ((ulong)Value).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "]"
        : "FS:[" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}

/// <summary>One deviation from the expected prologue.</summary>
/// <param name="Address">The deviating instruction.</param>
/// <param name="Found">The instruction as decoded, with its bytes.</param>
/// <param name="Expected">What a correct prologue has there, and why.</param>
public sealed record PrologueFault(ulong Address, string Found, string Expected);

/// <summary>The classification of one function's prologue.</summary>
public sealed record FunctionPrologue
{
    /// <summary>The function.</summary>
    public required GoFunction Function { get; init; }
    /// <summary>Check form, no check, or not Go code.</summary>
    public PrologueKind Kind { get; init; }
    /// <summary>Largest SP delta of its pcsp table.</summary>
    public int Frame { get; init; }
    /// <summary>How g was obtained (null without a check).</summary>
    public GLoadForm? GLoad { get; init; }
    /// <summary>The TLS slot, for the TLS forms.</summary>
    public GSlot? Slot { get; init; }
    /// <summary>Displacement of the g field compared (16 stackguard0, 24 stackguard1).</summary>
    public int GuardOffset { get; init; }
    /// <summary>The morestack the slow path calls.</summary>
    public MorestackVariant Morestack { get; init; }
    /// <summary>True for the Go ≤ 1.4 layout.</summary>
    public bool InlineMorestack { get; init; }
    /// <summary>Registers the slow path spills and reloads.</summary>
    public int SpilledRegisters { get; init; }
    /// <summary>The first deviation, or null.</summary>
    public PrologueFault? Fault { get; init; }
    /// <summary>True if the function has a stack check.</summary>
    public bool HasCheck => Kind is PrologueKind.Small or PrologueKind.Medium or PrologueKind.Huge or PrologueKind.HugeStackPreempt;
}

/// <summary>
/// The prologue of every pclntab function, classified and verified once per binary, with the nosplit chains
/// (the stack each function without a check may use before some callee's check runs).
/// </summary>
public sealed record PrologueScan
{
    /// <summary>Every function of pclntab, in pclntab order.</summary>
    public IReadOnlyList<FunctionPrologue> Functions { get; init; } = [];
    /// <summary>True if ABIInternal functions receive g in R14; null if the binary did not say.</summary>
    public bool? RegisterAbi { get; init; }
    /// <summary>Well-formed checks against stackguard1.</summary>
    public int StackguardOneChecks { get; init; }
    /// <summary>Well-formed checks in the Go ≤ 1.4 layout.</summary>
    public int InlineMorestackChecks { get; init; }
    /// <summary>How many well-formed checks loaded g from each TLS slot.</summary>
    public IReadOnlyDictionary<GSlot, int> SlotUses { get; init; } = new Dictionary<GSlot, int>();
    /// <summary>Per function (index-aligned with <see cref="Functions"/>): the nosplit height; null if not computed.</summary>
    public IReadOnlyList<int>? NosplitHeights { get; init; }
    /// <summary>Per function: the index of the callee on its deepest chain, or −1.</summary>
    public IReadOnlyList<int>? NosplitVia { get; init; }
    /// <summary>Functions without a check whose code did not decode to the end.</summary>
    public IReadOnlyList<int> IncompleteBodies { get; init; } = [];
    /// <summary>Functions without a check that reach themselves through other such functions.</summary>
    public IReadOnlyList<int> RecursiveNosplit { get; init; } = [];
    /// <summary>Functions per kind.</summary>
    public IReadOnlyDictionary<PrologueKind, int> Counts { get; init; } = new Dictionary<PrologueKind, int>();
    /// <summary>"1557 functions: 997 small, …" for verdict texts.</summary>
    public string Description { get; init; } = "";

    /// <summary>Functions of one kind.</summary>
    public int Count(PrologueKind kind) => Counts.TryGetValue(kind, out int n) ? n : 0;
}
