using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Emulation;

/// <summary>
/// Real faults in the oldest and newest toolchains' binaries: the committed source-built fixtures (go1.4, and go1.9
/// and go1.10 where committed) and the Debian go1.27 fixtures of the cache. Each fault is caught by its own rule only,
/// naming the function. Settls faults apply to non-cgo builds, guard-constant faults to cgo builds; the Debian
/// toolchains' settls, entry and guard faults are also covered by the per-toolchain fault classes.
/// </summary>
[TestClass]
public sealed class GoVersionReachFaultTests
{
    private const string MediumFrame = "main.mediumFrame";

    /// <summary>Toolchains whose prologue faults are injected here: every source-built one, and go1.27.</summary>
    public static IEnumerable<object[]> PrologueToolchains =>
        SourceBuiltToolchains.Append(["go1.27"]);

    /// <summary>The source-built toolchains with a committed default (non-cgo) and cgo fixture.</summary>
    public static IEnumerable<object[]> SourceBuiltToolchains =>
        Fixtures.SourceBuilt.Where(f => f.Variant == "cgo").Select(f => f.Toolchain).Distinct().Order().Select(t => new object[] { t });

    [TestMethod]
    [DynamicData(nameof(PrologueToolchains))]
    public void MediumFrame_LeaUnderstatesFrame_Gbc0004NamesFunction(string toolchain)
    {
        var fault = new FaultInjection(toolchain, "default");
        long original = 0;
        fault.Patch(MediumFrame, IsCheckLea, i => SettlsFaultTests.WithDisplacement(i, (ulong)((original = (long)i.MemoryDisplacement64) + 0x10)));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.PrologueChecksStackguard0, MediumFrame);
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, $"the prologue allocates a {128 - original}-byte frame", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(PrologueToolchains))]
    public void MediumFrame_AllocationShrunk_Gbc0004ReportsPcspDisagreement(string toolchain)
    {
        var fault = new FaultInjection(toolchain, "default");
        fault.Patch(MediumFrame, i => i.Mnemonic == Mnemonic.Sub && i.Op0Kind == OpKind.Register && i.Op0Register == Register.RSP,
            i => SettlsFaultTests.WithImmediate(i, i.GetImmediate(1) - 0x10));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.PrologueChecksStackguard0, MediumFrame);
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "-byte frame pcsp records at 0x", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(PrologueToolchains))]
    public void MediumFrame_ComparesStackguard1_Gbc0004NamesFunction(string toolchain)
    {
        var fault = new FaultInjection(toolchain, "default");
        fault.Patch(MediumFrame, i => i.Mnemonic == Mnemonic.Cmp && i.Op1Kind == OpKind.Memory && i.MemoryDisplacement64 == 0x10,
            i => SettlsFaultTests.WithDisplacement(i, 0x18));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.PrologueChecksStackguard0, MediumFrame);
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "g.stackguard0", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(SourceBuiltToolchains))]
    public void Settls_SlotOffsetChanged_Gbc0002NamesSettls(string toolchain)
    {
        var fault = new FaultInjection(toolchain, "default");
        fault.Patch("runtime.settls", i => i.Mnemonic == Mnemonic.Add && i.Op0Register == Register.RDI,
            i => SettlsFaultTests.WithImmediate(i, i.GetImmediate(1) + 8));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.SettlsSucceeds, "runtime.settls");
        StringAssert.Contains(result.Findings[0].Message, "arch_prctl(ARCH_SET_FS, 0x", report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.EntryReachesRt0Go).Status, report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(SourceBuiltToolchains))]
    public void Entry_ArgvLoadedFromWrongSlot_Gbc0001ReportsSi(string toolchain)
    {
        var fault = new FaultInjection(toolchain, "default");
        // _rt0_amd64 (go1.10+) or, before, _rt0_amd64_linux itself loads argv.
        string loader = fault.Original.FunctionsNamed("_rt0_amd64").Count > 0 ? "_rt0_amd64" : "_rt0_amd64_linux";
        fault.Patch(loader, i => i.Mnemonic == Mnemonic.Lea && i.Op0Register == Register.RSI, i => SettlsFaultTests.WithDisplacement(i, 0x10));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "runtime.rt0_go");
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "SI = 0x", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(SourceBuiltToolchains))]
    public void Entry_JumpToRt0GoRedirectedToItself_Gbc0001ReportsEndlessLoop(string toolchain)
    {
        var fault = new FaultInjection(toolchain, "default");
        // go1.10+: _rt0_amd64 jumps to rt0_go directly; before, `main` loads its address (LEA) and jumps through RAX.
        string via = fault.Original.FunctionsNamed("_rt0_amd64").Count > 0 ? "_rt0_amd64" : "main";
        ulong self = fault.EntryOf(via);
        if (via == "main")
            fault.Patch(via, i => i.Mnemonic == Mnemonic.Lea && i.IsIPRelativeMemoryOperand, i => SettlsFaultTests.WithDisplacement(i, self));
        else
            fault.Patch(via, i => i.Mnemonic == Mnemonic.Jmp, i => { i.NearBranch64 = self; return i; });
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, via);
        StringAssert.Contains(result.Findings[0].Message, "never reached runtime.rt0_go", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(SourceBuiltToolchains))]
    public void CgoGuard_StackGuardImmediateChanged_Gbc0003NamesRt0Go(string toolchain)
    {
        var fault = new FaultInjection(toolchain, "cgo");
        long original = 0;
        fault.Patch("runtime.rt0_go", i => i.Mnemonic == Mnemonic.Add && i.Op0Register == Register.RAX && i.Op1Kind == OpKind.Immediate32to64,
            i => SettlsFaultTests.WithImmediate(i, (ulong)(original = (long)i.Immediate32to64) + 8));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.CgoStackGuard, "runtime.rt0_go");
        StringAssert.Contains(result.Findings[0].Message, $"= stack.lo + {original + 8}", report.Describe());
        Assert.AreEqual(RuleStatus.NotApplicable, report.Result(RuleIds.SettlsSucceeds).Status, report.Describe());
    }

    private static bool IsCheckLea(Instruction i) =>
        i.Mnemonic == Mnemonic.Lea && i.MemoryBase == Register.RSP && (long)i.MemoryDisplacement64 < 0;
}
