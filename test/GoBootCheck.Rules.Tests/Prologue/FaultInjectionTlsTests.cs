using GoBootCheck.RulePacks;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Prologue;

/// <summary>
/// Real faults in a copy of a pre-register-ABI release binary (esbuild 0.0.2, go1.12.9, not stripped): every check
/// loads g from FS:[-8] into RCX; huge frames use the StackPreempt form. Lines confirmed with `go tool objdump`.
/// </summary>
[TestClass]
public sealed class FaultInjectionTlsTests
{
    private const string Esbuild = "esbuild-linux-64-0.0.2/esbuild";
    private const string Main = "esbuild/main/main.go";

    private static PatchedBinary Binary() => new(Fixtures.ReleaseAt(Esbuild).Path);

    [TestMethod]
    public void SmallFrame_Stackguard0OffsetBecomes0x18_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.toSize", Main);
        var cmp = b.Find(f, i => i.Mnemonic == Mnemonic.Cmp);
        b.Patch(cmp.IP, [0x48, 0x3b, 0x61, 0x10], [0x48, 0x3b, 0x61, 0x18]); // cmp rsp, [rcx+0x10] → [rcx+0x18]
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.toSize", "main.go", 346, cmp.IP), "cmp rsp, [rcx+0x18]");
    }

    [TestMethod]
    public void SmallFrame_JbeBecomesJa_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.toSize", Main);
        var jbe = b.Find(f, i => i.IsJccShortOrNear);
        b.Patch(jbe.IP, [0x0f, 0x86], [0x0f, 0x87]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.toSize", "main.go", 346, jbe.IP), "found `ja ");
    }

    [TestMethod]
    public void SmallFrame_JumpBackRedirected_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.toSize", Main);
        var jmp = b.Find(f, i => i.Mnemonic == Mnemonic.Jmp && i.NearBranchTarget == f.Entry);
        ulong skipTlsLoad = f.Entry + 9; // past MOV RCX, FS:[-8]: the re-run check would use a stale g
        if (jmp.Length == 2)
            b.Patch(jmp.IP + 1, [(byte)(sbyte)((long)f.Entry - (long)jmp.NextIP)], [(byte)(sbyte)((long)skipTlsLoad - (long)jmp.NextIP)]);
        else
            b.Patch(jmp.IP + 1, PatchedBinary.Rel32(jmp, f.Entry), PatchedBinary.Rel32(jmp, skipTlsLoad));
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.toSize", "main.go", 346, jmp.IP), "back to the entry");
    }

    [TestMethod]
    public void SmallFrame_MorestackCallRetargeted_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.toSize", Main);
        var call = b.Find(f, i => i.Mnemonic == Mnemonic.Call && b.Original.FunctionAt(i.NearBranchTarget)?.Name == "runtime.morestack_noctxt");
        var target = b.Original.FunctionsNamed("runtime.morestack")[0]; // the closure variant's middle: not a morestack entry
        b.Patch(call.IP + 1, PatchedBinary.Rel32(call, call.NearBranchTarget), PatchedBinary.Rel32(call, target.Entry + 4));
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.toSize", "main.go", 346, call.IP), "the middle of runtime.morestack");
    }

    [TestMethod]
    public void SmallFrame_TlsSlotChanged_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.toSize", Main);
        b.Patch(f.Entry, [0x64, 0x48, 0x8b, 0x0c, 0x25, 0xf8], [0x64, 0x48, 0x8b, 0x0c, 0x25, 0xf0]); // fs:[-8] → fs:[-16]
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.toSize", "main.go", 346, f.Entry), "loads g from FS:[-16]; expected FS:[-8]");
    }

    [TestMethod]
    public void MediumFrame_CheckRemoved_Gbc0005()
    {
        var b = Binary();
        var f = b.Function("main.main.func1", Main);
        b.Nop(f.Entry, 9 + 8 + 4 + 6); // MOV RCX, FS:[-8]; LEA RAX, [RSP-0x2b8]; CMP RAX, [RCX+0x10]; JBE rel32
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.UncheckedFrameWithinLimit, "main.main.func1", "main.go", 262, f.Entry), "824-byte frame");
    }

    [TestMethod]
    public void HugeFrame_StackPreemptTestRemoved_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("runtime.getproccount", "runtime/os_linux.go");
        var je = b.Find(f, i => i.IsJccShortOrNear);
        Assert.AreEqual(ConditionCode.e, je.ConditionCode);
        b.Nop(je.IP, je.Length);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "runtime.getproccount", "os_linux.go", 84, je.IP), "StackPreempt");
    }

    [TestMethod]
    public void SmallFrame_CompareBaseBecomesRax_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.toSize", Main);
        var cmp = b.Find(f, i => i.Mnemonic == Mnemonic.Cmp);
        b.Patch(cmp.IP, [0x48, 0x3b, 0x61, 0x10], [0x48, 0x3b, 0x60, 0x10]); // cmp rsp, [rax+0x10]: RCX holds g
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.toSize", "main.go", 346, cmp.IP), "[RCX+0x10]");
    }

    [TestMethod]
    public void SystemstackFunction_Stackguard1Becomes0x10WithMorestackc_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("runtime.gcDrainN", "runtime/mgcmark.go");
        var cmp = b.Find(f, i => i.Mnemonic == Mnemonic.Cmp);
        b.Patch(cmp.IP, [0x48, 0x3b, 0x61, 0x18], [0x48, 0x3b, 0x61, 0x10]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "runtime.gcDrainN", "mgcmark.go", 979, cmp.IP), "morestackc");
    }

    [TestMethod]
    public void MediumFrame_LeaUnderstatesFrame_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.main", Main);
        var lea = b.Find(f, i => i.Mnemonic == Mnemonic.Lea);
        b.Patch(lea.IP, [0x48, 0x8d, 0x84, 0x24, 0x90, 0xfe], [0x48, 0x8d, 0x84, 0x24, 0x90, 0xff]); // rsp−0x170 → rsp−0x70
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.main", "main.go", 252, lea.IP), "the prologue allocates a 496-byte frame");
    }

    [TestMethod]
    public void SmallFrame_R14WithoutRegisterAbi_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("main.toSize", Main);
        b.Nop(f.Entry, 9); // MOV RCX, FS:[-8]
        b.Patch(f.Entry + 9, [0x48, 0x3b, 0x61, 0x10], [0x49, 0x3b, 0x66, 0x10]); // cmp rsp, [r14+0x10]: go1.12 has no register ABI
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.toSize", "main.go", 346, f.Entry + 9), "before go1.17");
    }

    [TestMethod]
    public void HugeFrame_StackPreemptConstantChanged_Gbc0004()
    {
        var b = Binary();
        var f = b.Function("runtime.getproccount", "runtime/os_linux.go");
        var cmp = b.Find(f, i => i.Mnemonic == Mnemonic.Cmp);
        b.Patch(cmp.IP, [0x48, 0x81, 0xfe, 0xde, 0xfa, 0xff, 0xff], [0x48, 0x81, 0xfe, 0xde, 0xfb, 0xff, 0xff]); // −1314 → −1058
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "runtime.getproccount", "os_linux.go", 84, cmp.IP), "StackPreempt");
    }
}
