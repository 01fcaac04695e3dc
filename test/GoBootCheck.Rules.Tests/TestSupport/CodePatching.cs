using GoBootCheck.Go;
using Iced.Intel;

namespace GoBootCheck.Tests.TestSupport;

/// <summary>
/// What every fault-injection helper needs from a real binary: the instructions of one of its functions, and the file
/// offset behind a link-time address so that a patch lands in the bytes the verifier will read.
/// </summary>
public static class CodePatching
{
    /// <summary>The instructions of <paramref name="function"/>, decoded linearly from its entry up to <paramref name="end"/>.</summary>
    public static List<Instruction> Decode(GoBinary binary, GoFunction function, ulong end)
    {
        var code = new byte[end - function.Entry];
        Assert.IsTrue(binary.Image.Memory.TryRead(function.Entry, code), $"{binary.Image.Name}: {function.Name} is not mapped");
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code), function.Entry);
        var list = new List<Instruction>();
        while (decoder.IP < end) list.Add(decoder.Decode());
        return list;
    }

    /// <summary>The file offset of <paramref name="length"/> file-backed bytes at <paramref name="address"/>; fails if they are not.</summary>
    public static int FileOffset(GoBinary binary, ulong address, int length)
    {
        var segment = binary.Image.Memory.FindSegment(address) ?? throw new AssertFailedException($"{binary.Image.Name}: 0x{address:x} is unmapped");
        Assert.IsTrue(address - segment.VirtualAddress + (ulong)length <= segment.FileSize, $"{binary.Image.Name}: 0x{address:x} is not file-backed");
        return checked((int)(segment.FileOffset + (address - segment.VirtualAddress)));
    }
}
