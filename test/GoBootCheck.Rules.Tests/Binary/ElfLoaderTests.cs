using GoBootCheck.Engine;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Binary;

/// <summary>The loader reads the caller's memory in place, whatever backs it.</summary>
[TestClass]
public sealed class ElfLoaderTests
{
    [TestMethod]
    public void Verify_BinaryAsSliceOfLargerBuffer_SameReportAsWholeArray()
    {
        byte[] bytes = Fixtures.Get("go1.22", "default").Bytes;
        byte[] padded = new byte[bytes.Length + 4096 + 123];
        bytes.CopyTo(padded, 4096);
        var verifier = new GoBinaryVerifier();

        var whole = verifier.Verify("hello", bytes, new VerificationOptions());
        var slice = verifier.Verify("hello", padded.AsMemory(4096, bytes.Length), new VerificationOptions());

        Assert.AreEqual(whole.Summary, slice.Summary);
        Assert.AreEqual(0, slice.Diagnostics.Count, string.Join("\n", slice.Diagnostics));
        CollectionAssert.AreEqual(whole.Results.Select(r => $"{r.Rule.Id} {r.Status} {r.Reason}").ToList(),
            slice.Results.Select(r => $"{r.Rule.Id} {r.Status} {r.Reason}").ToList());
    }
}
