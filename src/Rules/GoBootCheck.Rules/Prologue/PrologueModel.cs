using GoBootCheck.Go;

namespace GoBootCheck.Prologue;

/// <summary>What the entry of one pclntab function holds (cmd/internal/obj/x86/obj6.go, stacksplit).</summary>
public enum PrologueKind : byte
{
    /// <summary>No pc-value tables: host code in pclntab (e.g. the race runtime's C++), not checked.</summary>
    NotGoCode,
    /// <summary>No stack check: a nosplit function (explicit or the compiler's small leaf).</summary>
    NoCheck,
    /// <summary>Frame ≤ StackSmall: CMP SP, stackguard; JBE.</summary>
    Small,
    /// <summary>StackSmall &lt; frame ≤ StackBig: LEA tmp, −(frame−StackSmall)(SP); CMP tmp, stackguard; JBE.</summary>
    Medium,
    /// <summary>Frame &gt; StackBig, Go ≥ 1.17: MOV tmp, SP; SUB tmp, frame−StackSmall; JB (underflow); CMP tmp, stackguard; JBE.</summary>
    Huge,
    /// <summary>Frame &gt; StackBig, Go ≤ 1.16: stackguard == StackPreempt test, then SP+StackGuard−stackguard compared with frame+StackGuard−StackSmall.</summary>
    HugeStackPreempt,
    /// <summary>The entry's bytes could not be decoded (reported as a tool diagnostic, never guessed).</summary>
    Undecodable,
    /// <summary>
    /// The first instructions read g's stackguard, but in no form the tool knows (a tool diagnostic: a new Go
    /// version's prologue must not pass as "no check").
    /// </summary>
    Unrecognized,
}

/// <summary>The morestack variant a prologue's slow path calls, identified by the called function's pclntab name.</summary>
public enum MorestackVariant : byte
{
    /// <summary>None found.</summary>
    None,
    /// <summary>runtime.morestack: the function needs its closure context (DX).</summary>
    Morestack,
    /// <summary>runtime.morestack_noctxt.</summary>
    MorestackNoctxt,
    /// <summary>runtime.morestackc: //go:systemstack functions, which compare stackguard1; it throws.</summary>
    Morestackc,
}

/// <summary>How a prologue obtains g (reference go-bootstrap.md §F; obj6.go loadG).</summary>
public enum GLoadForm : byte
{
    /// <summary>No load: g is already in R14 (register ABI, Go ≥ 1.17 ABIInternal functions).</summary>
    Register,
    /// <summary>MOV reg, FS:[offset] (local-exec TLS, internal linking and non-PIE external linking).</summary>
    LocalExec,
    /// <summary>MOV reg, offset; MOV reg, FS:[reg] (initial-exec relaxed to an immediate: PIE).</summary>
    Immediate,
    /// <summary>MOV reg, [RIP+GOT]; MOV reg, FS:[reg] (initial-exec through the GOT: c-shared).</summary>
    GotIndirect,
}

/// <summary>
/// The TLS slot g was read from: a thread-pointer offset (local-exec and immediate forms) or a GOT entry whose
/// value the loader fills in (c-shared).
/// </summary>
/// <param name="ViaGot">True if <paramref name="Value"/> is the address of a GOT entry.</param>
/// <param name="Value">The FS offset (e.g. −8), or the GOT entry's address.</param>
public readonly record struct GSlot(bool ViaGot, long Value)
{
    /// <inheritdoc/>
    public override string ToString() => ViaGot ? $"FS:[GOT entry 0x{(ulong)Value:x}]" : $"FS:[{Value}]";
}

/// <summary>One deviation from the expected prologue: where, what was found, what was expected.</summary>
/// <param name="Address">The deviating instruction.</param>
/// <param name="Found">The instruction as decoded, with its bytes.</param>
/// <param name="Expected">What a correct prologue has there, and why.</param>
public sealed record PrologueFault(ulong Address, string Found, string Expected);

/// <summary>The classification of one function's prologue.</summary>
/// <remarks>
/// One per function of the binary (250 000 in a large one), alive while the rules run: the optional parts are stored
/// packed (byte enums, the slot as a tag and a value) so that a record takes 56 bytes instead of 96.
/// </remarks>
/// <param name="Function">The function.</param>
/// <param name="Kind">Check form, no check, or not Go code.</param>
/// <param name="Frame">Largest SP delta of its pcsp table (0 for non-Go code).</param>
public sealed record FunctionPrologue(GoFunction Function, PrologueKind Kind, int Frame)
{
    private readonly long _slotValue;
    private readonly short _spilled;
    private readonly byte _gLoad; // 0: none, else the form + 1
    private readonly byte _slot;  // 0: none, 1: FS offset, 2: via the GOT

    /// <summary>How g was obtained (null when the function has no check).</summary>
    public GLoadForm? GLoad
    {
        get => _gLoad == 0 ? null : (GLoadForm)(_gLoad - 1);
        init => _gLoad = value is { } form ? (byte)(form + 1) : (byte)0;
    }

    /// <summary>The TLS slot for <see cref="GLoadForm.LocalExec"/>, <see cref="GLoadForm.Immediate"/> and <see cref="GLoadForm.GotIndirect"/>.</summary>
    public GSlot? Slot
    {
        get => _slot == 0 ? null : new GSlot(_slot == 2, _slotValue);
        init
        {
            _slot = value is { } slot ? (slot.ViaGot ? (byte)2 : (byte)1) : (byte)0;
            _slotValue = value?.Value ?? 0;
        }
    }

    /// <summary>Displacement of the g field the check compares with (16 stackguard0, 24 stackguard1).</summary>
    public int GuardOffset { get; init; }

    /// <summary>The morestack the slow path calls.</summary>
    public MorestackVariant Morestack { get; init; }

    /// <summary>True for the oldest layout (Go ≤ 1.4): JA over an inline CALL morestack; JMP entry.</summary>
    public bool InlineMorestack { get; init; }

    /// <summary>Registers the slow path spills before and reloads after the call (Go ≥ 1.17 register arguments).</summary>
    public int SpilledRegisters { get => _spilled; init => _spilled = checked((short)value); }

    /// <summary>
    /// The frame the prologue allocates right after its check (what the check must cover); 0 without a check. Can be
    /// less than <see cref="Frame"/>: the pcsp maximum also counts later pushes (go1.4's go/defer calls push 16 bytes).
    /// </summary>
    public int AllocatedFrame { get; init; }

    /// <summary>The first deviation found, or null if the check (or its absence) is as Go emits it.</summary>
    public PrologueFault? Fault { get; init; }

    /// <summary>True if the function has a stack check (well-formed or not).</summary>
    public bool HasCheck => Kind is PrologueKind.Small or PrologueKind.Medium or PrologueKind.Huge or PrologueKind.HugeStackPreempt;
}
