using GoBootCheck.RulePacks;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Prologue;

/// <summary>
/// Real faults in copies of the go1.22 fixtures (register ABI: g in R14; ABI0 assembly loads it from TLS), each
/// attributed to exactly one rule, function, source line and address.
/// </summary>
[TestClass]
public sealed class FaultInjectionRegisterAbiTests
{
    private static PatchedBinary Hello(string variant = "default") => new(Fixtures.Get("go1.22", variant).Path);

    [TestMethod]
    public void SmallFrame_Stackguard0OffsetBecomes0x18_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        b.Patch(f.Entry, [0x49, 0x3b, 0x66, 0x10], [0x49, 0x3b, 0x66, 0x18]); // cmp rsp, [r14+0x10] → [r14+0x18]
        var message = b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.makeCounter", "main.go", 66, f.Entry);
        StringAssert.Contains(message, "cmp rsp, [r14+0x18]");
        StringAssert.Contains(message, "runtime.morestack_noctxt");
    }

    [TestMethod]
    public void SmallFrame_CompareBaseBecomesRax_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        b.Patch(f.Entry, [0x49, 0x3b, 0x66, 0x10], [0x48, 0x3b, 0x60, 0x10]); // cmp rsp, [rax+0x10]
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.makeCounter", "main.go", 66, f.Entry), "[R14+0x10]");
    }

    [TestMethod]
    public void SmallFrame_JumpBackRedirectedPastTheCheck_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        var jmp = b.Find(f, i => i.Mnemonic == Mnemonic.Jmp && i.NearBranchTarget == f.Entry);
        Assert.AreEqual(2, jmp.Length, "short JMP expected");
        sbyte rel = checked((sbyte)((long)(f.Entry + 6) - (long)jmp.NextIP)); // to the instruction after CMP; JBE
        b.Patch(jmp.IP, [0xeb, (byte)(sbyte)((long)f.Entry - (long)jmp.NextIP)], [0xeb, (byte)rel]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.makeCounter", "main.go", 66, jmp.IP), "back to the entry");
    }

    [TestMethod]
    public void SmallFrame_MorestackCallRetargeted_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        var call = b.Find(f, i => i.Mnemonic == Mnemonic.Call && b.Original.FunctionAt(i.NearBranchTarget)?.Name == "runtime.morestack_noctxt");
        var abort = b.Original.FunctionsNamed("runtime.abort")[0];
        b.Patch(call.IP + 1, PatchedBinary.Rel32(call, call.NearBranchTarget), PatchedBinary.Rel32(call, abort.Entry));
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.makeCounter", "main.go", 66, call.IP), "reaches runtime.abort");
    }

    [TestMethod]
    public void SmallFrame_OperandsSwapped_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        b.Patch(f.Entry, [0x49, 0x3b, 0x66, 0x10], [0x49, 0x39, 0x66, 0x10]); // cmp [r14+0x10], rsp
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.makeCounter", "main.go", 66, f.Entry), "swapped");
    }

    [TestMethod]
    public void SmallFrame_CompareRemovedBranchKept_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        b.Patch(f.Entry, [0x49, 0x3b, 0x66, 0x10], [0x90, 0x90, 0x90, 0x90]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.makeCounter", "main.go", 66, f.Entry + 4), "flags are undefined");
    }

    [TestMethod]
    public void SmallFrame_BranchRemoved_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        b.Patch(f.Entry + 4, [0x76], [0x90]);
        b.Nop(f.Entry + 5, 1);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.makeCounter", "main.go", 66, f.Entry + 4), "JBE (unsigned ≤)");
    }

    [TestMethod]
    public void MediumFrame_ComparesSpDirectly_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.mediumFrame", "main.go");
        // LEA r12, [rsp−0x388]; CMP r12, [r14+0x10] → NOPs + CMP rsp, [r14+0x10]: the small form for a 1032-byte frame.
        b.Patch(f.Entry, [0x4c, 0x8d, 0xa4, 0x24, 0x78, 0xfc, 0xff, 0xff, 0x4d, 0x3b, 0x66, 0x10],
            [0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x49, 0x3b, 0x66, 0x10]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.mediumFrame", "main.go", 24, f.Entry + 8), "above StackSmall");
    }

    [TestMethod]
    public void Abi0Assembly_TlsLoadRemoved_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.asmBigFrame", "asm_amd64.s");
        b.Nop(f.Entry, 9); // MOV R14, FS:[-8]: R14 holds g only in ABIInternal code
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.asmBigFrame", "asm_amd64.s", 11, f.Entry + 9 + 8), "ABI0");
    }

    [TestMethod]
    public void SmallFrame_GuardReadInUnknownForm_NotVerifiedWithDiagnostic()
    {
        // MOV RAX, [R14+0x10] in place of CMP; JBE: no known form, so the tool says it cannot verify it (never "no check").
        var b = Hello();
        var f = b.Function("main.makeCounter", "main.go");
        b.Patch(f.Entry, [0x49, 0x3b, 0x66, 0x10, 0x76], [0x49, 0x8b, 0x46, 0x10, 0x90]);
        b.Nop(f.Entry + 5, 1);
        var report = b.Verify();
        Assert.IsFalse(report.Results.Any(r => r.Status == RuleStatus.Fail), string.Join("; ", report.Results.SelectMany(r => r.Findings).Select(x => x.Message)));
        Assert.AreEqual(RuleStatus.NotVerified, report.Results.Single(r => r.Rule.Id == RuleIds.PrologueChecksStackguard0).Status);
        var d = report.Diagnostics.Single(x => x.Id == Diagnostics.DiagnosticIds.UndecodableCode);
        StringAssert.Contains(d.Message, "main.makeCounter (");
        StringAssert.Contains(d.Message, "main.go:66");
        Assert.AreEqual(f.Entry, d.Address);
    }

    [TestMethod]
    public void NosplitFunction_CallsItself_Gbc0005()
    {
        // runtime.asyncPreempt (NOSPLIT assembly, preempt_amd64.s) calls asyncPreempt2; aimed at its own entry it
        // recurses without ever reaching a stack check.
        var b = Hello();
        var f = b.Function("runtime.asyncPreempt", "runtime/preempt_amd64.s");
        var call = b.Find(f, i => i.Mnemonic == Mnemonic.Call && i.Op0Kind == OpKind.NearBranch64);
        b.Patch(call.IP + 1, PatchedBinary.Rel32(call, call.NearBranchTarget), PatchedBinary.Rel32(call, f.Entry));
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.UncheckedFrameWithinLimit, "runtime.asyncPreempt", "preempt_amd64.s", 8, f.Entry), "unbounded");
    }

    [TestMethod]
    public void SpilledArguments_JbeBecomesJa_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.manyArgs", "main.go");
        var jbe = b.Find(f, i => i.IsJccShortOrNear);
        b.Patch(jbe.IP, [0x0f, 0x86], [0x0f, 0x87]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.manyArgs", "main.go", 78, jbe.IP), "found `ja ");
    }

    [TestMethod]
    public void SpilledArguments_JbeBecomesSignedJle_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.manyArgs", "main.go");
        var jbe = b.Find(f, i => i.IsJccShortOrNear);
        b.Patch(jbe.IP, [0x0f, 0x86], [0x0f, 0x8e]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.manyArgs", "main.go", 78, jbe.IP), "found `jle ");
    }

    [TestMethod]
    public void SpilledArguments_ReloadFromAnotherSlot_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.manyArgs", "main.go");
        var call = b.Find(f, i => i.Mnemonic == Mnemonic.Call && b.Original.FunctionAt(i.NearBranchTarget)?.Name == "runtime.morestack_noctxt");
        b.Patch(call.NextIP, [0x48, 0x8b, 0x44, 0x24, 0x28], [0x48, 0x8b, 0x44, 0x24, 0x30]); // mov rax, [rsp+0x28] → [rsp+0x30]
        var jmp = b.Find(f, i => i.Mnemonic == Mnemonic.Jmp && i.NearBranchTarget == f.Entry);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.manyArgs", "main.go", 78, jmp.IP), "same 12 argument registers");
    }

    [TestMethod]
    public void MediumFrame_LeaUnderstatesFrame_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.mediumFrame", "main.go");
        b.Patch(f.Entry, [0x4c, 0x8d, 0xa4, 0x24, 0x78, 0xfc, 0xff, 0xff], [0x4c, 0x8d, 0xa4, 0x24, 0x78, 0xfd, 0xff, 0xff]); // rsp-0x388 → rsp-0x288
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.mediumFrame", "main.go", 24, f.Entry), "the prologue allocates a 1032-byte frame");
    }

    [TestMethod]
    public void MediumFrame_CheckRemoved_Gbc0005()
    {
        var b = Hello();
        var f = b.Function("main.mediumFrame", "main.go");
        b.Nop(f.Entry, 8 + 4 + 2); // LEA r12; CMP r12, [r14+0x10]; JBE rel8
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.UncheckedFrameWithinLimit, "main.mediumFrame", "main.go", 24, f.Entry), "1032-byte frame");
    }

    [TestMethod]
    public void HugeFrame_UnderflowGuardRemoved_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.bigFrame", "main.go");
        var jb = b.Find(f, i => i.IsJccShortOrNear);
        b.Patch(jb.IP, [0x72], [0x90]);
        b.Nop(jb.IP + 1, jb.Length - 1);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.bigFrame", "main.go", 36, jb.IP), "underflow guard");
    }

    [TestMethod]
    public void HugeFrame_SubtractsTooLittle_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.bigFrame", "main.go");
        var sub = b.Find(f, i => i.Mnemonic == Mnemonic.Sub);
        b.Patch(sub.IP, [0x49, 0x81, 0xec, 0xb0, 0x26], [0x49, 0x81, 0xec, 0xb0, 0x06]); // frame−128 0x26b0 → 0x6b0
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.bigFrame", "main.go", 36, sub.IP), "frame−128");
    }

    [TestMethod]
    public void SystemstackFunction_Stackguard1Becomes0x10WithMorestackc_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("runtime.gcResetMarkState", "runtime/mgc.go");
        b.Patch(f.Entry, [0x49, 0x3b, 0x66, 0x18], [0x49, 0x3b, 0x66, 0x10]);
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "runtime.gcResetMarkState", "runtime/mgc.go", 1630, f.Entry), "morestackc");
    }

    [TestMethod]
    public void Abi0Assembly_TlsSlotChanged_Gbc0004()
    {
        var b = Hello();
        var f = b.Function("main.asmBigFrame", "asm_amd64.s");
        b.Patch(f.Entry, [0x64, 0x4c, 0x8b, 0x34, 0x25, 0xf8], [0x64, 0x4c, 0x8b, 0x34, 0x25, 0xf0]); // fs:[-8] → fs:[-16]
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.asmBigFrame", "asm_amd64.s", 11, f.Entry), "loads g from FS:[-16]; expected FS:[-8]");
    }

    [TestMethod]
    public void PieAbi0Assembly_ImmediateTlsOffsetChanged_Gbc0004()
    {
        var b = Hello("pie");
        var f = b.Function("main.asmBigFrame", "asm_amd64.s");
        b.Patch(f.Entry, [0x49, 0xc7, 0xc6, 0xf8], [0x49, 0xc7, 0xc6, 0xf0]); // mov r14, -8 → -16
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "main.asmBigFrame", "asm_amd64.s", 11, f.Entry), "loads g from FS:[-16]");
    }

    [TestMethod]
    public void CSharedAbi0Assembly_GotEntryChanged_Gbc0004()
    {
        // debugCall128<> (runtime/asm_amd64.s:2009, DEBUG_CALL_FN) checks its 136-byte frame after loading g through the GOT.
        var b = new PatchedBinary(Fixtures.Get("go1.22", "c-shared").Path);
        var f = b.Function("debugCall128", "runtime/asm_amd64.s");
        var load = b.Decode(f)[0];
        Assert.IsTrue(load.IsIPRelativeMemoryOperand && load.Op0Register == Register.R14, "mov r14, [rip+GOT] expected");
        b.Patch(load.IP + 3, PatchedBinary.Rel32(load, load.IPRelativeMemoryAddress), PatchedBinary.Rel32(load, load.IPRelativeMemoryAddress + 8));
        StringAssert.Contains(b.AssertOnlyFinding(RuleIds.PrologueChecksStackguard0, "debugCall128", "asm_amd64.s", 2009, f.Entry), "GOT entry");
    }
}
