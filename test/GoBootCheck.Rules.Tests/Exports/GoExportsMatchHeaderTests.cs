using System.Buffers.Binary;
using System.Text;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Rules.BuiltIn;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Tests.Exports;

/// <summary>
/// GBC0006 on the real c-shared libraries of the fixture cache (every toolchain) with the header go build wrote beside
/// them: clean as built; a header edited after the build (an export renamed, removed, added) and a library whose .dynsym
/// name of an export was patched in .dynstr (the header now stale) fail with exactly GBC0006, naming the function.
/// </summary>
[TestClass]
public sealed class GoExportsMatchHeaderTests
{
    public static IEnumerable<object[]> CSharedRows =>
        Fixtures.All.Where(f => f.BuildMode == "c-shared").Select(f => new object[] { f });

    private static Fixture Types(string toolchain = "go1.27") => Fixtures.Get(toolchain, "c-shared-types");

    private static string HeaderOf(Fixture fixture) =>
        Directory.GetFiles(Path.GetDirectoryName(fixture.Path)!, "*.h").Single();

    private static BinaryReport Verify(Fixture fixture, byte[] bytes, string headerText, string headerPath)
    {
        var companions = new[] { new Sdk.CompanionFile(Sdk.CompanionFile.CHeader, headerPath, headerText) };
        return new GoBinaryVerifier().Verify(Path.GetFileName(fixture.Path), bytes, Verification.Options, companions);
    }

    [TestMethod]
    [DynamicData(nameof(CSharedRows))]
    public void Verify_CSharedLibraryWithItsHeader_Passes(Fixture fixture)
    {
        string header = HeaderOf(fixture);
        var report = Verify(fixture, fixture.Bytes, File.ReadAllText(header), Path.GetFileName(header));
        var result = report.Result(RuleIds.GoExportsMatchHeader);
        Assert.AreEqual(RuleStatus.Pass, result.Status, report.Describe());
        int declared = fixture.Variant == "c-shared" ? 2 : 26;
        StringAssert.StartsWith(result.Reason, $"the {declared} function(s) of {Path.GetFileName(header)}'s export block are the {declared} Go export(s)", report.Describe());
        Assert.IsFalse(report.Results.Any(r => r.Status == RuleStatus.Fail), report.Describe());
    }

    [TestMethod]
    public void Verify_CSharedLibraryWithoutHeader_IsNotApplicable()
    {
        var fixture = Types();
        var report = new GoBinaryVerifier().Verify("libcgotypes.so", fixture.Bytes, Verification.Options);
        var result = report.Result(RuleIds.GoExportsMatchHeader);
        Assert.AreEqual(RuleStatus.NotApplicable, result.Status, report.Describe());
    }

    [TestMethod]
    [DataRow("go1.15")]
    [DataRow("go1.27")]
    public void Verify_HeaderWithExportRenamed_FailsNamingBothNames(string toolchain)
    {
        var fixture = Types(toolchain);
        string text = Edit(File.ReadAllText(HeaderOf(fixture)), " AddInt(", " AddInteger(");
        var report = Verify(fixture, fixture.Bytes, text, "libcgotypes.h");
        var result = report.AssertOnlyFailure(RuleIds.GoExportsMatchHeader, "AddInteger");
        CollectionAssert.AreEqual(new[] { "AddInteger", "AddInt" }, result.Findings.Select(f => f.Location!.Function).ToArray(), report.Describe());
        StringAssert.StartsWith(result.Findings[0].Message, "libcgotypes.h:", report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "declares the export 'AddInteger', but libcgotypes.so does not export it in .dynsym", report.Describe());
        StringAssert.Contains(result.Findings[1].Message, "libcgotypes.so exports the Go function 'AddInt' (_cgoexp_", report.Describe());
        StringAssert.Contains(result.Findings[1].Message, "but libcgotypes.h does not declare it", report.Describe());
    }

