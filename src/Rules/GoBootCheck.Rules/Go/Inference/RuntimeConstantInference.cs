using System.Globalization;
using GoBootCheck.Binary;

namespace GoBootCheck.Go.Inference;

/// <summary>
/// Every runtime constant a rule needs, inferred from the binary alone — no version, no table. For each constant the
/// independent sources are consulted, and it is established only when they admit one value and at least two
/// witnesses stand behind it (DWARF counts as one; code counts one per function, so a single function never suffices):
/// <list type="table">
/// <item><term>StackGuard (GBC0003)</term><description>DWARF runtime.stackGuard / _StackGuard; the runtime's
/// stack.lo + StackGuard writes; the ≤ go1.16 huge-frame prologues' LEA [RSP+StackGuard].</description></item>
/// <item><term>StackSmall (GBC0004)</term><description>DWARF; the consensus of the medium and huge prologues.</description></item>
/// <item><term>StackBig (GBC0004)</term><description>DWARF; the bound the prologues' choice of form sets.</description></item>
/// <item><term>StackLimit (GBC0005)</term><description>DWARF runtime.stackNosplit / _StackLimit; StackGuard − StackSystem − StackSmall
/// (StackSystem is 0 on linux: runtime/stack.go).</description></item>
/// <item><term>GTlsOffset (GBC0002)</term><description>the g slot the prologues load; the g slot the runtime's own code
/// (not rt0_go, not settls) uses.</description></item>
/// </list>
/// m.tls is not needed by any rule (GBC0002 compares settls's argument with the address it passes to arch_prctl);
/// it is taken from DWARF where present and reported, not inferred.
/// </summary>
/// <param name="StackGuard">g.stackguard0 = stack.lo + StackGuard.</param>
/// <param name="StackSmall">The small-frame threshold.</param>
/// <param name="StackBig">The huge-frame threshold.</param>
/// <param name="StackLimit">The nosplit budget.</param>
/// <param name="GTlsOffset">The g slot's FS offset.</param>
/// <param name="MTls">m.tls from DWARF, if present.</param>
internal sealed record RuntimeConstantInference(
    InferredConstant StackGuard,
    InferredConstant StackSmall,
    InferredConstant StackBig,
    InferredConstant StackLimit,
    InferredConstant GTlsOffset,
    int? MTls)
{
    /// <summary>StackSystem on linux/amd64 (runtime/stack.go: only windows, plan9 and ios reserve one).</summary>
    public const int LinuxStackSystem = 0;

    /// <summary>The five constants, in a fixed order.</summary>
    public IReadOnlyList<InferredConstant> All => [StackGuard, StackSmall, StackBig, StackLimit, GTlsOffset];

    /// <summary>Infers the constants of a binary from its code and, when <paramref name="dwarf"/> has them, its DWARF.</summary>
    public static RuntimeConstantInference Infer(VirtualMemory memory, IReadOnlyList<GoFunction> functions, Pclntab pclntab,
        DwarfConstantsOutcome? dwarf, CancellationToken cancellation = default)
    {
        var code = RuntimeCodeScan.Run(memory, functions, pclntab, cancellation);
        var prologues = PrologueThresholds.Collect(memory, functions, pclntab, cancellation);
        var values = dwarf?.Status == DwarfLookupStatus.Read ? dwarf.Values : null;
        var names = dwarf?.Names ?? new Dictionary<string, string>();

        Evidence? Dwarf(int? value, string field) => value is { } v
            ? new Evidence(EvidenceKind.Dwarf, v, 1, $"DWARF {names.GetValueOrDefault(field, field)} = {v.ToString(CultureInfo.InvariantCulture)}")
            : null;
        static IReadOnlyList<Evidence> List(params Evidence?[] e) => [.. e.Where(x => x is not null).Select(x => x!)];

        var guard = InferredConstant.Decide(nameof(RuntimeConstants.StackGuard), List(
            Dwarf(values?.StackGuard, nameof(RuntimeConstants.StackGuard)),
            code.GuardWrites.ToEvidence(EvidenceKind.StackWrites, (k, n) =>
                $"stackguard = stack.lo + {k.ToString(CultureInfo.InvariantCulture)} in {n} runtime functions ({string.Join(", ", code.GuardWrites.NamesFor(k))}{(n > 4 ? ", …" : "")})"),
            prologues.StackGuard.ToEvidence(EvidenceKind.Prologues, (k, n) =>
                $"LEA [RSP+{k.ToString(CultureInfo.InvariantCulture)}] in {n} huge-frame prologues")));

        var small = InferredConstant.Decide(nameof(RuntimeConstants.StackSmall), List(
            Dwarf(values?.StackSmall, nameof(RuntimeConstants.StackSmall)),
            prologues.StackSmall.ToEvidence(EvidenceKind.Prologues, (k, n) =>
                $"frame − {k.ToString(CultureInfo.InvariantCulture)} in {n} medium and huge prologues")));

        var big = InferredConstant.Decide(nameof(RuntimeConstants.StackBig), List(
            Dwarf(values?.StackBig, nameof(RuntimeConstants.StackBig)),
            prologues.StackBigBound()));

        Evidence? derived = guard.Value is { } g && small.Value is { } s
            ? new Evidence(EvidenceKind.Derived, g - LinuxStackSystem - s, 2,
                string.Create(CultureInfo.InvariantCulture, $"StackGuard {g} − StackSystem {LinuxStackSystem} − StackSmall {s}"))
            : null;
        var limit = InferredConstant.Decide(nameof(RuntimeConstants.StackLimit), List(Dwarf(values?.StackLimit, nameof(RuntimeConstants.StackLimit)), derived));
        if (derived is null && limit.Status == InferenceStatus.Missing)
            limit = limit with { Why = $"StackGuard and StackSmall are needed to derive it ({(guard.Value is null ? "StackGuard" : "StackSmall")} was not inferred), and DWARF alone is one witness" };

        string Slot(long v) => v < 0 ? $"FS{v.ToString(CultureInfo.InvariantCulture)}" : $"FS+{v.ToString(CultureInfo.InvariantCulture)}";
        var tls = InferredConstant.Decide(nameof(RuntimeConstants.GTlsOffset), List(
            prologues.GSlot.ToEvidence(EvidenceKind.PrologueTls, (v, n) => $"g loaded from {Slot(v)} by {n} prologues", Slot),
            code.TlsSlots.ToEvidence(EvidenceKind.RuntimeTls, (v, n) => $"g reached at {Slot(v)} in {n} runtime functions", Slot)));
        if (tls.Status == InferenceStatus.Missing && prologues.GotLoads > 0 && prologues.GSlot.Total == 0)
            tls = tls with { Why = string.Create(CultureInfo.InvariantCulture, $"all {prologues.GotLoads} prologues that load g do so through a GOT entry, whose offset only the dynamic loader knows") };

        return new RuntimeConstantInference(guard, small, big, limit, tls, values?.MTls);
    }

    /// <summary>One line per constant, for messages and tests.</summary>
    public string Describe() => string.Join("\n", All.Select(c => c.Describe()));
}
