using GoBootCheck.Go;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.Support;

/// <summary>The Go toolchains of the fixture manifest, as MSTest data rows ("go1.22").</summary>
internal static class Toolchains
{
    public static IEnumerable<object[]> Rows() => Fixtures.All.Select(f => f.Toolchain).Distinct().Order().Select(t => new object[] { t });
}

/// <summary>
/// Makes a real fault in a copy of a real fixture: finds an instruction of a named function by decoding it (pclntab
/// gives the function, also in stripped binaries), changes it with Iced, re-encodes it at the same length and
/// writes the bytes back at the instruction's file offset.
/// </summary>
internal sealed class FaultInjection
{
    private readonly byte[] _bytes;
    private readonly GoBinary _binary;

    public FaultInjection(string toolchain, string variant)
    {
        _bytes = Fixtures.Get(toolchain, variant).Bytes;
        _binary = Load.Go($"{toolchain}/{variant}", (byte[])_bytes.Clone());
        Name = $"{toolchain}/{variant} (patched)";
    }

    /// <summary>The patched copy's name in messages.</summary>
    public string Name { get; }

    /// <summary>The bytes with every patch so far.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>The unpatched fixture's Go model (addresses of functions for building patches).</summary>
    public GoBinary Original => _binary;

    /// <summary>The instructions of the pclntab function <paramref name="function"/> (the first of that name).</summary>
    public List<Instruction> Decode(string function)
    {
        var f = _binary.FunctionsNamed(function) is [var first, ..] ? first : throw new AssertFailedException($"{Name}: no function {function} in pclntab");
        var code = new byte[f.End - f.Entry];
        Assert.IsTrue(_binary.Image.Memory.TryRead(f.Entry, code), $"{Name}: {function} is not mapped");
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code), f.Entry);
        var list = new List<Instruction>();
        while (decoder.IP < f.End)
        {
            decoder.Decode(out var instr);
            list.Add(instr);
        }
        return list;
    }

    /// <summary>
    /// Replaces the <paramref name="occurrence"/>-th instruction of <paramref name="function"/> matching <paramref name="match"/>
    /// by <paramref name="change"/> of it; returns the patched instruction's address.
    /// </summary>
    public ulong Patch(string function, Func<Instruction, bool> match, Func<Instruction, Instruction> change, int occurrence = 0)
    {
        var matches = Decode(function).Where(match).ToList();
        Assert.IsTrue(matches.Count > occurrence, $"{Name}: {function} has {matches.Count} matching instructions, wanted #{occurrence}");
        var original = matches[occurrence];
        var changed = change(original);
        var writer = new CodeWriterImpl();
        var encoder = Encoder.Create(64, writer);
        Assert.IsTrue(encoder.TryEncode(changed, original.IP, out _, out string? error), $"{Name}: cannot encode {changed}: {error}");
        var encoded = writer.ToArray();
        Assert.AreEqual(original.Length, encoded.Length, $"{Name}: '{changed}' encodes to {encoded.Length} bytes, the original '{original}' has {original.Length}");
        WriteAt(original.IP, encoded);
        return original.IP;
    }

    /// <summary>Entry address of a pclntab function.</summary>
    public ulong EntryOf(string function) =>
        _binary.FunctionsNamed(function) is [var f, ..] ? f.Entry : throw new AssertFailedException($"{Name}: no function {function} in pclntab");

    /// <summary>Address of an ELF symbol (C functions are not in pclntab when linked externally).</summary>
    public ulong SymbolAddress(string symbol) =>
        _binary.Image.FindSymbol(symbol)?.Value ?? throw new AssertFailedException($"{Name}: no symbol {symbol}");

    /// <summary>Writes raw bytes at a link-time address.</summary>
    public void WriteAt(ulong address, byte[] bytes)
    {
        var segment = _binary.Image.Memory.FindSegment(address) ?? throw new AssertFailedException($"{Name}: 0x{address:x} is unmapped");
        Assert.IsTrue(address - segment.VirtualAddress + (ulong)bytes.Length <= segment.FileSize, $"{Name}: 0x{address:x} is not file-backed");
        bytes.CopyTo(_bytes, (long)(segment.FileOffset + (address - segment.VirtualAddress)));
    }

    private sealed class CodeWriterImpl : CodeWriter
    {
        private readonly List<byte> _bytes = [];

        public override void WriteByte(byte value) => _bytes.Add(value);

        public byte[] ToArray() => [.. _bytes];
    }
}
