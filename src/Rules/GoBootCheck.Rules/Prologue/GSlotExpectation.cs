namespace GoBootCheck.Prologue;

/// <summary>
/// The TLS slot prologues must load g from. The start-up emulation (issue 3) observes the slot runtime.settls and
/// rt0_go store g in; when its trace provides one, that is the expectation. Until then (or when the trace has none),
/// the slot the binary's own ABI0 prologues use — the most used one — stands in, and the rule says it was not
/// confirmed by the start-up path.
/// </summary>
/// <param name="Slot">The expected slot.</param>
/// <param name="Source">Where the expectation came from, for messages.</param>
/// <param name="ConfirmedByStartup">True if the start-up trace observed the slot.</param>
public sealed record GSlotExpectation(GSlot Slot, string Source, bool ConfirmedByStartup)
{
    /// <summary>The expectation for <paramref name="scan"/>; null if no prologue loads g from TLS.</summary>
    /// <param name="scan">The prologue scan.</param>
    /// <param name="startupSlot">The slot the start-up trace stored g in, if it observed one.</param>
    public static GSlotExpectation? Choose(PrologueScan scan, GSlot? startupSlot)
    {
        if (startupSlot is { } s) return new(s, "the slot the start-up path stores g in", true);
        if (scan.SlotUses.Count == 0) return null;
        var top = scan.SlotUses.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Value).First();
        int total = scan.SlotUses.Values.Sum();
        return new(top.Key, $"the slot {top.Value} of the binary's {total} TLS-loading prologues use; not confirmed by the start-up path", false);
    }
}
