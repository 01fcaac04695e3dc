using GoBootCheck.Go;
using GoBootCheck.Prologue;
using Iced.Intel;
using static GoBootCheck.Tests.Prologue.PrologueFormTests;
using static Iced.Intel.AssemblerRegisters;

namespace GoBootCheck.Tests.Prologue;

/// <summary>
/// The nosplit height computation (cmd/link/internal/ld/stackcheck.go re-done from the binary) on assembled code:
/// each function's pcsp is flat at its frame, so a call made inside it happens at that depth.
/// </summary>
[TestClass]
public sealed class NosplitChainTests
{
    private static (int[] Height, int[] Via, List<int> Incomplete, List<int> Recursive, AssembledCode.Image Image) Heights(
        AssembledCode code, IReadOnlyDictionary<string, int> frames)
    {
        var image = code.Build();
        var scan = image.Functions.Select(f => image.Match(f.Name, frames.GetValueOrDefault(f.Name))).ToList();
        var (h, v, inc, rec) = NosplitChains.Compute(image.Memory, scan,
            f => [new PcValueRun(f.Entry, f.End, frames.GetValueOrDefault(f.Name))], CancellationToken.None);
        return (h, v, inc, rec, image);
    }

    private static int Index(AssembledCode.Image image, string name) => image.Functions.ToList().FindIndex(f => f.Name == name);

    [TestMethod]
    public void Compute_NosplitCallsNosplit_HeightIsDepthPlusReturnAddressPlusCallee()
    {
        var code = new AssembledCode();
        var g = code.Function("main.g", (a, _) => { a.sub(rsp, 400); a.add(rsp, 400); a.ret(); });
        code.Function("main.f", (a, _) => { a.sub(rsp, 500); a.call(g); a.add(rsp, 500); a.ret(); });
        var (h, via, inc, rec, image) = Heights(code, new Dictionary<string, int> { ["main.f"] = 500, ["main.g"] = 400 });
        Assert.AreEqual(500 + 8 + 400, h[Index(image, "main.f")]);
        Assert.AreEqual(Index(image, "main.g"), via[Index(image, "main.f")]);
        Assert.AreEqual(400, h[Index(image, "main.g")]);
        Assert.AreEqual(0, inc.Count + rec.Count);
    }

