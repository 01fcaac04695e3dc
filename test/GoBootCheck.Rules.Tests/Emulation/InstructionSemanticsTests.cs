using GoBootCheck.Emulation;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace GoBootCheck.Tests.Emulation;

/// <summary>Hermetic tests of instruction semantics (SDM vol. 2), flags especially, with code from Iced's assembler.</summary>
[TestClass]
public sealed class InstructionSemanticsTests
{
    private static TestMachine Run(Action<Assembler> build)
    {
        var m = TestMachine.Assemble(a =>
        {
            build(a);
            a.ret();
        });
        Assert.IsNull(m.Run());
        return m;
    }

    [TestMethod]
    public void Add_SignedOverflow_SetsOfAndSfNotCf()
    {
        var m = Run(a => { a.mov(rax, long.MaxValue); a.add(rax, 1); });
        Assert.AreEqual(0x8000_0000_0000_0000UL, m.Reg(MachineState.Rax));
        Assert.IsTrue(m.State.OF);
        Assert.IsTrue(m.State.SF);
        Assert.IsFalse(m.State.CF);
        Assert.IsFalse(m.State.ZF);
        Assert.IsTrue(m.State.AF);
    }

    [TestMethod]
    public void Add_UnsignedWrap_SetsCfZfPf()
    {
        var m = Run(a => { a.mov(rax, -1L); a.add(rax, 1); });
        Assert.AreEqual(0UL, m.Reg(MachineState.Rax));
        Assert.IsTrue(m.State.CF);
        Assert.IsTrue(m.State.ZF);
        Assert.IsTrue(m.State.PF);
        Assert.IsFalse(m.State.OF);
    }

    [TestMethod]
    public void Sub_Borrow_SetsCfAndSf()
    {
        var m = Run(a => { a.xor(eax, eax); a.sub(eax, 1); });
        Assert.AreEqual(0xffff_ffffUL, m.Reg(MachineState.Rax), "a 32-bit result zero-extends into RAX");
        Assert.IsTrue(m.State.CF);
        Assert.IsTrue(m.State.SF);
        Assert.IsFalse(m.State.OF);
        Assert.IsTrue(m.State.AF);
    }

    [TestMethod]
    public void Cmp_ErrnoRange_JbeTakenForSuccessNotForError()
    {
        // settls: cmp rax, 0xfffffffffffff001; jbe ok — a small result is success, -EINVAL is not.
        var ok = Run(a => { a.xor(eax, eax); a.cmp(rax, -4095); a.setbe(bl); });
        Assert.AreEqual(1UL, ok.Reg(MachineState.Rbx) & 0xff);
        var err = Run(a => { a.mov(rax, -22L); a.cmp(rax, -4095); a.setbe(bl); });
        Assert.AreEqual(0UL, err.Reg(MachineState.Rbx) & 0xff);
    }

    [TestMethod]
    public void AdcSbb_UseCarryIn()
    {
        var m = Run(a => { a.stc(); a.mov(rax, 5); a.adc(rax, 7); a.stc(); a.mov(rbx, 5); a.sbb(rbx, 7); });
        Assert.AreEqual(13UL, m.Reg(MachineState.Rax));
        Assert.AreEqual(unchecked((ulong)-3L), m.Reg(MachineState.Rbx));
        Assert.IsTrue(m.State.CF);
    }

    [TestMethod]
    public void IncDec_PreserveCarry()
    {
        var m = Run(a => { a.stc(); a.mov(rax, -1L); a.inc(rax); });
        Assert.AreEqual(0UL, m.Reg(MachineState.Rax));
        Assert.IsTrue(m.State.CF, "INC leaves CF alone");
        Assert.IsTrue(m.State.ZF);
    }

    [TestMethod]
    public void Neg_SetsCfUnlessZero()
    {
        var zero = Run(a => { a.xor(eax, eax); a.neg(rax); });
        Assert.IsFalse(zero.State.CF);
        var one = Run(a => { a.mov(rax, 1); a.neg(rax); });
        Assert.IsTrue(one.State.CF);
        Assert.AreEqual(ulong.MaxValue, one.Reg(MachineState.Rax));
    }

    [TestMethod]
    public void Shifts_CarryAndOverflow()
    {
        var shl = Run(a => { a.mov(rax, long.MinValue); a.shl(rax, 1); });
        Assert.AreEqual(0UL, shl.Reg(MachineState.Rax));
        Assert.IsTrue(shl.State.CF);
        Assert.IsTrue(shl.State.OF);
        var sar = Run(a => { a.mov(rax, -8L); a.sar(rax, 2); });
        Assert.AreEqual(unchecked((ulong)-2L), sar.Reg(MachineState.Rax));
        Assert.IsFalse(sar.State.CF);
        var shr = Run(a => { a.mov(eax, 3); a.shr(eax, 1); });
        Assert.AreEqual(1UL, shr.Reg(MachineState.Rax));
        Assert.IsTrue(shr.State.CF);
    }

