using GoBootCheck.Go;
using GoBootCheck.Prologue;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace GoBootCheck.Tests.Prologue;

/// <summary>Each prologue form Go emits (obj6.go stacksplit, go1.4–go1.25), assembled with Iced and matched.</summary>
[TestClass]
public sealed class PrologueFormTests
{
    internal const string F = "main.f";

    /// <summary>The function body after a check: frame setup (go1.21+ shape), return.</summary>
    internal static void Body(Assembler a, int frame)
    {
        a.push(rbp);
        a.mov(rbp, rsp);
        a.sub(rsp, frame - 8);
        a.add(rsp, frame - 8);
        a.pop(rbp);
        a.ret();
    }

    /// <summary>The go1.17+ slow path: spill AX, call, reload AX, jump back to the entry.</summary>
    internal static void RegabiTail(Assembler a, Label tail, Label entry, Label morestack)
    {
        a.Label(ref tail);
        a.mov(__qword_ptr[rsp + 8], rax);
        a.call(morestack);
        a.mov(rax, __qword_ptr[rsp + 8]);
        a.jmp(entry);
    }

    /// <summary>The go1.5–1.16 slow path: NOP padding, call, jump back.</summary>
    internal static void PlainTail(Assembler a, Label tail, Label entry, Label morestack)
    {
        a.Label(ref tail);
        a.nop();
        a.call(morestack);
        a.jmp(entry);
    }