    [TestMethod]
    public void Verify_HeaderWithExportRemoved_FailsNamingIt()
    {
        var fixture = Types();
        string text = Edit(File.ReadAllText(HeaderOf(fixture)), "extern GoInt StringLength(GoString s);\n", "");
        var report = Verify(fixture, fixture.Bytes, text, "libcgotypes.h");
        var result = report.AssertOnlyFailure(RuleIds.GoExportsMatchHeader, "StringLength");
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "exports the Go function 'StringLength'", report.Describe());
    }

    [TestMethod]
    public void Verify_HeaderWithExportAdded_FailsNamingIt()
    {
        var fixture = Fixtures.Get("go1.27", "c-shared");
        string text = Edit(File.ReadAllText(HeaderOf(fixture)), "extern int Add(int a, int b);\n",
            "extern int Add(int a, int b);\nextern int Subtract(int a, int b);\n");
        var report = Verify(fixture, fixture.Bytes, text, "libhello.h");
        var result = report.AssertOnlyFailure(RuleIds.GoExportsMatchHeader, "Subtract");
        Assert.AreEqual(1, result.Findings.Count, report.Describe());
        int line = text.Split('\n').ToList().IndexOf("extern int Subtract(int a, int b);") + 1;
        Assert.AreEqual(new GoBootCheck.RulePacks.CodeLocation("Subtract", "libhello.h", line, null), result.Findings[0].Location, report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "declares the export 'Subtract', but libhello.so does not export it in .dynsym", report.Describe());
    }

    [TestMethod]
    [DataRow("go1.15")]
    [DataRow("go1.21")]
    [DataRow("go1.27")]
    public void Verify_LibraryWithExportNamePatchedInDynstr_FailsNamingIt(string toolchain)
    {
        var fixture = Fixtures.Get(toolchain, "c-shared");
        byte[] bytes = fixture.Bytes;
        PatchDynstr(bytes, "Add", "Adx");
        var report = Verify(fixture, bytes, File.ReadAllText(HeaderOf(fixture)), "libhello.h");
        var result = report.AssertOnlyFailure(RuleIds.GoExportsMatchHeader, "Add");
        CollectionAssert.AreEqual(new[] { "Add", "Adx" }, result.Findings.Select(f => f.Location!.Function).ToArray(), report.Describe());
        StringAssert.Contains(result.Findings[0].Message, "declares the export 'Add', but libhello.so does not export it in .dynsym: ", report.Describe());
        StringAssert.Contains(result.Findings[1].Message, "libhello.so exports the Go function 'Adx' (_cgoexp_", report.Describe());
    }

    private static string Edit(string text, string from, string to)
    {
        Assert.IsTrue(text.Contains(from, StringComparison.Ordinal), $"'{from}' not in the header");
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Rewrites the NUL-terminated name <paramref name="from"/> in .dynstr (exactly one occurrence) to <paramref name="to"/>.</summary>
    private static void PatchDynstr(byte[] elf, string from, string to)
    {
        Assert.AreEqual(from.Length, to.Length);
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3a));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3c));
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3e));
        Span<byte> Header(int i) => elf.AsSpan((int)shoff + i * shentsize, shentsize);
        long namesOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(Header(shstrndx)[0x18..]);
        for (int i = 0; i < shnum; i++)
        {
            var header = Header(i);
            int nameOffset = (int)(namesOffset + BinaryPrimitives.ReadUInt32LittleEndian(header));
            if (Encoding.ASCII.GetString(elf, nameOffset, ".dynstr\0".Length) != ".dynstr\0") continue;
            int offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]);
            int size = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
            var table = elf.AsSpan(offset, size);
            // The linker merges suffixes in .dynstr: "Add" is the tail of "_cgoexp_<hash>_Add", so the C wrapper's name
            // and its Go side are renamed together (as a rebuild after renaming the //export would).
            byte[] needle = Encoding.ASCII.GetBytes(from + "\0");
            var starts = new List<int>();
            for (int at = table.IndexOf(needle); at >= 0; at = table[(at + 1)..].IndexOf(needle) is var next and >= 0 ? at + 1 + next : -1)
            {
                if (at > 0 && (table[at - 1] == 0 || table[at - 1] == (byte)'_')) starts.Add(at);
            }
            Assert.AreEqual(1, starts.Count, $"{from} as a name or the tail of _cgoexp_…_{from} in .dynstr");
            Encoding.ASCII.GetBytes(to).CopyTo(table[starts[0]..]);
            return;
        }
        Assert.Fail("no .dynstr section");
    }
}
