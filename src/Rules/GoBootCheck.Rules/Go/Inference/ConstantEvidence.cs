using System.Globalization;

namespace GoBootCheck.Go.Inference;

/// <summary>Where a piece of evidence for a runtime constant was read in the binary.</summary>
internal enum EvidenceKind
{
    /// <summary>DW_TAG_constant / member offsets of the binary's DWARF (<see cref="DwarfConstants"/>).</summary>
    Dwarf,
    /// <summary>
    /// The runtime's Go code that creates or moves stacks: g.stackguard0/1 = g.stack.lo + StackGuard (malg, copystack,
    /// mstart, gfget, newstack, …), found by a linear dataflow over the decoded instructions.
    /// </summary>
    StackWrites,
    /// <summary>The thresholds the compiled stack-split prologues encode, as a consensus over all of them.</summary>
    Prologues,
    /// <summary>The FS offsets the prologues load g from.</summary>
    PrologueTls,
    /// <summary>The FS offsets the runtime's code reads and writes g at outside prologues (not rt0_go, not settls).</summary>
    RuntimeTls,
    /// <summary>Computed from other inferred constants (StackLimit = StackGuard − StackSystem − StackSmall).</summary>
    Derived,
}

/// <summary>One source's view of one constant.</summary>
/// <param name="Kind">The source.</param>
/// <param name="Value">The value the source gives (its consensus), or null if it gives only a bound or disagrees with itself.</param>
/// <param name="Witnesses">Independent witnesses behind the value: 1 for DWARF, the number of distinct functions for code.</param>
/// <param name="Detail">What was seen, for people ("stack.lo + 928 in 6 runtime functions (runtime.malg, …)").</param>
/// <param name="SelfConflict">True if the source's own witnesses disagree without a clear majority.</param>
/// <param name="Low">For a bound: the smallest value consistent with the source.</param>
/// <param name="High">For a bound: the largest value consistent with the source (null: unbounded).</param>
internal sealed record Evidence(EvidenceKind Kind, int? Value, int Witnesses, string Detail, bool SelfConflict = false, int? Low = null, int? High = null)
{
    /// <summary>True if <paramref name="value"/> is consistent with this evidence.</summary>
    public bool Admits(int value) => Value is { } v ? v == value : !SelfConflict && (Low is null || value >= Low) && (High is null || value <= High);

    /// <inheritdoc/>
    public override string ToString() => Detail;
}

/// <summary>How far a constant could be established from the binary alone.</summary>
internal enum InferenceStatus
{
    /// <summary>At least two independent witnesses give the value and no source contradicts it.</summary>
    Agreed,
    /// <summary>The sources bound the value without fixing it; the rules can use the bound.</summary>
    Bounded,
    /// <summary>Sources (or one source's witnesses) contradict each other.</summary>
    Disagree,
    /// <summary>Fewer than two witnesses (stripped DWARF, no such code in the binary).</summary>
    Missing,
}

/// <summary>One runtime constant as inferred from the binary.</summary>
/// <param name="Name">The <see cref="RuntimeConstants"/> field, e.g. "StackGuard".</param>
/// <param name="Status">The outcome.</param>
/// <param name="Value">The value, when <see cref="InferenceStatus.Agreed"/>.</param>
/// <param name="Evidence">Every source consulted, agreeing or not.</param>
/// <param name="Why">For <see cref="InferenceStatus.Missing"/> and <see cref="InferenceStatus.Disagree"/>: why, for people.</param>
internal sealed record InferredConstant(string Name, InferenceStatus Status, int? Value, IReadOnlyList<Evidence> Evidence, string? Why = null)
{
    /// <summary>The bound all sources admit, for <see cref="InferenceStatus.Bounded"/>.</summary>
    public (int Low, int? High)? Bound { get; init; }

    /// <summary>"StackGuard 928 (DWARF runtime.stackGuard; stack.lo + 928 in 6 runtime functions)".</summary>
    public string Describe() => Status switch
    {
        InferenceStatus.Agreed => string.Create(CultureInfo.InvariantCulture, $"{Name} {Value} ({string.Join("; ", Evidence)})"),
        InferenceStatus.Bounded => string.Create(CultureInfo.InvariantCulture,
            $"{Name} within [{Bound!.Value.Low}, {(Bound.Value.High is { } h ? h.ToString(CultureInfo.InvariantCulture) : "∞")}] ({string.Join("; ", Evidence)})"),
        _ => $"{Name} not inferred: {Why}",
    };

    /// <summary>"DWARF, stack writes in 12 runtime functions" — the agreeing sources, short, for result messages.</summary>
    public string Brief() => string.Join(" + ", Evidence.Where(e => Value is { } v ? e.Admits(v) : Status == InferenceStatus.Bounded).Select(e => e.Kind switch
    {
        EvidenceKind.Dwarf => "DWARF",
        EvidenceKind.StackWrites => string.Create(CultureInfo.InvariantCulture, $"stack.lo+K writes in {e.Witnesses} runtime functions"),
        EvidenceKind.Prologues when e.Value is null => string.Create(CultureInfo.InvariantCulture, $"the form of {e.Witnesses} prologues"),
        EvidenceKind.Prologues => string.Create(CultureInfo.InvariantCulture, $"{e.Witnesses} prologues"),
        EvidenceKind.PrologueTls => string.Create(CultureInfo.InvariantCulture, $"{e.Witnesses} prologue g loads"),
        EvidenceKind.RuntimeTls => string.Create(CultureInfo.InvariantCulture, $"g accesses in {e.Witnesses} runtime functions"),
        _ => "StackGuard − StackSmall",
    }));

