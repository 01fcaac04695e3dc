using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Emulation;

/// <summary>Real faults around _cgo_init in real cgo fixtures: each is found by GBC0003 alone.</summary>
[TestClass]
public sealed class CgoStackGuardFaultTests
{
    private const string Rt0Go = "runtime.rt0_go";

    public static IEnumerable<object[]> Versions => Toolchains.Rows();

    public static IEnumerable<object[]> VersionsAndCgoVariants =>
        from v in Toolchains.Rows().Select(r => (string)r[0]) from variant in new[] { "cgo", "cgo-pie", "cgo-internal", "race", "c-shared" } select new object[] { v, variant };

    [TestMethod]
    [DynamicData(nameof(VersionsAndCgoVariants))]
    public void Verify_StackGuardImmediateChanged_Gbc0003NamesRt0Go(string version, string variant)
    {
        var fault = new FaultInjection(version, variant);
        long original = 0;
        fault.Patch(Rt0Go, i => i.Mnemonic == Mnemonic.Add && i.Op0Register == Register.RAX && i.Op1Kind == OpKind.Immediate32to64,
            i => SettlsFaultTests.WithImmediate(i, (ulong)(original = (long)i.Immediate32to64) + 8));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.CgoStackGuard, Rt0Go);
        Assert.AreEqual(2, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, $"+ StackGuard {original}", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, $"rt0_go stored 0x", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, $"= stack.lo + {original + 8}", report.Describe());
        Assert.AreEqual(RuleStatus.NotApplicable, report.Result(RuleIds.SettlsSucceeds).Status);
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_Stackguard1StoredToWrongField_Gbc0003ReportsStaleGuard(string version)
    {
        var fault = new FaultInjection(version, "cgo-pie");
        fault.Patch(Rt0Go, i => i.Mnemonic == Mnemonic.Mov && i.Op0Kind == OpKind.Memory && i.MemoryBase == Register.RCX && i.MemoryDisplacement64 == 0x18,
            i => SettlsFaultTests.WithDisplacement(i, 0x20));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.CgoStackGuard, Rt0Go);
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "g0.stackguard1", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "did not store it after _cgo_init returned", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_CgoInitTraps_Gbc0003ReportsNoReturnInXCgoInit(string version)
    {
        var fault = new FaultInjection(version, "cgo");
        fault.WriteAt(fault.SymbolAddress("x_cgo_init"), [0x0f, 0x0b]); // ud2
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.CgoStackGuard, "x_cgo_init");
        StringAssert.Contains(result.Findings[0].Message, "did not return to rt0_go", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "SIGILL", report.Describe());
        Assert.AreEqual(RuleStatus.NotApplicable, report.Result(RuleIds.SettlsSucceeds).Status);
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_CgoInitGivenAnotherG_Gbc0003ReportsTheMismatch(string version)
    {
        var fault = new FaultInjection(version, "cgo-internal");
        fault.Patch(Rt0Go, i => i.Mnemonic == Mnemonic.Lea && i.Op0Register == Register.RDI && i.IsIPRelativeMemoryOperand,
            i => SettlsFaultTests.WithDisplacement(i, i.MemoryDisplacement64 + 0x100));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.CgoStackGuard, Rt0Go);
        StringAssert.Contains(result.Findings[0].Message, "but stored 0x", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "in the g TLS slot", report.Describe());
    }
}
