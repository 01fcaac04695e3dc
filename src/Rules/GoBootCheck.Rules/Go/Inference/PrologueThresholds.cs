using System.Globalization;
using GoBootCheck.Binary;
using GoBootCheck.Disassembly;
using Iced.Intel;

namespace GoBootCheck.Go.Inference;

/// <summary>
/// What the compiled stack-split prologues say about the runtime constants, each function one vote
/// (cmd/internal/obj/x86 obj6.go stacksplit; go-prologue-pclntab.md §1.3):
/// <list type="bullet">
/// <item>medium form <c>LEA r, [RSP−(frame−StackSmall)]; CMP r, [g+0x10]</c>: StackSmall = frame + displacement,
/// and StackBig ≥ frame;</item>
/// <item>huge form (go1.17+) <c>MOV r, RSP; SUB r, frame−StackSmall; JB; CMP r, [g+0x10]</c>: StackSmall = frame − imm,
/// StackBig &lt; frame;</item>
/// <item>huge form (≤ go1.16) <c>MOV r, [g+0x10]; CMP r, StackPreempt; JE; LEA t, [RSP+StackGuard]; SUB t, r;
/// CMP t, frame+StackGuard−StackSmall</c>: StackGuard = the LEA's displacement, StackSmall = frame + StackGuard − imm,
/// StackBig &lt; frame;</item>
/// <item>the TLS load of g before the compare (<c>MOV r, FS:[off]</c> or <c>MOV r, off; MOV r, FS:[r]</c>): the g slot.</item>
/// </list>
/// The frame is the function's largest pcsp value. GBC0004 judges each prologue against these constants, so only the
/// consensus over all prologues counts (<see cref="Tally"/>): one wrong prologue is outvoted, never the expectation.
/// </summary>
internal sealed class PrologueThresholds
{
    private readonly CodeDecoder _d;

    private PrologueThresholds(VirtualMemory memory) => _d = new CodeDecoder(memory);

    /// <summary>StackSmall votes.</summary>
    public Tally StackSmall { get; } = new();

    /// <summary>StackGuard votes (≤ go1.16 huge frames only).</summary>
    public Tally StackGuard { get; } = new();

    /// <summary>g slot FS offsets of the prologues' TLS loads.</summary>
    public Tally GSlot { get; } = new();

    /// <summary>Prologues that load g through a GOT entry (offset known only to the dynamic loader).</summary>
    public int GotLoads { get; private set; }

    /// <summary>Frames of medium-form prologues (each ≤ StackBig).</summary>
    public List<int> MediumFrames { get; } = [];

    /// <summary>Frames of huge-form prologues (each &gt; StackBig).</summary>
    public List<int> HugeFrames { get; } = [];