    /// <summary>
    /// Decides a constant from its evidence: every source must admit one value, and the witnesses behind it must be
    /// at least two (a single function's code never defines an expectation on its own).
    /// </summary>
    public static InferredConstant Decide(string name, IReadOnlyList<Evidence> evidence)
    {
        var conflicted = evidence.Where(e => e.SelfConflict).ToList();
        if (conflicted.Count > 0)
            return new(name, InferenceStatus.Disagree, null, evidence, $"its witnesses disagree: {string.Join("; ", conflicted)}");
        var values = evidence.Where(e => e.Value is not null).Select(e => e.Value!.Value).Distinct().ToList();
        if (values.Count > 1)
            return new(name, InferenceStatus.Disagree, null, evidence, $"the sources disagree: {string.Join("; ", evidence)}");
        if (values.Count == 1)
        {
            int v = values[0];
            var against = evidence.Where(e => !e.Admits(v)).ToList();
            if (against.Count > 0)
                return new(name, InferenceStatus.Disagree, null, evidence, string.Create(CultureInfo.InvariantCulture, $"{v} is outside what {string.Join("; ", against)} allows"));
            // A bound that admits the value is a witness too (one per source: it is one reading of the code).
            int witnesses = evidence.Sum(e => e.Value == v ? e.Witnesses : e.Value is null ? 1 : 0);
            if (witnesses < 2)
                return new(name, InferenceStatus.Missing, null, evidence, $"only one witness ({string.Join("; ", evidence)})");
            return new(name, InferenceStatus.Agreed, v, evidence);
        }
        var bounds = evidence.Where(e => e.Low is not null || e.High is not null).ToList();
        if (bounds.Count == 0)
            return new(name, InferenceStatus.Missing, null, evidence, evidence.Count == 0 ? "no source in this binary" : string.Join("; ", evidence));
        int low = bounds.Max(e => e.Low ?? int.MinValue);
        int? high = bounds.Any(e => e.High is not null) ? bounds.Where(e => e.High is not null).Min(e => e.High!.Value) : null;
        if (high < low)
            return new(name, InferenceStatus.Disagree, null, evidence, $"the bounds exclude each other: {string.Join("; ", bounds)}");
        return new(name, InferenceStatus.Bounded, null, evidence) { Bound = (low, high) };
    }
}

/// <summary>
/// Votes of functions for a value; the consensus is the value most functions give, accepted only with a strict
/// majority, so that no single function (a patched prologue, a damaged runtime function) can move it.
/// </summary>
internal sealed class Tally
{
    private readonly Dictionary<long, HashSet<ulong>> _votes = [];
    private readonly Dictionary<long, List<string>> _names = [];

    /// <summary>Votes cast.</summary>
    public int Total { get; private set; }

    /// <summary>Records that the function at <paramref name="entry"/> gives <paramref name="value"/> (once per function and value).</summary>
    public void Add(long value, ulong entry, string? name = null)
    {
        if (!_votes.TryGetValue(value, out var set)) _votes[value] = set = [];
        if (!set.Add(entry)) return;
        Total++;
        if (name is not null)
        {
            if (!_names.TryGetValue(value, out var names)) _names[value] = names = [];
            if (names.Count < 4 && !names.Contains(name)) names.Add(name);
        }
    }

    /// <summary>The value with the most votes, its votes, and whether it holds a strict majority.</summary>
    public (long Value, int Votes, bool Majority)? Consensus()
    {
        if (_votes.Count == 0) return null;
        var top = _votes.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key).First();
        return (top.Key, top.Value.Count, top.Value.Count * 2 > Total);
    }

    /// <summary>Some function names behind <paramref name="value"/>.</summary>
    public IReadOnlyList<string> NamesFor(long value) => _names.GetValueOrDefault(value) ?? [];

    /// <summary>"928 ×6, 1024 ×1".</summary>
    public string Describe(Func<long, string>? format = null) =>
        string.Join(", ", _votes.OrderByDescending(kv => kv.Value.Count).Select(kv =>
            string.Create(CultureInfo.InvariantCulture, $"{(format ?? (v => v.ToString(CultureInfo.InvariantCulture)))(kv.Key)} ×{kv.Value.Count}")));

    /// <summary>
    /// This tally as evidence: its consensus value with the number of agreeing functions as witnesses, or a self-conflict
    /// when no value has a strict majority.
    /// </summary>
    public Evidence? ToEvidence(EvidenceKind kind, Func<long, int, string> describe, Func<long, string>? format = null)
    {
        if (Consensus() is not { } c) return null;
        string minority = c.Votes == Total ? "" : $"; the other {Total - c.Votes} of {Total} disagree ({Describe(format)}) and are outvoted";
        if (!c.Majority)
            return new Evidence(kind, null, 0, $"{describe(c.Value, c.Votes)} — no majority among {Total} ({Describe(format)})", SelfConflict: true);
        return new Evidence(kind, (int)c.Value, c.Votes, describe(c.Value, c.Votes) + minority);
    }
}