    [TestMethod]
    public void Compute_CallsToCheckedIndirectAndTailJump_CountAsLinkerDoes()
    {
        var code = new AssembledCode();
        var checkedFn = code.Function("main.checked", (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 600);
            RegabiTail(a, tail, entry, code.MorestackNoctxt);
        });
        var leaf = code.Function("main.leaf", (a, _) => a.ret());
        code.Function("main.viaChecked", (a, _) => { a.call(checkedFn); a.ret(); });
        code.Function("main.viaIndirect", (a, _) => { a.call(rax); a.ret(); });
        code.Function("main.viaTailJump", (a, _) => a.jmp(leaf));
        var frames = new Dictionary<string, int> { ["main.checked"] = 600, ["main.leaf"] = 100, ["main.viaChecked"] = 50, ["main.viaIndirect"] = 50, ["main.viaTailJump"] = 50 };
        var (h, _, _, _, image) = Heights(code, frames);
        Assert.AreEqual(8, h[Index(image, "main.checked")], "a checked function needs only its call to morestack");
        Assert.AreEqual(50 + 8 + 8, h[Index(image, "main.viaChecked")]);
        Assert.AreEqual(50 + 8 + 8, h[Index(image, "main.viaIndirect")], "an indirect callee is assumed to have a check");
        Assert.AreEqual(50 + 8 + 100, h[Index(image, "main.viaTailJump")], "a tail jump counts like a call (R_CALL)");
    }

    [TestMethod]
    public void Compute_BytesJumpedOver_AreNotReadAsCalls()
    {
        // crypto/internal/boring/sig: JMP over a signature; here the skipped bytes would decode as a CALL to main.big.
        var code = new AssembledCode();
        var big = code.Function("main.big", (a, _) => a.ret());
        code.Function("main.sig", (a, _) =>
        {
            var after = a.CreateLabel();
            a.jmp(after);
            a.call(big);
            a.Label(ref after);
            a.ret();
        });
        var (h, _, inc, _, image) = Heights(code, new Dictionary<string, int> { ["main.big"] = 700 });
        Assert.AreEqual(0, h[Index(image, "main.sig")]);
        Assert.AreEqual(0, inc.Count);
    }

    /// <summary>
    /// go1.4 rounds a function's size up to FuncAlign (16) inside the function and leaves the rounding zero; pcsp covers
    /// it. Zero bytes from there to the end of the table are padding (runtime.gogo ends in JMP BX, then three zeros);
    /// a byte that is not zero there is still undecodable code.
    /// </summary>
    [TestMethod]
    public void Compute_Go14ZeroPaddingAfterIndirectJump_CompleteButNonZeroTailIsNot()
    {
        var code = new AssembledCode();
        code.Function("runtime.gogo", (a, _) => { a.mov(rbx, __qword_ptr[rsp + 8]); a.jmp(rbx); a.db(0, 0, 0); code.Mark("gogo.end"); });
        code.Function("main.broken", (a, _) => { a.mov(rbx, __qword_ptr[rsp + 8]); a.jmp(rbx); a.db(0, 0, 0x0f); code.Mark("broken.end"); });
        var image = code.Build();
        var scan = image.Functions.Select(f => image.Match(f.Name, 0)).ToList();
        var ends = new Dictionary<string, ulong> { ["runtime.gogo"] = image.At("gogo.end"), ["main.broken"] = image.At("broken.end") };
        var (_, _, incomplete, _) = NosplitChains.Compute(image.Memory, scan,
            f => [new PcValueRun(f.Entry, ends.GetValueOrDefault(f.Name, f.End), 0)], CancellationToken.None);
        CollectionAssert.AreEqual(new[] { Index(image, "main.broken") }, incomplete);
    }

    /// <summary>go1.4's assembler encodes INT $3 as CD 03 (runtime.sigreturn: SYSCALL; INT $3 "not reached"): code ends there.</summary>
    [TestMethod]
    public void Compute_Go14TwoByteInt3_EndsStraightLineCode()
    {
        var code = new AssembledCode();
        code.Function("runtime.sigreturn", (a, _) => { a.mov(eax, 15); a.syscall(); a.@int(3); a.db(0x0f); });
        var (_, _, incomplete, _, _) = Heights(code, new Dictionary<string, int>());
        Assert.AreEqual(0, incomplete.Count);
    }
}

/// <summary>Heights on a real binary against the linker's own numbers (`-ldflags=-debugnosplit`, go1.22; reference §5.2).</summary>
[TestClass]
public sealed class NosplitChainFixtureTests
{
    [TestMethod]
    [DataRow("runtime.cgoSigtramp", 616)]
    [DataRow("runtime.sigtramp", 608)]
    [DataRow("runtime.sigtrampgo", 528)]
    [DataRow("runtime.asyncPreempt", 480)]
    [DataRow("reflect.methodValueCall", 480)]
    public void Compute_Go122Fixture_MatchesLinkerDebugNosplit(string function, int height)
    {
        var binary = TestSupport.Load.Go(TestSupport.Fixtures.Get("go1.22", "default").Path);
        var scan = (PrologueScan)new PrologueScanAnalysis().Compute(binary, new Analysis.AnalysisOptions(1_000_000, TimeSpan.FromSeconds(60)), new Diagnostics.DiagnosticBag(), CancellationToken.None)!;
        int i = scan.Functions.ToList().FindIndex(p => p.Function.Name == function);
        Assert.AreEqual(PrologueKind.NoCheck, scan.Functions[i].Kind);
        Assert.AreEqual(height, scan.NosplitHeights![i]);
    }
}
