namespace GoBootCheck.Prologue;

/// <summary>
/// The prologue of every pclntab function, classified and verified once per binary (the shared analysis behind
/// GBC0004 and GBC0005), with counts per form.
/// </summary>
public sealed class PrologueScan
{
    private readonly int[] _counts;

    internal PrologueScan(IReadOnlyList<FunctionPrologue> functions, bool? registerAbi)
    {
        Functions = functions;
        RegisterAbi = registerAbi;
        _counts = new int[Enum.GetValues<PrologueKind>().Length];
        var slots = new Dictionary<GSlot, int>();
        foreach (var p in functions)
        {
            _counts[(int)p.Kind]++;
            if (!p.HasCheck || p.Fault is not null) continue;
            if (p.GuardOffset == 0x18) StackguardOneChecks++;
            if (p.InlineMorestack) InlineMorestackChecks++;
            if (p.Slot is { } s) slots[s] = slots.GetValueOrDefault(s) + 1;
        }
        SlotUses = slots;
    }

    /// <summary>Every function of pclntab, in pclntab order.</summary>
    public IReadOnlyList<FunctionPrologue> Functions { get; }

    /// <summary>True if ABIInternal functions were expected to receive g in R14; null if the binary did not say.</summary>
    public bool? RegisterAbi { get; }

    /// <summary>Well-formed checks against stackguard1 (//go:systemstack functions, calling morestackc).</summary>
    public int StackguardOneChecks { get; }

    /// <summary>Well-formed checks in the Go ≤ 1.4 layout (JA over an inline morestack call).</summary>
    public int InlineMorestackChecks { get; }

    /// <summary>How many well-formed checks loaded g from each TLS slot.</summary>
    public IReadOnlyDictionary<GSlot, int> SlotUses { get; }

    /// <summary>Functions of one kind.</summary>
    public int Count(PrologueKind kind) => _counts[(int)kind];

    /// <summary>"1557 functions: 997 small, …".</summary>
    public string Describe()
    {
        string slots = SlotUses.Count == 0 ? "no TLS loads of g" :
            string.Join(", ", SlotUses.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Value} load g from {kv.Key}"));
        return
            $"{Functions.Count} functions: {Count(PrologueKind.Small)} small, {Count(PrologueKind.Medium)} medium, {Count(PrologueKind.Huge)} huge, " +
            $"{Count(PrologueKind.HugeStackPreempt)} huge (StackPreempt form) checks ({StackguardOneChecks} against stackguard1 with morestackc" +
            (InlineMorestackChecks > 0 ? $", {InlineMorestackChecks} with the inline go1.4 layout" : "") +
            $"; {slots}); {Count(PrologueKind.NoCheck)} without a check; {Count(PrologueKind.NotGoCode)} not Go code (no pc tables, skipped)" +
            (Count(PrologueKind.Undecodable) > 0 ? $"; {Count(PrologueKind.Undecodable)} undecodable" : "");
    }
}