    /// <summary>Collects the votes of every Go-toolchain-built function.</summary>
    public static PrologueThresholds Collect(VirtualMemory memory, IReadOnlyList<GoFunction> functions, Pclntab pclntab, CancellationToken cancellation = default)
    {
        var t = new PrologueThresholds(memory);
        for (int n = 0; n < functions.Count; n++)
        {
            if ((n & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            var f = functions[n];
            if (f.IsGoCode) t.Read(f, pclntab);
        }
        return t;
    }

    private void Read(GoFunction f, Pclntab pclntab)
    {
        _d.Seek(f.Entry, f.End);
        var c0 = _d.NextSkippingNops();
        if (c0.IsInvalid) return;
        Register g = Register.R14;
        if (IsFsLoad(c0, Register.None))
        {
            GSlot.Add((long)c0.MemoryDisplacement64, f.Entry);
            g = c0.Op0Register;
            c0 = _d.Next();
        }
        else if (c0.Mnemonic == Mnemonic.Mov && c0.Op0Kind == OpKind.Register && c0.Op0Register.IsGPR64() &&
                 (c0.Op1Kind is OpKind.Immediate32to64 or OpKind.Immediate64 || (c0.Op1Kind == OpKind.Memory && c0.IsIPRelativeMemoryOperand)))
        {
            var second = _d.Next();
            if (!IsFsLoad(second, c0.Op0Register)) return;
            if (c0.Op1Kind == OpKind.Memory) GotLoads++;
            else GSlot.Add((long)c0.GetImmediate(1), f.Entry);
            g = second.Op0Register;
            c0 = _d.Next();
        }

        if (c0.Mnemonic == Mnemonic.Lea && c0.Op0Kind == OpKind.Register && c0.MemoryBase == Register.RSP && c0.MemoryIndex == Register.None)
        {
            var cmp = _d.Next();
            if (!IsGuardCompare(cmp, c0.Op0Register, g)) return;
            int frame = pclntab.MaxFrame(f);
            StackSmall.Add(frame + (long)c0.MemoryDisplacement64, f.Entry);
            MediumFrames.Add(frame);
        }
        else if (c0.Mnemonic == Mnemonic.Mov && c0.Op0Kind == OpKind.Register && c0.Op1Kind == OpKind.Register && c0.Op1Register == Register.RSP)
        {
            var sub = _d.Next();
            var jb = _d.Next();
            var cmp = _d.Next();
            if (!(sub.Mnemonic == Mnemonic.Sub && sub.Op0Kind == OpKind.Register && sub.Op0Register == c0.Op0Register && IsImmediate(sub, 1) &&
                  jb.IsJccShortOrNear && jb.ConditionCode == ConditionCode.b && IsGuardCompare(cmp, c0.Op0Register, g))) return;
            int frame = pclntab.MaxFrame(f);
            StackSmall.Add(frame - (long)sub.GetImmediate(1), f.Entry);
            HugeFrames.Add(frame);
        }
        else if (g != Register.R14 && c0.Mnemonic == Mnemonic.Mov && c0.Op0Kind == OpKind.Register && c0.Op1Kind == OpKind.Memory &&
                 c0.MemoryBase == g && c0.MemoryIndex == Register.None && (long)c0.MemoryDisplacement64 is RuntimeConstants.GStackguard0 or RuntimeConstants.GStackguard1)
        {
            Register guard = c0.Op0Register;
            var cmpPreempt = _d.Next();
            var je = _d.Next();
            var lea = _d.Next();
            var sub = _d.Next();
            var cmp = _d.Next();
            if (!(cmpPreempt.Mnemonic == Mnemonic.Cmp && cmpPreempt.Op0Register == guard && IsImmediate(cmpPreempt, 1) &&
                  je.IsJccShortOrNear && je.ConditionCode == ConditionCode.e &&
                  lea.Mnemonic == Mnemonic.Lea && lea.MemoryBase == Register.RSP && lea.MemoryIndex == Register.None &&
                  sub.Mnemonic == Mnemonic.Sub && sub.Op0Register == lea.Op0Register && sub.Op1Kind == OpKind.Register && sub.Op1Register == guard &&
                  cmp.Mnemonic == Mnemonic.Cmp && cmp.Op0Register == lea.Op0Register && IsImmediate(cmp, 1))) return;
            int frame = pclntab.MaxFrame(f);
            long guardValue = (long)lea.MemoryDisplacement64;
            StackGuard.Add(guardValue, f.Entry);
            StackSmall.Add(frame + guardValue - (long)cmp.GetImmediate(1), f.Entry);
            HugeFrames.Add(frame);
        }
    }

    /// <summary>
    /// StackBig as the prologues bound it: every medium-form frame is ≤ StackBig and every huge-form frame above it
    /// (obj6.go: framesize ≤ StackBig → medium). The bound is the range of thresholds that the fewest prologues
    /// contradict, so one prologue of the wrong form is outvoted rather than moving it. Null without either form.
    /// </summary>
    public Evidence? StackBigBound()
    {
        int total = MediumFrames.Count + HugeFrames.Count;
        if (total == 0) return null;
        var medium = MediumFrames.Order().ToArray();
        var huge = HugeFrames.Order().ToArray();
        int Violations(long b) => medium.Length - UpperBound(medium, b) + UpperBound(huge, b);
        var candidates = medium.Select(m => (long)m).Concat(huge.Select(h => (long)h - 1)).Distinct().Order().ToList();
        int best = Math.Min(candidates.Min(Violations), Math.Min(medium.Length, huge.Length));
        var optimal = candidates.Where(c => Violations(c) == best).ToList();
        int? low = medium.Length == best ? 0 : (int)optimal.Min();
        int? high = huge.Length == best ? null : (int)optimal.Max();
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{medium.Length} medium-form prologues (frames up to {(medium.Length > 0 ? medium[^1] : 0)}) and {huge.Length} huge-form ones (frames from {(huge.Length > 0 ? huge[0].ToString(CultureInfo.InvariantCulture) : "-")})");
        if (best > 0) detail += string.Create(CultureInfo.InvariantCulture, $"; {best} of {total} use the other form and are outvoted");
        return new Evidence(EvidenceKind.Prologues, null, total - best, detail, SelfConflict: best * 2 >= total, Low: low, High: high);
    }

    // Number of elements ≤ value in a sorted array.
    private static int UpperBound(int[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static bool IsGuardCompare(in Instruction cmp, Register reg, Register g) =>
        cmp.Mnemonic == Mnemonic.Cmp && cmp.Op0Kind == OpKind.Register && cmp.Op0Register == reg && cmp.Op1Kind == OpKind.Memory &&
        cmp.MemoryBase == g && cmp.MemoryIndex == Register.None && (long)cmp.MemoryDisplacement64 is RuntimeConstants.GStackguard0 or RuntimeConstants.GStackguard1;

    private static bool IsFsLoad(in Instruction i, Register baseRegister) =>
        i.Mnemonic == Mnemonic.Mov && i.Op0Kind == OpKind.Register && i.Op0Register.IsGPR64() && i.Op1Kind == OpKind.Memory &&
        i.MemorySegment == Register.FS && i.MemoryIndex == Register.None && i.MemoryBase == baseRegister &&
        (baseRegister == Register.None || i.MemoryDisplacement64 == 0);

    private static bool IsImmediate(in Instruction i, int operand) =>
        i.GetOpKind(operand) is OpKind.Immediate8to64 or OpKind.Immediate32to64 or OpKind.Immediate8 or OpKind.Immediate32;
}
