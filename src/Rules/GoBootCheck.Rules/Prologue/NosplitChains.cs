using GoBootCheck.Binary;
using GoBootCheck.Disassembly;
using GoBootCheck.Go;
using Iced.Intel;

namespace GoBootCheck.Prologue;

/// <summary>
/// The linker's nosplit check re-done from the binary (cmd/link/internal/ld/stackcheck.go, go1.19+; lib.go stkcheck
/// before): the stack a function may use before some callee's check runs — its "height". A function with a check
/// needs 8 bytes (the call to morestack); runtime.morestack needs none (it switches stacks); code without pc tables
/// runs on the system stack (0). A function without a check needs the most of: every pcsp value, and for each call or
/// tail jump to another function, pcsp at that pc + 8 (return address) + the callee's height; an indirect call
/// assumes a callee with a check (pcsp + 8 + 8). Only functions without a check are decoded, start to end.
/// </summary>
internal static class NosplitChains
{
    private const int CallSize = 8;
    private const int Unknown = -1, InProgress = -2;

    /// <summary>Heights of every function (index-aligned with <paramref name="scan"/>), the callee each maximum came from, and functions whose code did not decode.</summary>
    /// <remarks>One list holds each function's pcsp runs in turn: a body's runs are read only while its calls are found.</remarks>
    public static (int[] Height, int[] Via, List<int> Undecodable, List<int> Recursive) Compute(GoBinary binary, IReadOnlyList<FunctionPrologue> scan, CancellationToken cancellation)
    {
        var runs = new List<PcValueRun>();
        return Compute(binary.Image.Memory, scan, f => binary.Pclntab.DecodeTable(f, f.PcSp, runs), cancellation);
    }

