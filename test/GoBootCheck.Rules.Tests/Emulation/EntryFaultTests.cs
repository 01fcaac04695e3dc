using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Emulation;

/// <summary>Real faults on the way from the entry to rt0_go: each is found by GBC0001 alone.</summary>
[TestClass]
public sealed class EntryFaultTests
{
    public static IEnumerable<object[]> Versions => Toolchains.Rows();

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_JumpToRt0GoRedirectedToItself_Gbc0001ReportsEndlessLoop(string version)
    {
        var fault = new FaultInjection(version, "default");
        fault.Patch("_rt0_amd64", i => i.Mnemonic == Mnemonic.Jmp, i => WithTarget(i, i.IP));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "_rt0_amd64");
        StringAssert.Contains(result.Findings[0].Message, "never reached runtime.rt0_go", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "endless loop", report.Describe());
        Assert.AreEqual(RuleStatus.NotVerified, report.Result(RuleIds.SettlsSucceeds).Status);
        Assert.AreEqual(RuleStatus.NotVerified, report.Result(RuleIds.CgoStackGuard).Status);
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_JumpToRt0GoRedirectedToAbort_Gbc0001ReportsTrap(string version)
    {
        var fault = new FaultInjection(version, "stripped");
        ulong abort = fault.EntryOf("runtime.abort");
        fault.Patch("_rt0_amd64", i => i.Mnemonic == Mnemonic.Jmp, i => WithTarget(i, abort));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "runtime.abort");
        StringAssert.Contains(result.Findings[0].Message, "_rt0_amd64_linux → _rt0_amd64 → runtime.abort", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "SIGTRAP", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_ArgvLoadedFromWrongSlot_Gbc0001ReportsSi(string version)
    {
        var fault = new FaultInjection(version, "pie");
        fault.Patch("_rt0_amd64", i => i.Mnemonic == Mnemonic.Lea && i.Op0Register == Register.RSI, i => SettlsFaultTests.WithDisplacement(i, 0x10));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "runtime.rt0_go");
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "SI = 0x", report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.SettlsSucceeds).Status, report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_ArgcAddressInsteadOfValue_Gbc0001ReportsDi(string version)
    {
        var fault = new FaultInjection(version, "default");
        fault.Patch("_rt0_amd64", i => i.Mnemonic == Mnemonic.Mov && i.Op0Register == Register.RDI, i => SettlsFaultTests.WithCode(i, Code.Lea_r64_m));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "runtime.rt0_go");
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "DI = 0x", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_CgoMainJumpsToItself_Gbc0001NamesMain(string version)
    {
        var fault = new FaultInjection(version, "cgo");
        fault.Patch("main", i => i.Mnemonic == Mnemonic.Jmp, i => WithTarget(i, i.IP));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "main");
        StringAssert.Contains(result.Findings[0].Message, "_start → __libc_start_main (model) → main", report.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_LibraryReloadsArgcAsArgv_Gbc0001ReportsSi(string version)
    {
        var fault = new FaultInjection(version, "c-shared");
        // The thread's start routine that reloads argc/argv: _rt0_amd64_lib_go, renamed runtime.rt0_lib_go in Go 1.27.
        string start = fault.Original.Functions.Any(f => f.NameIs("_rt0_amd64_lib_go")) ? "_rt0_amd64_lib_go" : "runtime.rt0_lib_go";
        fault.Patch(start, i => i.Mnemonic == Mnemonic.Mov && i.Op0Register == Register.RSI,
            i => SettlsFaultTests.WithDisplacement(i, i.MemoryDisplacement64 - 8));
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "runtime.rt0_go");
        StringAssert.Contains(result.Findings[0].Message, "SI = 0x1,", report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.CgoStackGuard).Status, report.Describe());
    }

    private static Instruction WithTarget(Instruction i, ulong target)
    {
        i.NearBranch64 = target;
        return i;
    }

    [TestMethod]
    [DynamicData(nameof(Versions))]
    public void Verify_RelocationOutsideTheImage_Gbc0001ReportsTheLoaderFault(string version)
    {
        var fault = new FaultInjection(version, "cgo-pie");
        var rela = fault.Original.Image.FindSection(".rela.dyn") ?? throw new AssertFailedException("no .rela.dyn");
        BitConverter.GetBytes(0x7fff_0000_0000UL).CopyTo(fault.Bytes, (int)rela.FileOffset); // r_offset of the first entry
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var result = report.AssertOnlyFailure(RuleIds.EntryReachesRt0Go, "_start");
        StringAssert.Contains(result.Findings[0].Message, "never started", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "dynamic loader would fault", report.Describe());
    }
}
