using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Prologue;

/// <summary>GBC0004 takes the g slot from the start-up trace where it can, and says so.</summary>
[TestClass]
public sealed class GSlotConfirmationTests
{
    private static string Reason(string variant)
    {
        var path = Fixtures.Get("go1.22", variant).Path;
        var report = new GoBinaryVerifier().Verify(path, File.ReadAllBytes(path), new VerificationOptions());
        var result = report.Results.Single(r => r.Rule.Id == RuleIds.PrologueChecksStackguard0);
        Assert.AreEqual(RuleStatus.Pass, result.Status, result.Reason);
        return result.Reason!;
    }

    [TestMethod]
    public void Verify_InternallyLinkedExe_SlotConfirmedByStartupPath() =>
        StringAssert.Contains(Reason("default"), "g slot FS:[-8]: the slot the start-up path stored g0 in");

    [TestMethod]
    public void Verify_StaticGlibcExe_SlotMinus88ConfirmedByStartupPath() =>
        StringAssert.Contains(Reason("cgo-static"), "g slot FS:[-88]: the slot the start-up path stored g0 in");

    [TestMethod]
    public void Verify_CShared_GotSlotNotComparable_SaysNotConfirmed() =>
        StringAssert.Contains(Reason("c-shared"), "not confirmed by the start-up path");
}
