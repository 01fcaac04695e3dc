using GoBootCheck.Host;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Prologue;

/// <summary>
/// Publishes a <see cref="PrologueScan"/> as the public <see cref="Sdk.PrologueScan"/>. The per-function records are
/// made when a rule reads them, not copied: a large binary has 250 000 functions.
/// </summary>
internal static class PrologueScanModel
{
    public static Sdk.PrologueScan Publish(PrologueScan scan, GoMetadataView go) => new()
    {
        Functions = new PrologueList(scan.Functions, go),
        RegisterAbi = scan.RegisterAbi,
        StackguardOneChecks = scan.StackguardOneChecks,
        InlineMorestackChecks = scan.InlineMorestackChecks,
        SlotUses = scan.SlotUses.ToDictionary(kv => Slot(kv.Key), kv => kv.Value),
        NosplitHeights = scan.NosplitHeights,
        NosplitVia = scan.NosplitVia,
        IncompleteBodies = scan.IncompleteBodies,
        RecursiveNosplit = scan.RecursiveNosplit,
        Counts = Enum.GetValues<PrologueKind>().ToDictionary(k => (Sdk.PrologueKind)(int)k, scan.Count),
        Description = scan.Describe(),
    };

    private static Sdk.GSlot Slot(GSlot slot) => new(slot.ViaGot, slot.Value);

    private static Sdk.FunctionPrologue Publish(FunctionPrologue p, Sdk.GoFunction function) => new()
    {
        Function = function,
        Kind = (Sdk.PrologueKind)(int)p.Kind,
        Frame = p.Frame,
        GLoad = p.GLoad is { } g ? (Sdk.GLoadForm)(int)g : null,
        Slot = p.Slot is { } s ? Slot(s) : null,
        GuardOffset = p.GuardOffset,
        Morestack = (Sdk.MorestackVariant)(int)p.Morestack,
        InlineMorestack = p.InlineMorestack,
        SpilledRegisters = p.SpilledRegisters,
        Fault = p.Fault is { } f ? new Sdk.PrologueFault(f.Address, f.Found, f.Expected) : null,
    };

    private sealed class PrologueList(IReadOnlyList<FunctionPrologue> prologues, GoMetadataView go) : IReadOnlyList<Sdk.FunctionPrologue>
    {
        public Sdk.FunctionPrologue this[int index] => Publish(prologues[index], go.ViewOf(prologues[index].Function, index));

        public int Count => prologues.Count;

        public IEnumerator<Sdk.FunctionPrologue> GetEnumerator()
        {
            for (int i = 0; i < prologues.Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