    [TestMethod]
    public void Match_SmallFrameRegisterAbi_VerifiedWithSpilledArgument()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 24);
            RegabiTail(a, tail, entry, code.MorestackNoctxt);
        });
        var p = code.Build().Match(F, 24);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(PrologueKind.Small, p.Kind);
        Assert.AreEqual(GLoadForm.Register, p.GLoad);
        Assert.AreEqual(0x10, p.GuardOffset);
        Assert.AreEqual(MorestackVariant.MorestackNoctxt, p.Morestack);
        Assert.AreEqual(1, p.SpilledRegisters);
        Assert.IsNull(p.Slot);
    }

    [TestMethod]
    public void Match_MediumFrameRegisterAbi_LeaAmountIsFrameMinusStackSmall()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.lea(r12, __[rsp - (1024 - 128)]);
            a.cmp(r12, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 1024);
            RegabiTail(a, tail, entry, code.MorestackNoctxt);
        });
        var p = code.Build().Match(F, 1024);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(PrologueKind.Medium, p.Kind);
        Assert.AreEqual(MorestackVariant.MorestackNoctxt, p.Morestack);
    }

    [TestMethod]
    public void Match_HugeFrameRegisterAbi_UnderflowGuardAndCompareReachSameBlock()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.mov(r12, rsp);
            a.sub(r12, 0x2728 - 128);
            a.jb(tail);
            a.cmp(r12, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 0x2728);
            RegabiTail(a, tail, entry, code.MorestackNoctxt);
        });
        var p = code.Build().Match(F, 0x2728);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(PrologueKind.Huge, p.Kind);
    }

    [TestMethod]
    public void Match_Abi0LocalExecTls_RecordsSlotMinus8()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.mov(r14, __qword_ptr.fs[-8]);
            a.lea(r12, __[rsp - (264 - 128)]);
            a.cmp(r12, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 264);
            PlainTail(a, tail, entry, code.MorestackNoctxt);
        }, FuncFlags.Asm);
        var p = code.Build().Match(F, 264);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(PrologueKind.Medium, p.Kind);
        Assert.AreEqual(GLoadForm.LocalExec, p.GLoad);
        Assert.AreEqual(new GSlot(false, -8), p.Slot);
    }

    [TestMethod]
    public void Match_PieImmediateTls_RecordsSlotMinus8()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.mov(r14, -8);
            a.mov(r14, __qword_ptr.fs[r14]);
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 16);
            PlainTail(a, tail, entry, code.MorestackNoctxt);
        });
        var p = code.Build().Match(F, 16);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(GLoadForm.Immediate, p.GLoad);
        Assert.AreEqual(new GSlot(false, -8), p.Slot);
    }

    [TestMethod]
    public void Match_CSharedGotTls_RecordsGotEntry()
    {
        var code = new AssembledCode();
        var got = code.Declare("got");
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.mov(r14, __qword_ptr[got]);
            a.mov(r14, __qword_ptr.fs[r14]);
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 16);
            PlainTail(a, tail, entry, code.MorestackNoctxt);
        });
        code.Function("go:got", (a, _) =>
        {
            a.int3();
            code.Bind("got");
            a.dq(0UL);
        }, isGo: false);
        var image = code.Build();
        var p = image.Match(F, 16);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(GLoadForm.GotIndirect, p.GLoad);
        Assert.AreEqual(new GSlot(true, (long)image.At("got")), p.Slot);
    }

    [TestMethod]
    public void Match_Go116SmallFrame_GInRcxFromTls()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.mov(rcx, __qword_ptr.fs[-8]);
            a.cmp(rsp, __qword_ptr[rcx + 0x10]);
            a.jbe(tail);
            Body(a, 32);
            PlainTail(a, tail, entry, code.MorestackNoctxt);
        });
        var p = code.Build().Match(F, 32, registerAbi: false);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(PrologueKind.Small, p.Kind);
        Assert.AreEqual(GLoadForm.LocalExec, p.GLoad);
    }

    [TestMethod]
    public void Match_Go116HugeFrame_StackPreemptForm()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.mov(rcx, __qword_ptr.fs[-8]);
            a.mov(rsi, __qword_ptr[rcx + 0x10]);
            a.cmp(rsi, -1314);
            a.je(tail);
            a.lea(rax, __[rsp + 928]);
            a.sub(rax, rsi);
            a.cmp(rax, 0x2728 + 928 - 128);
            a.jbe(tail);
            Body(a, 0x2728);
            PlainTail(a, tail, entry, code.MorestackNoctxt);
        });
        var p = code.Build().Match(F, 0x2728, registerAbi: false);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(PrologueKind.HugeStackPreempt, p.Kind);
    }

    [TestMethod]
    public void Match_Go14InlineLayout_JaOverInlineCall()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var body = a.CreateLabel();
            a.mov(rcx, __qword_ptr.fs[-16]);
            a.cmp(rsp, __qword_ptr[rcx + 0x10]);
            a.ja(body);
            a.call(code.MorestackNoctxt);
            a.jmp(entry);
            a.Label(ref body);
            Body(a, 32);
        });
        var p = code.Build().Match(F, 32, registerAbi: false);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.IsTrue(p.InlineMorestack);
        Assert.AreEqual(new GSlot(false, -16), p.Slot);
    }

    /// <summary>
    /// go1.4 strconv.formatFloat: the prologue allocates 248 bytes and checks for them; pcsp reaches 264 because 6g
    /// pushes the function and its argument size around runtime.deferproc. The check covers the allocation, not the push.
    /// </summary>
    [TestMethod]
    public void Match_Go14DeferPushesBeyondFrame_CheckedAgainstAllocation()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var body = a.CreateLabel();
            a.mov(rcx, __qword_ptr.fs[-16]);
            a.lea(rax, __[rsp - (248 - 128)]);
            a.cmp(rax, __qword_ptr[rcx + 0x10]);
            a.ja(body);
            a.call(code.MorestackNoctxt);
            a.jmp(entry);
            a.Label(ref body);
            a.sub(rsp, 248);
            a.push(rcx);
            a.push(16);
            a.call(code.Abort); // runtime.deferproc
            a.pop(rcx);
            a.pop(rcx);
            a.add(rsp, 248);
            a.ret();
        });
        var p = code.Build().Match(F, 264, registerAbi: false);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(PrologueKind.Medium, p.Kind);
        Assert.AreEqual(248, p.AllocatedFrame);
        Assert.AreEqual(264, p.Frame);
    }

    /// <summary>The same check in front of an allocation of 264 bytes covers 16 bytes too few: a fault at the LEA.</summary>
    [TestMethod]
    public void Match_CheckSmallerThanAllocation_FaultAtLea()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var body = a.CreateLabel();
            a.mov(rcx, __qword_ptr.fs[-16]);
            code.Mark("lea");
            a.lea(rax, __[rsp - (248 - 128)]);
            a.cmp(rax, __qword_ptr[rcx + 0x10]);
            a.ja(body);
            a.call(code.MorestackNoctxt);
            a.jmp(entry);
            a.Label(ref body);
            a.sub(rsp, 264);
            a.add(rsp, 264);
            a.ret();
        });
        var image = code.Build();
        var p = image.Match(F, 264, registerAbi: false);
        Assert.AreEqual(image.At("lea"), p.Fault?.Address);
        StringAssert.Contains(p.Fault!.Expected, "the prologue allocates a 264-byte frame");
    }

    [TestMethod]
    public void Match_SystemstackFunction_Stackguard1WithMorestackc()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.cmp(rsp, __qword_ptr[r14 + 0x18]);
            a.jbe(tail);
            Body(a, 40);
            RegabiTail(a, tail, entry, code.Morestackc);
        });
        var p = code.Build().Match(F, 40);
        Assert.IsNull(p.Fault, p.Fault?.ToString());
        Assert.AreEqual(0x18, p.GuardOffset);
        Assert.AreEqual(MorestackVariant.Morestackc, p.Morestack);
    }

    [TestMethod]
    public void Match_Closure_CallsMorestackWithContext()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var tail = a.CreateLabel();
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            a.jbe(tail);
            Body(a, 24);
            PlainTail(a, tail, entry, code.Morestack);
        });
        Assert.AreEqual(MorestackVariant.Morestack, code.Build().Match(F, 24).Morestack);
    }

    [TestMethod]
    public void Match_NosplitFunction_NoCheck()
    {
        var code = new AssembledCode();
        code.Function(F, (a, _) => Body(a, 384));
        var p = code.Build().Match(F, 384);
        Assert.AreEqual(PrologueKind.NoCheck, p.Kind);
        Assert.IsNull(p.Fault);
    }

    [TestMethod]
    public void Match_FunctionWithoutPcTables_NotGoCode()
    {
        var code = new AssembledCode();
        code.Function(F, (a, _) => a.cmp(rsp, __qword_ptr[rax + 0x10]), isGo: false);
        Assert.AreEqual(PrologueKind.NotGoCode, code.Build().Match(F, 0).Kind);
    }

    [TestMethod]
    public void Match_NopsLoadAndCompareWithoutStackguard_NoCheck()
    {
        // runtime.stackcheck (asm_amd64.s) compares g.stack.hi with swapped operands on purpose: not a prologue check.
        var code = new AssembledCode();
        code.Function(F, (a, _) =>
        {
            a.mov(rax, __qword_ptr.fs[-8]);
            a.cmp(__qword_ptr[rax + 8], rsp);
            a.ret();
        });
        Assert.AreEqual(PrologueKind.NoCheck, code.Build().Match(F, 0).Kind);
    }
}
