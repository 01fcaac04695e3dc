using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// The TLS slot prologues must load g from. The start-up emulation observes the slot rt0_go stores g0 in; when its
/// trace has one, that is the expectation. When it has none (or the prologues load through a GOT entry, whose offset
/// only the dynamic loader knows), the slot the binary's own ABI0 prologues use — the most used one — stands in, and
/// the rule says it was not confirmed by the start-up path.
/// </summary>
/// <param name="Slot">The expected slot.</param>
/// <param name="Source">Where the expectation came from, for messages.</param>
/// <param name="ConfirmedByStartup">True if the start-up trace observed the slot.</param>
internal sealed record GSlotExpectation(GSlot Slot, string Source, bool ConfirmedByStartup)
{
    /// <summary>The expectation for <paramref name="scan"/>; null if no prologue loads g from TLS.</summary>
    /// <param name="scan">The prologue scan.</param>
    /// <param name="startupSlot">The FS offset the start-up trace stored g in, if it observed one.</param>
    /// <param name="noStartupReason">Why there is no start-up slot (for the message), if there is none.</param>
    public static GSlotExpectation? Choose(PrologueScan scan, GSlot? startupSlot, string? noStartupReason = null)
    {
        if (scan.SlotUses.Count == 0) return null;
        // A GOT entry's offset is filled in by the dynamic loader: it cannot be compared with an FS offset statically.
        bool viaGot = scan.SlotUses.Keys.All(k => k.ViaGot);
        if (startupSlot is { } s && !viaGot) return new(s, "the slot the start-up path stored g0 in", true);
        var top = scan.SlotUses.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Value).First();
        int total = scan.SlotUses.Values.Sum();
        string why = startupSlot is { } t ? $"the start-up path stored g0 at FS:[{t.Value}], which loads through the GOT cannot be compared with" : noStartupReason ?? "no start-up trace";
        return new(top.Key, $"the slot {top.Value} of the binary's {total} TLS-loading prologues use; not confirmed by the start-up path ({why})", false);
    }
}
