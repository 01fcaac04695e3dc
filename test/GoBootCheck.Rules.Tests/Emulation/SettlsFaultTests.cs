using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Emulation;

/// <summary>Real faults in runtime.settls and rt0_go's 0x123 probe of real fixtures: each is found by GBC0002 alone.</summary>
[TestClass]
public sealed class SettlsFaultTests
{
    private const string Settls = "runtime.settls";
    private const string Rt0Go = "runtime.rt0_go";

    public static IEnumerable<object[]> Versions => Toolchains.Rows();

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_SettlsAddsWrongSlotOffset_Gbc0002NamesSettls(string version)
    {
        var fault = new FaultInjection(version, "default");
        fault.Patch(Settls, i => i.Mnemonic == Mnemonic.Add && i.Op0Register == Register.RDI, i => WithImmediate(i, 0x10));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Settls);
        StringAssert.Contains(result.Findings[0].Message, "arch_prctl(ARCH_SET_FS, 0x", report.Describe());
        Assert.IsTrue(result.Findings.Any(f => f.Message.Contains("runtime.abort", StringComparison.Ordinal)), report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.EntryReachesRt0Go).Status);
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_ArchPrctlCodeChanged_Gbc0002ReportsCodeAndCrashStore(string version)
    {
        var fault = new FaultInjection(version, "default");
        fault.Patch(Settls, i => MovesImmediateTo(i, Register.RDI), i => WithImmediate(i, 0x1010));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Settls);
        StringAssert.Contains(result.Findings[0].Message, "code 0x1010", report.Describe());
        StringAssert.Contains(result.Findings[1].Message, "did not return", report.Describe());
        StringAssert.Contains(result.Findings[1].Message, "0xf1", report.Describe());
        Assert.AreEqual(Settls, result.Findings[1].Location?.Function);
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_ArchPrctlGetFsInsteadOfSetFs_Gbc0002(string version)
    {
        var fault = new FaultInjection(version, "pie");
        fault.Patch(Settls, i => MovesImmediateTo(i, Register.RDI), i => WithImmediate(i, 0x1003));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Settls);
        StringAssert.Contains(result.Findings[0].Message, "code 0x1003", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_SettlsIssuesAnotherSyscall_Gbc0002AndEmulationLimitDiagnostic(string version)
    {
        var fault = new FaultInjection(version, "stripped");
        fault.Patch(Settls, i => MovesImmediateTo(i, Register.RAX), i => WithImmediate(i, 159));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Settls, limitExpected: true);
        StringAssert.Contains(result.Findings[0].Message, "system call 159", report.Describe());
        var limit = report.Diagnostics.Single(d => d.Id == DiagnosticIds.EmulationLimit);
        StringAssert.Contains(limit.Message, "system call 159", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_SettlsErrorCheckInverted_Gbc0002CrashStore(string version)
    {
        var fault = new FaultInjection(version, "pie");
        fault.Patch(Settls, i => i.Mnemonic == Mnemonic.Jbe, i => WithCode(i, Code.Ja_rel8_64));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Settls);
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "settls did not return", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "write of unmapped memory at 0xf1", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_ProbeStoredBesideTheSlot_Gbc0002NamesRt0Go(string version)
    {
        var fault = new FaultInjection(version, "default");
        fault.Patch(Rt0Go, i => i.MemorySegment == Register.FS && i.Op1Kind == OpKind.Immediate32to64 && i.Immediate32to64 == 0x123,
            i => WithDisplacement(i, unchecked((ulong)-16)));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Rt0Go);
        StringAssert.Contains(result.Findings[0].Message, "0x123 probe", report.Describe());
        Assert.IsTrue(result.Findings.Any(f => f.Message.Contains("runtime.abort", StringComparison.Ordinal)), report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_ReadBackComparesAnotherValue_Gbc0002ReportsAbort(string version)
    {
        var fault = new FaultInjection(version, "noopt");
        fault.Patch(Rt0Go, i => i.Mnemonic == Mnemonic.Cmp && i.Op0Register == Register.RAX && i.GetImmediate(1) == 0x123, i => WithImmediate(i, 0x124));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Rt0Go);
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "called runtime.abort", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_SettlsSyscallReplacedByNop_Gbc0002ReportsNoArchPrctl(string version)
    {
        var fault = new FaultInjection(version, "noopt");
        var syscall = fault.Decode(Settls).First(i => i.Mnemonic == Mnemonic.Syscall);
        fault.WriteAt(syscall.IP, [0x66, 0x90]); // a 2-byte nop: FS is never set
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, Settls);
        StringAssert.Contains(result.Findings[0].Message, "without issuing arch_prctl", report.Describe());
        StringAssert.Contains(result.Findings[1].Message, "never stored the 0x123 probe", report.Describe());
        StringAssert.Contains(result.Findings[1].Message, "write of unmapped memory at 0xfffffffffffffff8", report.Describe());
        Assert.AreEqual(Rt0Go, result.Findings[1].Location?.Function);
    }

    /// <summary>
    /// MOV of an immediate into <paramref name="register"/>: MOVQ $imm, DI assembles as "mov rdi, imm32" (48 C7 C7) up to
    /// Go 1.26 and as "mov edi, imm32" (BF), which zero-extends, from Go 1.27 on.
    /// </summary>
    internal static bool MovesImmediateTo(Instruction i, Register register) =>
        i.Mnemonic == Mnemonic.Mov && i.Op0Kind == OpKind.Register && i.Op0Register.GetFullRegister() == register &&
        i.Op1Kind is OpKind.Immediate32to64 or OpKind.Immediate32;

    internal static Instruction WithImmediate(Instruction i, ulong value)
    {
        i.SetImmediate(1, value);
        return i;
    }

    internal static Instruction WithCode(Instruction i, Code code)
    {
        i.Code = code;
        return i;
    }

    internal static Instruction WithDisplacement(Instruction i, ulong displacement)
    {
        i.MemoryDisplacement64 = displacement;
        return i;
    }
}
