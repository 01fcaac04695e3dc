using System.Buffers.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Tests.TestSupport;
using LibObjectFile.Elf;

namespace GoBootCheck.Tests.Binary;

/// <summary>Bad input is data: each malformed, truncated or foreign file gives exactly one diagnostic naming it.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static BinaryReport Verify(string name, byte[] bytes) =>
        new GoBinaryVerifier().Verify(name, bytes, new VerificationOptions());

    private static ToolDiagnostic Single(BinaryReport report, string id, Severity severity)
    {
        Assert.AreEqual(1, report.Diagnostics.Count, string.Join("\n", report.Diagnostics));
        var d = report.Diagnostics[0];
        Assert.AreEqual(id, d.Id, d.Message);
        Assert.AreEqual(severity, d.Severity);
        StringAssert.StartsWith(d.Message, report.Path + ":");
        Assert.AreEqual(0, report.Results.Count);
        return d;
    }

    private static byte[] Hello => Fixtures.Get("go1.22", "default").Bytes;

    [TestMethod]
    public void Verify_TextFile_IsNotElf() =>
        Single(Verify("notes.txt", "hello, I am not a binary\n"u8.ToArray()), DiagnosticIds.NotElf, Severity.Error);

    [TestMethod]
    public void Verify_EmptyFile_IsNotElf() =>
        Single(Verify("empty", []), DiagnosticIds.NotElf, Severity.Error);

    [TestMethod]
    [DataRow(16)]
    [DataRow(64)]
    [DataRow(4096)]
    [DataRow(65536)]
    [DataRow(1 << 20)]
    public void Verify_TruncatedGoBinary_IsMalformed(int length) =>
        Single(Verify("hello-truncated", Hello[..length]), DiagnosticIds.MalformedElf, Severity.Error);

    [TestMethod]
    public void Verify_ProgramHeaderOffsetPastEnd_IsMalformed()
    {
        var bytes = Hello;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x20), (ulong)bytes.Length + 0x1000); // e_phoff
        Single(Verify("hello-bad-phoff", bytes), DiagnosticIds.MalformedElf, Severity.Error);
    }

    [TestMethod]
    public void Verify_SegmentPastEndOfFile_IsMalformed()
    {
        var bytes = Hello;
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x20));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38));
        for (int i = 0; i < phnum; i++)
        {
            var ph = bytes.AsSpan((int)phoff + i * 56, 56);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != 1) continue; // first PT_LOAD
            BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], (ulong)bytes.Length * 2); // p_filesz
            BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], (ulong)bytes.Length * 2); // p_memsz
            break;
        }
        var d = Single(Verify("hello-bad-segment", bytes), DiagnosticIds.MalformedElf, Severity.Error);
        StringAssert.Contains(d.Message, "truncated");
    }

    [TestMethod]
    public void Verify_SectionOffsetFarPastEnd_IsMalformedWithoutAllocatingTheGap()
    {
        var bytes = Hello;
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x28));
        var text = bytes.AsSpan((int)shoff + 64, 64); // section 1: .text
        BinaryPrimitives.WriteUInt64LittleEndian(text[24..], 0x2017d800); // sh_offset 512 MiB past the start
        long before = GC.GetAllocatedBytesForCurrentThread();
        var d = Single(new GoBinaryVerifier().Verify("hello-far-section", bytes, new VerificationOptions { Parallelism = 1 }), DiagnosticIds.MalformedElf, Severity.Error);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        StringAssert.Contains(d.Message, "section [1] needs file bytes 0x2017d800");
        Assert.IsTrue(allocated < 16L << 20, $"allocated {allocated >> 20} MiB");
    }

    [TestMethod]
    public void Verify_GoBinaryPatchedToArm64_IsUnsupportedWarning()
    {
        var bytes = Hello;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x12), 183); // e_machine = EM_AARCH64
        var d = Single(Verify("hello-arm64", bytes), DiagnosticIds.UnsupportedTarget, Severity.Warning);
        StringAssert.Contains(d.Message, "arm64");
    }

    [TestMethod]
    public void Verify_Arm64ElfWrittenByLibObjectFile_IsUnsupportedWarning()
    {
        var elf = new ElfFile(ElfArch.AARCH64) { FileType = ElfFileType.Executable };
        elf.Add(new ElfStreamSection(ElfSectionSpecialType.Text, new MemoryStream(new byte[16])));
        elf.Add(new ElfSectionHeaderStringTable());
        elf.Add(new ElfSectionHeaderTable());
        using var stream = new MemoryStream();
        elf.Write(stream);
        var d = Single(Verify("tiny-arm64", stream.ToArray()), DiagnosticIds.UnsupportedTarget, Severity.Warning);
        StringAssert.Contains(d.Message, "arm64");
    }

    [TestMethod]
    public void Verify_UnsupportedWarning_IsErrorUnderStrictPolicy()
    {
        var bytes = Hello;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x12), 183);
        var report = new GoBinaryVerifier().Verify("hello-arm64", bytes, new VerificationOptions { TreatUnverifiableAsError = true });
        Assert.AreEqual(Severity.Error, report.Diagnostics.Single().Severity);
    }

    [TestMethod]
    public void Verify_ElfWithoutGo_IsNotGoBinary()
    {
        var d = Single(Verify("/usr/bin/gcc", File.ReadAllBytes("/usr/bin/gcc")), DiagnosticIds.NotGoBinary, Severity.Error);
        StringAssert.Contains(d.Message, "pclntab");
    }

    [TestMethod]
    public void Verify_PclntabMagicUnknown_IsUnsupportedLayout()
    {
        var bytes = Hello;
        var go = Load.Go("hello", Hello);
        int offset = (int)(go.Pclntab.Address - go.Image.Memory.FindSegment(go.Pclntab.Address)!.VirtualAddress
                           + go.Image.Memory.FindSegment(go.Pclntab.Address)!.FileOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), 0xfffffff2); // a future layout
        var d = Single(Verify("hello-future", bytes), DiagnosticIds.UnsupportedGoLayout, Severity.Warning);
        StringAssert.Contains(d.Message, "0xfffffff2");
    }

    [TestMethod]
    public void Verify_PclntabFunctionCountCorrupt_IsCorruptGoMetadata()
    {
        var bytes = Hello;
        var go = Load.Go("hello", Hello);
        var seg = go.Image.Memory.FindSegment(go.Pclntab.Address)!;
        int offset = (int)(go.Pclntab.Address - seg.VirtualAddress + seg.FileOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset + 8), 0x7fff_ffff_ffff); // nfunc
        var d = Single(Verify("hello-corrupt", bytes), DiagnosticIds.CorruptGoMetadata, Severity.Error);
        StringAssert.Contains(d.Message, "nfunc");
    }
}
