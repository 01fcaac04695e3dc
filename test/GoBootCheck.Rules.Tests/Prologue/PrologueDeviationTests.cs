using GoBootCheck.Go;
using GoBootCheck.Prologue;
using Iced.Intel;
using static GoBootCheck.Tests.Prologue.PrologueFormTests;
using static Iced.Intel.AssemblerRegisters;

namespace GoBootCheck.Tests.Prologue;

/// <summary>
/// Every clause of a check, broken one at a time in assembled code: the matcher reports the first deviating
/// instruction (by address) and what was expected there.
/// </summary>
[TestClass]
public sealed class PrologueDeviationTests
{
    [TestMethod]
    public void Match_Stackguard1WithMorestackNoctxt_FaultAtCompare()
    {
        AssembledCode? c = null;
        var fault = SmallWithCode(out c, a => { c!.Mark("fault"); a.cmp(rsp, __qword_ptr[r14 + 0x18]); });
        StringAssert.Contains(fault.Expected, "[g+0x10] (g.stackguard0)");
        StringAssert.Contains(fault.Found, "r14+0x18");
    }

    [TestMethod]
    public void Match_Stackguard0WithMorestackc_FaultAtCompare()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var t = a.CreateLabel();
            code.Mark("fault");
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            a.jbe(t);
            Body(a, 24);
            RegabiTail(a, t, entry, code.Morestackc);
        });
        var image = code.Build();
        var fault = image.Match(F, 24).Fault;
        Assert.AreEqual(image.At("fault"), fault?.Address);
        StringAssert.Contains(fault!.Expected, "morestackc");
    }

    [TestMethod]
    public void Match_JaToTailInsteadOfJbe_FaultAtBranch() =>
        StringAssert.Contains(SmallBranch((a, t) => a.ja(t)).Expected, "JBE (jump if unsigned ≤)");

    [TestMethod]
    public void Match_SignedJle_FaultAtBranch() =>
        StringAssert.Contains(SmallBranch((a, t) => a.jle(t)).Found, "jle");

    [TestMethod]
    public void Match_NoBranchAfterCompare_FaultAtNextInstruction() =>
        StringAssert.Contains(SmallBranch((a, _) => a.nop()).Expected, "JBE");

    [TestMethod]
    public void Match_JumpBackPastTheCheck_FaultAtJump()
    {
        var fault = SmallTail((c, a, t, entry) =>
        {
            a.Label(ref t);
            a.call(c.MorestackNoctxt);
            c.Mark("fault");
            a.jmp(c["body"]);
        }, out _, bindBody: true);
        StringAssert.Contains(fault.Expected, "back to the entry");
    }

    [TestMethod]
    public void Match_SlowPathCallsAnotherFunction_FaultAtCall()
    {
        var fault = SmallTail((c, a, t, entry) =>
        {
            a.Label(ref t);
            a.nop();
            c.Mark("fault");
            a.call(c.Abort);
            a.jmp(entry);
        }, out _);
        StringAssert.Contains(fault.Expected, "reaches runtime.abort");
    }

    [TestMethod]
    public void Match_ReloadDiffersFromSpill_FaultAtJump()
    {
        var fault = SmallTail((c, a, t, entry) =>
        {
            a.Label(ref t);
            a.mov(__qword_ptr[rsp + 8], rax);
            a.call(c.MorestackNoctxt);
            a.mov(rbx, __qword_ptr[rsp + 8]);
            c.Mark("fault");
            a.jmp(entry);
        }, out _);
        StringAssert.Contains(fault.Expected, "same 1 argument registers");
    }

    [TestMethod]
    public void Match_SmallFormWithLargeFrame_FaultAtCompare()
    {
        AssembledCode? c = null;
        var fault = SmallWithCode(out c, a => { c!.Mark("fault"); a.cmp(rsp, __qword_ptr[r14 + 0x10]); }, frame: 256);
        StringAssert.Contains(fault.Expected, "above StackSmall");
    }

    [TestMethod]
    public void Match_R14WithoutRegisterAbi_FaultAtCompare()
    {
        AssembledCode? c = null;
        var fault = SmallWithCode(out c, a => { c!.Mark("fault"); a.cmp(rsp, __qword_ptr[r14 + 0x10]); }, registerAbi: false);
        StringAssert.Contains(fault.Expected, "before go1.17");
    }

    [TestMethod]
    public void Match_AssemblyFunctionUsingR14WithoutLoad_FaultAtCompare()
    {
        AssembledCode? c = null;
        var fault = SmallWithCode(out c, a => { c!.Mark("fault"); a.cmp(rsp, __qword_ptr[r14 + 0x10]); }, flags: FuncFlags.Asm);
        StringAssert.Contains(fault.Expected, "ABI0");
    }

    [TestMethod]
    public void Match_CompareWithOtherBaseRegister_FaultAtCompare()
    {
        AssembledCode? c = null;
        var fault = SmallWithCode(out c, a => { a.mov(rcx, __qword_ptr.fs[-8]); c!.Mark("fault"); a.cmp(rsp, __qword_ptr[rax + 0x10]); });
        StringAssert.Contains(fault.Expected, "[RCX+0x10]");
    }

    [TestMethod]
    public void Match_SwappedOperands_FaultAtCompare()
    {
        AssembledCode? c = null;
        var fault = SmallWithCode(out c, a => { c!.Mark("fault"); a.cmp(__qword_ptr[r14 + 0x10], rsp); });
        StringAssert.Contains(fault.Expected, "swapped");
    }

    [TestMethod]
    public void Match_BranchWithoutCompare_FaultAtBranch()
    {
        AssembledCode? c = null;
        var fault = SmallWithCode(out c, a => c!.Mark("fault")); // the JBE is the first instruction
        StringAssert.Contains(fault.Expected, "flags are undefined");
    }

    [TestMethod]
    public void Match_MediumLeaUnderstatesFrame_FaultAtLea()
    {
        var fault = Medium(a => a.lea(r12, __[rsp - 0x300]), 1024);
        StringAssert.Contains(fault.Expected, "the frame is 1024 bytes");
    }

    [TestMethod]
    public void Match_HugeWithoutUnderflowGuard_FaultAtCompare()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var t = a.CreateLabel();
            a.mov(r12, rsp);
            a.sub(r12, 0x2728 - 128);
            code.Mark("fault");
            a.cmp(r12, __qword_ptr[r14 + 0x10]);
            a.jbe(t);
            Body(a, 0x2728);
            RegabiTail(a, t, entry, code.MorestackNoctxt);
        });
        var image = code.Build();
        var fault = image.Match(F, 0x2728).Fault;
        Assert.AreEqual(image.At("fault"), fault?.Address);
        StringAssert.Contains(fault!.Expected, "underflow guard");
    }

    [TestMethod]
    public void Match_StackPreemptConstantChanged_FaultAtCompare()
    {
        var code = new AssembledCode();
        code.Function(F, (a, entry) =>
        {
            var t = a.CreateLabel();
            a.mov(rcx, __qword_ptr.fs[-8]);
            a.mov(rsi, __qword_ptr[rcx + 0x10]);
            code.Mark("fault");
            a.cmp(rsi, -1000);
            a.je(t);
            a.lea(rax, __[rsp + 928]);
            a.sub(rax, rsi);
            a.cmp(rax, 0x2728 + 928 - 128);
            a.jbe(t);
            Body(a, 0x2728);
            PlainTail(a, t, entry, code.MorestackNoctxt);
        });
        var image = code.Build();
        var fault = image.Match(F, 0x2728, registerAbi: false).Fault;
        Assert.AreEqual(image.At("fault"), fault?.Address);
        StringAssert.Contains(fault!.Expected, "StackPreempt");
    }

    private static PrologueFault SmallWithCode(out AssembledCode? code, Action<Assembler> compare, int frame = 24,
        bool? registerAbi = true, FuncFlags flags = FuncFlags.None)
    {
        var c = new AssembledCode();
        code = c;
        c.Function(F, (a, entry) =>
        {
            var t = a.CreateLabel();
            compare(a);
            a.jbe(t);
            Body(a, frame);
            RegabiTail(a, t, entry, c.MorestackNoctxt);
        }, flags);
        // compare() marks "fault" through the caller's variable, which the out parameter set before Function ran it.
        var image = c.Build();
        var p = image.Match(F, frame, registerAbi);
        Assert.IsNotNull(p.Fault, "expected a fault");
        Assert.AreEqual(image.At("fault"), p.Fault.Address, p.Fault.ToString());
        return p.Fault;
    }

    private static PrologueFault SmallBranch(Action<Assembler, Label> branch)
    {
        var c = new AssembledCode();
        c.Function(F, (a, entry) =>
        {
            var t = a.CreateLabel();
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            c.Mark("fault");
            branch(a, t);
            Body(a, 24);
            RegabiTail(a, t, entry, c.MorestackNoctxt);
        });
        var image = c.Build();
        var p = image.Match(F, 24);
        Assert.IsNotNull(p.Fault, "expected a fault");
        Assert.AreEqual(image.At("fault"), p.Fault.Address, p.Fault.ToString());
        return p.Fault;
    }

    private static PrologueFault SmallTail(Action<AssembledCode, Assembler, Label, Label> tail, out AssembledCode code, bool bindBody = false)
    {
        var c = new AssembledCode();
        code = c;
        c.Function(F, (a, entry) =>
        {
            var t = a.CreateLabel();
            a.cmp(rsp, __qword_ptr[r14 + 0x10]);
            a.jbe(t);
            if (bindBody) c.Mark("body");
            Body(a, 24);
            tail(c, a, t, entry);
        });
        var image = c.Build();
        var p = image.Match(F, 24);
        Assert.IsNotNull(p.Fault, "expected a fault");
        Assert.AreEqual(image.At("fault"), p.Fault.Address, p.Fault.ToString());
        return p.Fault;
    }

    private static PrologueFault Medium(Action<Assembler> lea, int frame)
    {
        var c = new AssembledCode();
        c.Function(F, (a, entry) =>
        {
            var t = a.CreateLabel();
            c.Mark("fault");
            lea(a);
            a.cmp(r12, __qword_ptr[r14 + 0x10]);
            a.jbe(t);
            Body(a, frame);
            RegabiTail(a, t, entry, c.MorestackNoctxt);
        });
        var image = c.Build();
        var p = image.Match(F, frame);
        Assert.IsNotNull(p.Fault, "expected a fault");
        Assert.AreEqual(image.At("fault"), p.Fault.Address, p.Fault.ToString());
        return p.Fault;
    }
}
