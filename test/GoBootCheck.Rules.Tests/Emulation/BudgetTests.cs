using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Emulation;

/// <summary>The tool's own limits end a run with a GBC1011 diagnostic and "not verified" rules, never with a finding.</summary>
[TestClass]
public sealed class BudgetTests
{
    [TestMethod]
    public void Verify_EndlessLoopThatProgresses_StopsAtInstructionBudget()
    {
        // _rt0_amd64 becomes "inc rdi; nop; jmp back": the state changes every round, so only the budget ends it.
        var fault = new FaultInjection("go1.22", "default");
        var code = fault.Decode("_rt0_amd64");
        ulong lea = code[1].IP;
        fault.WriteAt(lea, [0x48, 0xff, 0xc7, 0x66, 0x90]);
        fault.Patch("_rt0_amd64", i => i.Mnemonic == Mnemonic.Jmp, i => { i.NearBranch64 = lea; return i; });
        var report = new GoBinaryVerifier().Verify(fault.Name, fault.Bytes, Verification.Options with { InstructionBudget = 30_000 });

        var limit = report.Diagnostics.Single(d => d.Id == DiagnosticIds.EmulationLimit);
        StringAssert.Contains(limit.Message, "instruction budget of 30000", report.Describe());
        Assert.AreEqual(Severity.Warning, limit.Severity);
        AssertAllNotVerified(report, "instruction budget");
    }

    [TestMethod]
    public void Verify_UnimplementedInstruction_StopsWithItsMnemonicAndAddress()
    {
        var fault = new FaultInjection("go1.23", "stripped");
        ulong at = fault.Decode("_rt0_amd64")[0].IP;
        fault.WriteAt(at, [0xd9, 0xe8, 0xd9, 0xe8]); // fld1; fld1 in place of mov rdi,[rsp]
        var report = Verification.Verify(fault.Bytes, fault.Name);

        var limit = report.Diagnostics.Single(d => d.Id == DiagnosticIds.EmulationLimit);
        StringAssert.Contains(limit.Message, "'fld1'", report.Describe());
        StringAssert.Contains(limit.Message, $"0x{at:x}", report.Describe());
        Assert.AreEqual(at, limit.Address);
        AssertAllNotVerified(report, "fld1");
    }

    [TestMethod]
    public void Verify_TimeBudgetZero_StopsAtTimeBudget()
    {
        var report = new GoBinaryVerifier().Verify("go1.25/default", Fixtures.Get("go1.25", "default").Bytes, Verification.Options with { TimeBudget = TimeSpan.Zero });

        var limit = report.Diagnostics.Single(d => d.Id == DiagnosticIds.EmulationLimit);
        StringAssert.Contains(limit.Message, "time budget", report.Describe());
        AssertAllNotVerified(report, "time budget");
    }

    [TestMethod]
    public void Verify_StrictPolicy_TurnsTheLimitIntoAnError()
    {
        var report = new GoBinaryVerifier().Verify("go1.25/default", Fixtures.Get("go1.25", "default").Bytes,
            Verification.Options with { InstructionBudget = 3, TreatUnverifiableAsError = true });

        Assert.AreEqual(Severity.Error, report.Diagnostics.Single(d => d.Id == DiagnosticIds.EmulationLimit).Severity);
        Assert.IsTrue(report.HasErrors);
    }

    private static void AssertAllNotVerified(BinaryReport report, string reason)
    {
        foreach (var id in new[] { RuleIds.EntryReachesRt0Go, RuleIds.SettlsSucceeds, RuleIds.CgoStackGuard })
        {
            var result = report.Result(id);
            Assert.AreEqual(RuleStatus.NotVerified, result.Status, report.Describe());
            StringAssert.Contains(result.Reason, reason, report.Describe());
            Assert.AreEqual(0, result.Findings.Count);
        }
    }
}
