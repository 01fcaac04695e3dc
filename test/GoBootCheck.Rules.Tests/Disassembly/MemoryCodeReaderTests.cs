using GoBootCheck.Disassembly;

namespace GoBootCheck.Tests.Disassembly;

/// <summary>The decoder's byte source reads its window in chunks: every byte once, in order, then the end (-1).</summary>
[TestClass]
public sealed class MemoryCodeReaderTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(255)]
    [DataRow(256)]
    [DataRow(257)]
    [DataRow(1000)]
    public void ReadByte_WholeWindowInOrderThenEnd(int length)
    {
        byte[] file = [.. Enumerable.Range(0, length + 7).Select(i => (byte)(i * 31 + 5))];
        var window = new ReadOnlyMemory<byte>(file, 3, length);
        var reader = new MemoryCodeReader();
        reader.Reset(window);
        for (int i = 0; i < length; i++) Assert.AreEqual(file[3 + i], reader.ReadByte(), $"byte {i}");
        Assert.AreEqual(-1, reader.ReadByte());
        Assert.AreEqual(-1, reader.ReadByte());
    }

    [TestMethod]
    public void Reset_MidChunk_StartsOverAtTheNewWindow()
    {
        byte[] file = [.. Enumerable.Range(0, 600).Select(i => (byte)i)];
        var reader = new MemoryCodeReader();
        reader.Reset(file.AsMemory(0, 600));
        for (int i = 0; i < 300; i++) reader.ReadByte();
        reader.Reset(file.AsMemory(10, 2));
        Assert.AreEqual(10, reader.ReadByte());
        Assert.AreEqual(11, reader.ReadByte());
        Assert.AreEqual(-1, reader.ReadByte());
    }
}
