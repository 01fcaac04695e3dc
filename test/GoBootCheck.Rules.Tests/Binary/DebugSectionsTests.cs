using System.Buffers.Binary;
using System.IO.Compression;
using GoBootCheck.Binary;

namespace GoBootCheck.Tests.Binary;

/// <summary>
/// Decompression of DWARF sections in both of Go's forms, and every size read from the file bounded before it
/// allocates: a lying header is corrupt input, never a huge allocation or an exception.
/// </summary>
[TestClass]
public sealed class DebugSectionsTests
{
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 251))];

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    /// <summary>Elf64_Chdr { ch_type, ch_reserved, ch_size, ch_addralign } + zlib stream (SHF_COMPRESSED, Go 1.19+).</summary>
    private static byte[] Chdr(byte[] stream, ulong size, uint type = 1)
    {
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, type);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), size);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), 1);
        return [.. header, .. stream];
    }

    /// <summary>"ZLIB" + big-endian size + zlib stream (.zdebug_*, Go 1.11–1.18).</summary>
    private static byte[] Zdebug(byte[] stream, ulong size)
    {
        var header = new byte[12];
        "ZLIB"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(4), size);
        return [.. header, .. stream];
    }

    [TestMethod]
    public void ReadChdr_Zlib_Inflates()
    {
        Assert.AreEqual(DebugSectionStatus.Read, DebugSections.ReadChdr(".debug_info", Chdr(Zlib(Payload), (ulong)Payload.Length), long.MaxValue, out var content, out var error), error);
        CollectionAssert.AreEqual(Payload, content);
    }

    [TestMethod]
    public void ReadZdebug_Zlib_Inflates()
    {
        Assert.AreEqual(DebugSectionStatus.Read, DebugSections.ReadZdebug(".zdebug_info", Zdebug(Zlib(Payload), (ulong)Payload.Length), long.MaxValue, out var content, out var error), error);
        CollectionAssert.AreEqual(Payload, content);
    }

    [TestMethod]
    [DataRow(1UL << 40, "above the 536870912-byte cap")]
    [DataRow(100_000_000UL, "more than")] // within the cap, but more than zlib can make of ~100 bytes
    [DataRow(4999UL, "inflates to more than 4999 bytes, not the declared 4999")]
    [DataRow(5001UL, "inflates to 5000 bytes, not the declared 5001")]
    public void ReadChdr_LyingSize_Corrupt(ulong declared, string expected)
    {
        Assert.AreEqual(DebugSectionStatus.Corrupt, DebugSections.ReadChdr(".debug_info", Chdr(Zlib(Payload), declared), long.MaxValue, out var content, out var error));
        Assert.IsNull(content);
        StringAssert.Contains(error, expected);
    }

    [TestMethod]
    public void ReadZdebug_HugeSize_CorruptWithoutAllocating()
    {
        Assert.AreEqual(DebugSectionStatus.Corrupt, DebugSections.ReadZdebug(".zdebug_info", Zdebug(Zlib(Payload), ulong.MaxValue), long.MaxValue, out _, out var error));
        StringAssert.Contains(error, "cap");
    }

    [TestMethod]
    public void ReadChdr_OverBudget_NotInflated()
    {
        Assert.AreEqual(DebugSectionStatus.OverBudget, DebugSections.ReadChdr(".debug_info", Chdr(Zlib(Payload), (ulong)Payload.Length), 4096, out var content, out var error));
        Assert.IsNull(content);
        StringAssert.Contains(error, "over the 4096-byte budget");
    }

    [TestMethod]
    public void ReadChdr_Zstd_Unsupported()
    {
        Assert.AreEqual(DebugSectionStatus.Unsupported, DebugSections.ReadChdr(".debug_info", Chdr(Zlib(Payload), 5000, type: 2), long.MaxValue, out _, out var error));
        StringAssert.Contains(error, "compression type 2");
    }

    [TestMethod]
    public void ReadChdr_NotZlib_Corrupt()
    {
        byte[] garbage = [.. Enumerable.Repeat((byte)0xAB, 64)];
        Assert.AreEqual(DebugSectionStatus.Corrupt, DebugSections.ReadChdr(".debug_info", Chdr(garbage, 5000), long.MaxValue, out _, out var error));
        StringAssert.Contains(error, ".debug_info");
    }

    [TestMethod]
    public void ReadChdr_TruncatedHeader_Corrupt()
    {
        Assert.AreEqual(DebugSectionStatus.Corrupt, DebugSections.ReadChdr(".debug_info", new byte[10], long.MaxValue, out _, out var error));
        StringAssert.Contains(error, "shorter than an Elf64_Chdr");
    }

    [TestMethod]
    public void ReadZdebug_BadMagic_Corrupt()
    {
        var bytes = Zdebug(Zlib(Payload), 5000);
        bytes[0] = (byte)'X';
        Assert.AreEqual(DebugSectionStatus.Corrupt, DebugSections.ReadZdebug(".zdebug_info", bytes, long.MaxValue, out _, out var error));
        StringAssert.Contains(error, "\"ZLIB\"");
    }

    [TestMethod]
    public void ScanUnits_LengthPastEnd_Error()
    {
        // unit_length 0x100, version 4, but only 8 more bytes.
        byte[] info = [0x00, 0x01, 0x00, 0x00, 0x04, 0x00, 0, 0, 0, 0, 8, 0];
        Assert.IsNull(DwarfUnits.Scan(info, out var error));
        StringAssert.Contains(error, "claims 256 bytes");
    }

    [TestMethod]
    public void ScanUnits_Dwarf4And5_VersionsAndAbbrevOffsets()
    {
        // DWARF 4: length 7 | version 4 | abbrev 0x10 | address size 8; DWARF 5: length 8 | version 5 | DW_UT_compile | 8 | abbrev 0x20.
        byte[] info = [7, 0, 0, 0, 4, 0, 0x10, 0, 0, 0, 8, 8, 0, 0, 0, 5, 0, 1, 8, 0x20, 0, 0, 0];
        var units = DwarfUnits.Scan(info, out var error);
        Assert.IsNotNull(units, error);
        CollectionAssert.AreEqual(new[] { new DwarfUnitHeader(0, 11, 4, 0x10, 11, 4, 8), new DwarfUnitHeader(11, 23, 5, 0x20, 23, 4, 8) }, units);
    }

    // Abbreviation table: code 1 = DW_TAG_lexical_block (0x0b), has children, DW_AT_name (0x03) DW_FORM_string (0x08).
    private static readonly byte[] Abbrev = [1, 0x0b, 1, 0x03, 0x08, 0, 0, 0];

    /// <summary>A DWARF 4 unit whose DIEs nest <paramref name="depth"/> deep: each "a\0" then, at the end, the closing zeros.</summary>
    private static byte[] NestedUnit(int depth, byte code = 1)
    {
        var body = new List<byte> { 4, 0, 0, 0, 0, 0, 8 }; // version 4, abbrev offset 0, address size 8
        for (int i = 0; i < depth; i++) body.AddRange([code, (byte)'a', 0]);
        body.AddRange(Enumerable.Repeat((byte)0, depth));
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)body.Count);
        return [.. length, .. body];
    }

    private static string? Check(byte[] info, byte[] abbrev) =>
        DwarfStructure.Walk(info, abbrev, DwarfUnits.Scan(info, out _)!, out var error) is null ? error : null;

    [TestMethod]
    public void CheckStructure_ShallowNesting_AcceptedWithUnitName()
    {
        var info = NestedUnit(DwarfStructure.MaxDepth);
        var facts = DwarfStructure.Walk(info, Abbrev, DwarfUnits.Scan(info, out _)!, out var error);
        Assert.IsNotNull(facts, error);
        Assert.AreEqual("a", facts.Single().Name);
    }

    /// <summary>LibObjectFile recurses per level: a deep tree would overflow the stack, so it never gets one.</summary>
    [TestMethod]
    public void CheckStructure_DeepNesting_Rejected() =>
        StringAssert.Contains(Check(NestedUnit(100_000), Abbrev), $"DIEs nest more than {DwarfStructure.MaxDepth} deep");

    [TestMethod]
    public void CheckStructure_UnknownAbbreviationCode_Rejected() =>
        StringAssert.Contains(Check(NestedUnit(3, code: 2), Abbrev), "abbreviation code 2, which its table does not define");

    [TestMethod]
    public void CheckStructure_Dwarf5Form_Rejected() =>
        // DW_FORM_line_strp (0x1f), as gcc 11+ writes for DW_AT_name.
        StringAssert.Contains(Check(NestedUnit(1), [1, 0x0b, 1, 0x03, 0x1f, 0, 0, 0]), "form 0x1f, which LibObjectFile cannot read");

    [TestMethod]
    public void CheckStructure_StringPastUnit_Rejected()
    {
        var info = NestedUnit(1);
        info[^2] = (byte)'b'; // the name's terminating zero
        info[^1] = (byte)'c'; // the closing zero
        StringAssert.Contains(Check(info, Abbrev), "runs past the end of its unit");
    }
}