    [TestMethod]
    public void Imul_TwoOperand_OverflowFlags()
    {
        var m = Run(a => { a.mov(rax, 1L << 62); a.imul(rax, rax); });
        Assert.IsTrue(m.State.CF);
        Assert.IsTrue(m.State.OF);
        var small = Run(a => { a.mov(rax, -3L); a.imul(rax, rax, 5); });
        Assert.AreEqual(unchecked((ulong)-15L), small.Reg(MachineState.Rax));
        Assert.IsFalse(small.State.OF);
    }

    [TestMethod]
    public void MulDiv_UseRdxRax()
    {
        var m = Run(a => { a.mov(rax, -1L); a.mov(rcx, 2); a.mul(rcx); a.mov(rbx, rdx); a.mov(rcx, 7); a.xor(edx, edx); a.mov(eax, 100); a.div(rcx); });
        Assert.AreEqual(1UL, m.Reg(MachineState.Rbx), "high half of 2^64-1 times 2");
        Assert.AreEqual(14UL, m.Reg(MachineState.Rax));
        Assert.AreEqual(2UL, m.Reg(MachineState.Rdx));
    }

    [TestMethod]
    public void Div_ByZero_StopsWithTrap()
    {
        var m = TestMachine.Assemble(a => { a.xor(ecx, ecx); a.div(rcx); a.ret(); });
        var stop = m.Run();
        Assert.AreEqual(StopKind.Trap, stop?.Kind);
        StringAssert.Contains(stop!.Message, "divide error");
        Assert.AreEqual(TestMachine.CodeBase + 2, stop.Address);
    }

    [TestMethod]
    public void PartialRegisterWrites_MergeOrZeroExtend()
    {
        var m = Run(a => { a.mov(rax, -1L); a.mov(al, 0x12); a.mov(ah, 0x34); a.mov(rbx, -1L); a.mov(bx, 0x5678); a.mov(rcx, -1L); a.mov(ecx, 1); });
        Assert.AreEqual(0xffff_ffff_ffff_3412UL, m.Reg(MachineState.Rax));
        Assert.AreEqual(0xffff_ffff_ffff_5678UL, m.Reg(MachineState.Rbx));
        Assert.AreEqual(1UL, m.Reg(MachineState.Rcx));
    }

    [TestMethod]
    public void Cmov32_FalseCondition_StillZeroExtends()
    {
        var m = Run(a => { a.mov(rax, -1L); a.xor(ecx, ecx); a.cmp(ecx, 1); a.cmove(eax, ecx); });
        Assert.AreEqual(0xffff_ffffUL, m.Reg(MachineState.Rax));
    }

    [TestMethod]
    public void MovsxMovzx_Extend()
    {
        var m = Run(a => { a.mov(ecx, 0x80); a.movsx(rax, cl); a.movzx(ebx, cl); a.mov(edx, 0x8000_0000); a.movsxd(rsi, edx); });
        Assert.AreEqual(0xffff_ffff_ffff_ff80UL, m.Reg(MachineState.Rax));
        Assert.AreEqual(0x80UL, m.Reg(MachineState.Rbx));
        Assert.AreEqual(0xffff_ffff_8000_0000UL, m.Reg(MachineState.Rsi));
    }

    [TestMethod]
    public void PushPopCallRet_UseTheStack()
    {
        var m = TestMachine.Assemble(a =>
        {
            var f = a.CreateLabel();
            a.push(0x11);
            a.call(f);
            a.pop(rbx);
            a.ret();
            a.Label(ref f);
            a.mov(rax, __qword_ptr[rsp]);
            a.ret();
        });
        Assert.IsNull(m.Run());
        Assert.AreEqual(0x11UL, m.Reg(MachineState.Rbx));
        Assert.AreEqual(TestMachine.CodeBase + 7, m.Reg(MachineState.Rax), "the return address pushed by call");
        Assert.AreEqual(TestMachine.StackTop, m.State.StackPointer);
    }

    [TestMethod]
    public void RepStos_FillsAndCounts()
    {
        var m = Run(a => { a.mov(rdi, (long)TestMachine.DataBase); a.mov(ecx, 5); a.mov(al, 0xab); a.rep.stosb(); });
        Assert.AreEqual(0UL, m.Reg(MachineState.Rcx));
        Assert.AreEqual(TestMachine.DataBase + 5, m.Reg(MachineState.Rdi));
        Assert.AreEqual(5, m.Stores.Count);
        Assert.AreEqual(0xabab_abab_abUL, m.Memory.PeekUInt64(TestMachine.DataBase));
    }