    /// <summary>As above, with the pcsp table of each function given by <paramref name="pcsp"/> (hermetic tests build it).</summary>
    public static (int[] Height, int[] Via, List<int> Undecodable, List<int> Recursive) Compute(VirtualMemory memory, IReadOnlyList<FunctionPrologue> scan,
        Func<GoFunction, IReadOnlyList<PcValueRun>> pcsp, CancellationToken cancellation)
    {
        int n = scan.Count;
        var height = new int[n];
        var via = new int[n];
        Array.Fill(height, Unknown);
        Array.Fill(via, -1);
        var undecodable = new List<int>();
        var recursive = new List<int>();
        var entries = new ulong[n];
        for (int i = 0; i < n; i++) entries[i] = scan[i].Function.Entry;
        var decoder = new CodeDecoder(memory);
        var walk = (Seen: new HashSet<ulong>(), Work: new Stack<ulong>()); // reused for every body
        var stack = new Stack<(int Function, List<(int Sp, int Callee)> Edges, int Next, int Best, int BestVia)>();

        for (int root = 0; root < n; root++)
        {
            if (height[root] != Unknown) continue;
            if ((root & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            if (TryLeaf(scan[root], out int h)) { height[root] = h; continue; }
            stack.Push(Open(root));
            while (stack.Count > 0)
            {
                var top = stack.Pop();
                if (top.Next < top.Edges.Count)
                {
                    var (sp, callee) = top.Edges[top.Next];
                    int calleeHeight = callee < 0 ? CallSize : HeightOf(callee);
                    if (calleeHeight == InProgress) { recursive.Add(top.Function); calleeHeight = 0; }
                    if (calleeHeight == Unknown) { stack.Push(top); stack.Push(Open(callee)); continue; }
                    int total = sp + CallSize + calleeHeight;
                    if (total > top.Best) { top.Best = total; top.BestVia = callee; }
                    top.Next++;
                    stack.Push(top);
                    continue;
                }
                height[top.Function] = top.Best;
                via[top.Function] = top.BestVia;
            }
        }
        return (height, via, undecodable, recursive);

        int HeightOf(int i)
        {
            if (height[i] != Unknown) return height[i];
            if (TryLeaf(scan[i], out int h)) return height[i] = h;
            return Unknown;
        }

        (int, List<(int, int)>, int, int, int) Open(int i)
        {
            height[i] = InProgress;
            var p = scan[i];
            var edges = Edges(pcsp(p.Function), memory, decoder, walk, entries, scan, p.Function, out bool complete);
            if (!complete) undecodable.Add(i);
            return (i, edges, 0, p.Frame, -1);
        }
    }

    /// <summary>Heights that need no decoding: a checked function, morestack, or code without pc tables.</summary>
    private static bool TryLeaf(FunctionPrologue p, out int height)
    {
        height = p.Kind switch
        {
            PrologueKind.NotGoCode or PrologueKind.Undecodable or PrologueKind.Unrecognized => 0,
            PrologueKind.NoCheck when p.Fault is null && p.Function.NameIs("runtime.morestack") => 0,
            PrologueKind.NoCheck when p.Fault is null => Unknown,
            _ => CallSize, // has a check (well-formed or reported by GBC0004): its call to morestack
        };
        return height != Unknown;
    }

    /// <summary>
    /// Calls and tail jumps to other functions, with pcsp at their pc; callee −1 for an indirect call. Code is followed
    /// from the entry along its branches, so bytes jumped over are never read as code (crypto/internal/boring/sig
    /// embeds a signature that way); a function with an indirect jump is swept linearly instead, to miss no call.
    /// </summary>
    private static List<(int Sp, int Callee)> Edges(IReadOnlyList<PcValueRun> sp, VirtualMemory memory, CodeDecoder d, (HashSet<ulong> Seen, Stack<ulong> Work) walk, ulong[] entries, IReadOnlyList<FunctionPrologue> scan, GoFunction f, out bool complete)
    {
        ulong end = sp.Count > 0 ? sp[^1].End : f.End;
        var edges = new List<(int, int)>();
        complete = true;
        bool indirectJump = false;
        var seen = walk.Seen;
        var work = walk.Work;
        seen.Clear();
        work.Clear();
        work.Push(f.Entry);
        while (work.Count > 0 && !indirectJump)
        {
            d.Seek(work.Pop(), end);
            while (d.IP < end && !IsAlignmentPadding(memory, d.IP, end) && seen.Add(d.IP))
            {
                var i = d.Next();
                if (i.IsInvalid) { complete = false; break; }
                AddEdge(i);
                if (i.IsJccShortOrNear && i.NearBranchTarget >= f.Entry && i.NearBranchTarget < end) work.Push(i.NearBranchTarget);
                if (i.Mnemonic == Mnemonic.Jmp)
                {
                    if (i.Op0Kind != OpKind.NearBranch64) indirectJump = true;
                    else if (i.NearBranchTarget >= f.Entry && i.NearBranchTarget < end) work.Push(i.NearBranchTarget);
                    break;
                }
                if (IsTrap(i)) break;
            }
        }
        if (indirectJump)
        {
            edges.Clear();
            complete = true;
            d.Seek(f.Entry, end);
            while (d.IP < end && !IsAlignmentPadding(memory, d.IP, end))
            {
                var i = d.Next();
                if (i.IsInvalid) { complete = false; break; }
                AddEdge(i);
            }
        }
        return edges;

        void AddEdge(in Instruction i)
        {
            bool direct = i.Op0Kind == OpKind.NearBranch64;
            bool tail = i.Mnemonic == Mnemonic.Jmp && direct && (i.NearBranchTarget < f.Entry || i.NearBranchTarget >= f.End);
            if (i.Mnemonic != Mnemonic.Call && !tail) return;
            int depth = DepthAt(sp, i.IP);
            if (!direct) { edges.Add((depth, -1)); return; } // an indirect callee is assumed to have a check: height 8
            int callee = IndexAt(entries, scan, i.NearBranchTarget);
            if (callee >= 0) edges.Add((depth, callee));
        }
    }

    // liblink/asm6.c span6 (go1.4) and cmd/internal/obj/x86/asm6.go span6 (go1.5) round every function's size up to
    // FuncAlign inside the function itself, and pcsp covers that size, but leave the rounding zero (the symbol's bytes
    // are never written); go1.6 fills it with INT3, and since go1.7 the linker pads between functions, outside pcsp.
    // Zero bytes that reach from here to the end of the table, fewer than FuncAlign, are that padding, not code (an
    // odd count decodes as ADD [RAX], AL and a cut-off byte).
    private const int FuncAlign = 16;

    private static bool IsAlignmentPadding(VirtualMemory memory, ulong pc, ulong end)
    {
        if (end - pc >= FuncAlign) return false;
        var bytes = memory.GetFileBacked(pc, (int)(end - pc));
        return bytes.Length == (int)(end - pc) && !bytes.ContainsAnyExcept((byte)0);
    }

    // Where straight-line code ends: RET, UD2, and the traps Go puts after code that does not return — INT3 (0xCC),
    // and go1.4's `INT $3`, which its assembler encodes as the two-byte CD 03 (runtime.sigreturn: "not reached").
    private static bool IsTrap(in Instruction i) =>
        i.Mnemonic is Mnemonic.Ret or Mnemonic.Ud2 or Mnemonic.Int3 ||
        (i.Mnemonic == Mnemonic.Int && i.Immediate8 == 3);

    private static int DepthAt(IReadOnlyList<PcValueRun> runs, ulong pc)
    {
        int lo = 0, hi = runs.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (pc < runs[mid].Start) hi = mid - 1;
            else if (pc >= runs[mid].End) lo = mid + 1;
            else return runs[mid].Value;
        }
        return 0;
    }

    private static int IndexAt(ulong[] entries, IReadOnlyList<FunctionPrologue> scan, ulong pc)
    {
        int i = Array.BinarySearch(entries, pc);
        if (i < 0) i = ~i - 1;
        return i >= 0 && pc < scan[i].Function.End ? i : -1; // outside pclntab (C code, PLT): height 0, no edge
    }
}
