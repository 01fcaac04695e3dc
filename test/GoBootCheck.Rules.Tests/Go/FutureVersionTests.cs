using System.Text;
using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Emulation;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Go;

/// <summary>
/// Go releases newer than the constants table are verified with the constants the binary itself establishes, not
/// skipped with GBC1008: a real Go 1.27.3 release binary, and a Go 1.27 cgo fixture whose version bytes say go1.99.
/// </summary>
[TestClass]
public sealed class FutureVersionTests
{
    private const string Rt0Go = "runtime.rt0_go";

    private static void AssertNoUnknownConstants(GoBootCheck.Engine.BinaryReport report)
    {
        Assert.IsFalse(report.Diagnostics.Any(d => d.Id == DiagnosticIds.UnknownGoConfiguration), report.Describe());
        Assert.IsFalse(report.Diagnostics.Any(d => d.Id == DiagnosticIds.InferenceSourcesDisagree), report.Describe());
    }

    /// <summary>buf 1.75.0 (npm @bufbuild/buf-linux-x64, Go 1.27.3, static, stripped, 58 519 functions): no GBC1008, no error.</summary>
    [TestMethod]
    public void Verify_Buf175Go1273_NoGbc1008AndNoErrors()
    {
        var buf = Fixtures.ReleaseAt("bufbuild-buf-linux-x64-1.75.0/buf");
        Assert.AreEqual("go1.27.3", buf.GoVersion);
        var report = Verification.Verify(File.ReadAllBytes(buf.Path), buf.ToString());

        AssertNoUnknownConstants(report);
        Assert.IsFalse(report.HasErrors, report.Describe());
        Assert.AreEqual("go1.27.3", report.Summary!.GoVersion);
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.EntryReachesRt0Go).Status, report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.SettlsSucceeds).Status, report.Describe());
        Assert.AreEqual(RuleStatus.NotApplicable, report.Result(RuleIds.CgoStackGuard).Status, report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.PrologueChecksStackguard0).Status, report.Describe());
        var nosplit = report.Result(RuleIds.UncheckedFrameWithinLimit);
        Assert.AreEqual(RuleStatus.Pass, nosplit.Status, report.Describe());
        StringAssert.Contains(nosplit.Reason, "StackLimit 800 − 8, binary: StackGuard 928 [stack.lo+K writes in ", report.Describe());
    }

    /// <summary>Replaces every "go1.27." in <paramref name="bytes"/> by "go1.99." (build info and runtime.buildVersion).</summary>
    private static int RewriteVersion(byte[] bytes)
    {
        byte[] from = Encoding.ASCII.GetBytes("go1.27."), to = Encoding.ASCII.GetBytes("go1.99.");
        int count = 0;
        for (int at = bytes.AsSpan().IndexOf(from); at >= 0;)
        {
            to.CopyTo(bytes, at);
            count++;
            int next = bytes.AsSpan(at + from.Length).IndexOf(from);
            at = next < 0 ? -1 : at + from.Length + next;
        }
        return count;
    }

    private static FaultInjection FutureCopy(string variant)
    {
        var copy = new FaultInjection("go1.27", variant);
        StringAssert.StartsWith(copy.Original.Version!.Text, "go1.27.");
        Assert.IsTrue(RewriteVersion(copy.Bytes) >= 2, "build info and runtime.buildVersion hold the version");
        return copy;
    }

    /// <summary>
    /// A Go 1.27 cgo build whose version bytes say go1.99 (no table row, and its DWARF 5 is not read): every rule gets
    /// its verdict from constants the binary establishes, and GBC0003 says where StackGuard came from.
    /// </summary>
    [TestMethod]
    [DataRow("cgo")]
    [DataRow("cgo-stripped")]
    public void Verify_Go127CgoCopyClaimingGo199_FullyVerifiedByInference(string variant)
    {
        var copy = FutureCopy(variant);
        var report = Verification.Verify(copy.Bytes, copy.Name);

        AssertNoUnknownConstants(report);
        Assert.IsFalse(report.HasErrors, report.Describe());
        StringAssert.StartsWith(report.Summary!.GoVersion, "go1.99.");
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.EntryReachesRt0Go).Status, report.Describe());
        Assert.AreEqual(RuleStatus.NotApplicable, report.Result(RuleIds.SettlsSucceeds).Status, report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.PrologueChecksStackguard0).Status, report.Describe());
        Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.UncheckedFrameWithinLimit).Status, report.Describe());
        var guard = report.Result(RuleIds.CgoStackGuard);
        Assert.AreEqual(RuleStatus.Pass, guard.Status, report.Describe());
        StringAssert.Contains(guard.Reason, "= stack.lo + StackGuard 928 (binary: StackGuard 928 [stack.lo+K writes in ", report.Describe());
    }

    /// <summary>The same go1.99 copy with rt0_go's guard constant patched (add rax, 928 → 936): GBC0003 alone, naming rt0_go.</summary>
    [TestMethod]
    public void Verify_Go199CopyWithRt0GoGuardPatched_Gbc0003Only()
    {
        var copy = FutureCopy("cgo");
        copy.Patch(Rt0Go, i => i.Mnemonic == Mnemonic.Add && i.Op0Register == Register.RAX && i.Op1Kind == OpKind.Immediate32to64,
            i => SettlsFaultTests.WithImmediate(i, (ulong)i.Immediate32to64 + 8));
        var report = Verification.Verify(copy.Bytes, copy.Name);

        AssertNoUnknownConstants(report);
        var result = report.AssertOnlyFailure(RuleIds.CgoStackGuard, Rt0Go);
        Assert.AreEqual(2, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "+ StackGuard 928 = 0x", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "= stack.lo + 936", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "(binary: StackGuard 928 [", report.Describe());
    }
}