    [TestMethod]
    public void FsSegment_AddsFsBase_AndIsReportedAsThroughFs()
    {
        var m = Run(a => { a.mov(__qword_ptr.fs[-8], 0x123); a.mov(rax, __qword_ptr.fs[-8]); });
        Assert.AreEqual(0x123UL, m.Reg(MachineState.Rax));
        Assert.AreEqual((TestMachine.FsBase - 8, 0x123UL, true), m.Stores.Single());
    }

    [TestMethod]
    public void SseMoves_BuildAndStoreAPair()
    {
        // x_cgo_getstackbound: movq xmm0,rax; movq xmm1,rdx; punpcklqdq xmm0,xmm1; movups [rbp],xmm0.
        var m = Run(a =>
        {
            a.mov(rax, 0x1111); a.mov(rdx, 0x2222); a.movq(xmm0, rax); a.movq(xmm1, rdx); a.punpcklqdq(xmm0, xmm1);
            a.mov(rbp, (long)TestMachine.DataBase); a.movups(__xmmword_ptr[rbp], xmm0); a.pxor(xmm1, xmm1); a.movq(rbx, xmm1);
        });
        Assert.AreEqual(0x1111UL, m.Memory.PeekUInt64(TestMachine.DataBase));
        Assert.AreEqual(0x2222UL, m.Memory.PeekUInt64(TestMachine.DataBase + 8));
        Assert.AreEqual(0UL, m.Reg(MachineState.Rbx));
    }

    [TestMethod]
    public void BitScans_FindBitsAndZero()
    {
        var m = Run(a => { a.mov(ecx, 0x50); a.bsf(rax, rcx); a.bsr(rbx, rcx); a.popcnt(rdx, rcx); a.xor(esi, esi); a.tzcnt(rdi, rsi); });
        Assert.AreEqual(4UL, m.Reg(MachineState.Rax));
        Assert.AreEqual(6UL, m.Reg(MachineState.Rbx));
        Assert.AreEqual(2UL, m.Reg(MachineState.Rdx));
        Assert.AreEqual(64UL, m.Reg(MachineState.Rdi));
        Assert.IsTrue(m.State.CF);
    }

    [TestMethod]
    public void Syscall_SetsRcxAndR11_AndAsksTheHost()
    {
        var m = Run(a => { a.mov(eax, 158); a.syscall(); });
        Assert.AreEqual(158UL, m.Syscalls.Single());
        Assert.AreEqual(TestMachine.CodeBase + 7, m.Reg(MachineState.Rcx), "RCX = the instruction after syscall");
    }

    [TestMethod]
    public void UnimplementedInstruction_StopsNamingMnemonicAndAddress()
    {
        var m = TestMachine.Assemble(a => { a.nop(); a.fld1(); a.ret(); });
        var stop = m.Run();
        Assert.AreEqual(StopKind.UnimplementedInstruction, stop?.Kind);
        Assert.IsTrue(stop!.IsToolLimit);
        Assert.AreEqual(TestMachine.CodeBase + 1, stop.Address);
        StringAssert.Contains(stop.Message, "fld1");
        StringAssert.Contains(stop.Message, "0x10001");
        Assert.AreEqual(TestMachine.CodeBase + 1, m.State.Rip, "RIP stays at the instruction that did not run");
    }

    [TestMethod]
    public void WriteToReadOnly_StopsWithFault()
    {
        var m = TestMachine.Assemble(a => { a.mov(rax, (long)TestMachine.ReadOnlyBase); a.mov(__qword_ptr[rax], 1); a.ret(); });
        var stop = m.Run();
        Assert.AreEqual(StopKind.WriteToReadOnly, stop?.Kind);
        Assert.AreEqual(TestMachine.ReadOnlyBase, stop!.FaultAddress);
        Assert.IsFalse(stop.IsToolLimit);
    }

    [TestMethod]
    public void UnmappedLoad_StopsWithFault()
    {
        var m = TestMachine.Assemble(a => { a.mov(rax, __qword_ptr[0xf1]); a.ret(); });
        var stop = m.Run();
        Assert.AreEqual(StopKind.MemoryFault, stop?.Kind);
        Assert.AreEqual(0xf1UL, stop!.FaultAddress);
    }

    [TestMethod]
    public void JumpIntoData_StopsAsNonExecutable()
    {
        var m = TestMachine.Assemble(a => { a.mov(rax, (long)TestMachine.DataBase); a.jmp(rax); });
        var stop = m.Run();
        Assert.AreEqual(StopKind.MemoryFault, stop?.Kind);
        StringAssert.Contains(stop!.Message, "non-executable");
    }
}
