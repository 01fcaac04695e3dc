using System.Text;
using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Go;

/// <summary>
/// Go releases before 1.4 get one GBC1020 warning and no verdict: told by the runtime version string where there is
/// one, otherwise by the entry's name (_rt0_go, renamed runtime.rt0_go in go1.4). Real go1.4 binaries with the one
/// telling byte sequence rewritten.
/// </summary>
[TestClass]
public sealed class UnsupportedGoVersionTests
{
    [TestMethod]
    public void Verify_VersionStringSaysGo13_OneGbc1020AndNoVerdict()
    {
        var bytes = Fixtures.Get("go1.4", "default").Bytes;
        int rewritten = ReplaceAll(bytes, "go1.4.3", "go1.3.3");
        Assert.IsTrue(rewritten > 0);
        var report = Verification.Verify(bytes, "go1.4/default (version rewritten to go1.3.3)");

        AssertUnsupported(report, "go1.3.3");
    }

    [TestMethod]
    public void Verify_NoVersionAndEntryNamedRt0Go_OneGbc1020AndNoVerdict()
    {
        var bytes = Fixtures.Get("go1.4", "stripped").Bytes;
        // pclntab's name of the entry, NUL-terminated on both sides: the go1.3 name, padded with NULs to the same length.
        int rewritten = ReplaceAll(bytes, "\0runtime.rt0_go\0", "\0_rt0_go\0\0\0\0\0\0\0\0");
        Assert.AreEqual(1, rewritten);
        var report = Verification.Verify(bytes, "go1.4/stripped (entry renamed _rt0_go)");

        AssertUnsupported(report, "_rt0_go");
    }

    [TestMethod]
    public void Verify_Go14Unchanged_NoGbc1020()
    {
        foreach (var variant in new[] { "default", "stripped" })
        {
            var report = Verification.Verify(Fixtures.Get("go1.4", variant).Bytes, $"go1.4/{variant}");
            Assert.IsFalse(report.Diagnostics.Any(d => d.Id == DiagnosticIds.UnsupportedGoVersion), report.Describe());
            Assert.AreEqual(RuleStatus.Pass, report.Result(RuleIds.PrologueChecksStackguard0).Status, report.Describe());
        }
    }

    private static void AssertUnsupported(GoBootCheck.Engine.BinaryReport report, string why)
    {
        var diagnostic = report.Diagnostics.Single();
        Assert.AreEqual(DiagnosticIds.UnsupportedGoVersion, diagnostic.Id, report.Describe());
        Assert.AreEqual(Severity.Warning, diagnostic.Severity);
        StringAssert.Contains(diagnostic.Message, why, report.Describe());
        Assert.AreEqual(5, report.Results.Count, report.Describe());
        Assert.IsTrue(report.Results.All(r => r.Status == RuleStatus.NotVerified && r.Findings.Count == 0), report.Describe());
    }

    private static int ReplaceAll(byte[] bytes, string from, string to)
    {
        byte[] f = Encoding.ASCII.GetBytes(from), t = Encoding.ASCII.GetBytes(to);
        Assert.AreEqual(f.Length, t.Length);
        int n = 0;
        for (int i = bytes.AsSpan().IndexOf(f); i >= 0; i = bytes.AsSpan(i + 1).IndexOf(f) is var j and >= 0 ? i + 1 + j : -1)
        {
            t.CopyTo(bytes, i);
            n++;
        }
        return n;
    }
}
