using System.Security.Cryptography;
using GoBootCheck.Engine;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tasks.Tests;

/// <summary>How the task reads a binary: mapped (large files) or copied (small ones), with the same bytes and verdicts.</summary>
[TestClass]
public sealed class BinaryFileTests
{
    /// <summary>Without a SARIF log or verdict cache nothing needs the hash: the same bytes, no SHA-256.</summary>
    [TestMethod]
    [DataRow(1L)]
    [DataRow(long.MaxValue)]
    public void Open_WithoutHash_SameBytesNoSha256(long mapThreshold)
    {
        string path = Fixtures.Get("go1.22", "default").Path;
        using var file = BinaryFile.Open(path, mapThreshold, hash: false);
        Assert.AreEqual(mapThreshold == 1, file.IsMapped);
        Assert.IsTrue(file.Bytes.Span.SequenceEqual(File.ReadAllBytes(path)));
        Assert.IsNull(file.Sha256);
    }

    [TestMethod]
    public void Open_MappedAndCopied_SameBytesHashAndReport()
    {
        string path = Fixtures.Get("go1.22", "default").Path;
        byte[] expected = File.ReadAllBytes(path);

        using var mapped = BinaryFile.Open(path, mapThreshold: 1);
        using var copied = BinaryFile.Open(path, mapThreshold: long.MaxValue);

        Assert.IsTrue(mapped.IsMapped);
        Assert.IsFalse(copied.IsMapped);
        Assert.IsTrue(mapped.Bytes.Span.SequenceEqual(expected));
        Assert.IsTrue(copied.Bytes.Span.SequenceEqual(expected));
        string sha = Convert.ToHexString(SHA256.HashData(expected)).ToLowerInvariant();
        Assert.AreEqual(sha, mapped.Sha256);
        Assert.AreEqual(sha, copied.Sha256);
        var verifier = new GoBinaryVerifier();
        var fromMap = verifier.Verify(path, mapped.Bytes, new VerificationOptions());
        var fromCopy = verifier.Verify(path, copied.Bytes, new VerificationOptions());
        Assert.AreEqual(fromCopy.Summary, fromMap.Summary);
        CollectionAssert.AreEqual(fromCopy.Results.Select(r => $"{r.Rule.Id} {r.Status} {r.Reason}").ToList(),
            fromMap.Results.Select(r => $"{r.Rule.Id} {r.Status} {r.Reason}").ToList());
        Assert.AreEqual(0, fromMap.Diagnostics.Count, string.Join("\n", fromMap.Diagnostics));
    }

    [TestMethod]
    public void Open_IntoReusedBuffer_ExactlyTheFileAndItsHash_BufferServesTheNextBinary()
    {
        string first = Fixtures.Get("go1.22", "default").Path, second = Fixtures.Get("go1.21", "default").Path;
        var buffers = new ReadBuffers();
        byte[] used;
        using (var file = BinaryFile.Open(first, long.MaxValue, buffers))
        {
            byte[] expected = File.ReadAllBytes(first);
            Assert.IsTrue(file.Bytes.Span.SequenceEqual(expected), "the file's bytes, not the buffer's length");
            Assert.AreEqual(Convert.ToHexString(SHA256.HashData(expected)).ToLowerInvariant(), file.Sha256);
            Assert.IsTrue(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(file.Bytes, out var segment));
            used = segment.Array!;
        }
        using (var file = BinaryFile.Open(second, long.MaxValue, buffers))
        {
            Assert.IsTrue(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(file.Bytes, out var segment));
            Assert.AreSame(used, segment.Array, "binaries of like size share one buffer");
            Assert.IsTrue(file.Bytes.Span.SequenceEqual(File.ReadAllBytes(second)));
        }
    }

    [TestMethod]
    public void ReadBuffers_PowerOfTwoSizes_TooSmallBuffersDroppedWhenALargerOneIsMade()
    {
        var buffers = new ReadBuffers();
        byte[] small = buffers.Rent(3 << 20);
        Assert.AreEqual(4 << 20, small.Length);
        buffers.Return(small);
        Assert.AreSame(small, buffers.Rent(5 << 19), "a free buffer large enough is reused");
        buffers.Return(small);
        byte[] large = buffers.Rent(5 << 20);
        Assert.AreEqual(8 << 20, large.Length);
        Assert.AreNotSame(small, buffers.Rent(1 << 10), "the 4 MiB buffer was dropped when the 8 MiB one was made");
    }

    [TestMethod]
    public void Bytes_AfterDispose_ThrowsObjectDisposedInsteadOfReadingUnmappedMemory()
    {
        string path = Fixtures.Get("go1.22", "default").Path;
        var file = BinaryFile.Open(path, mapThreshold: 1);
        var bytes = file.Bytes;

        file.Dispose();

        Assert.ThrowsExactly<ObjectDisposedException>(() => _ = bytes.Span[0]);
    }

    [TestMethod]
    public void Open_EmptyFileBelowOrAboveThreshold_IsReadNotMapped()
    {
        string path = Path.GetTempFileName();
        try
        {
            using var file = BinaryFile.Open(path, mapThreshold: 0);

            Assert.IsFalse(file.IsMapped);
            Assert.AreEqual(0, file.Bytes.Length);
            Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", file.Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
