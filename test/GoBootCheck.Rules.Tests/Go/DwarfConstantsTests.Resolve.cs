using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Go;

namespace GoBootCheck.Tests.Go;

/// <summary>
/// The disagreement path, on the comparison logic: every fixture's DWARF agrees with the table, and patching a
/// compressed DWARF constant in a copy is more work than the logic it would test.
/// </summary>
public sealed partial class DwarfConstantsTests
{
    private static readonly RuntimeConstants Go121 = RuntimeConstants.ForVersion(21, race: false)!;

    private static readonly Dictionary<string, string> Names121 = new()
    {
        ["StackGuard"] = "runtime.stackGuard",
        ["StackLimit"] = "runtime.stackNosplit",
        ["StackSmall"] = "internal/abi.StackSmall",
        ["StackBig"] = "internal/abi.StackBig",
        ["GStackguard0"] = "runtime.g.stackguard0",
        ["MTls"] = "runtime.m.tls",
    };

    private static DwarfConstantsOutcome ReadOutcome(DwarfRuntimeValues values) =>
        new(DwarfLookupStatus.Read, null, values, Names121);

    [TestMethod]
    public void Compare_DoubledGuard_ListsEachDisagreementByGoName()
    {
        // What a go1.21 toolchain with multiplier 2 (or a table gone stale) would write.
        var dwarf = new DwarfRuntimeValues(1728, 1600, 128, 4096, 16, 136);
        var differences = DwarfConstants.Compare(Go121, dwarf, Names121);
        CollectionAssert.AreEqual(
            new[] { new ConstantDisagreement("StackGuard", "runtime.stackGuard", 1728, 928), new ConstantDisagreement("StackLimit", "runtime.stackNosplit", 1600, 800) },
            differences.ToArray());
        Assert.AreEqual("runtime.stackGuard = 1728 (table StackGuard = 928)", differences[0].ToString());
    }

    [TestMethod]
    public void Compare_Agreeing_IsEmpty() =>
        Assert.AreEqual(0, DwarfConstants.Compare(Go121, new DwarfRuntimeValues(928, 800, 128, 4096, 16, 136), Names121).Count);

    [TestMethod]
    public void Resolve_Disagreement_OneNoteAndDwarfValuesWin()
    {
        var diagnostics = new DiagnosticBag();
        var constants = DwarfConstants.Resolve("hello", Go121, ReadOutcome(new DwarfRuntimeValues(1728, 1600, 128, 4096, 16, 0x80)), diagnostics);
        Assert.AreEqual(Go121 with { StackGuard = 1728, StackLimit = 1600, MTls = 0x80, Source = "DWARF" }, constants);
        Assert.AreEqual(1, diagnostics.Items.Count);
        var d = diagnostics.Items[0];
        Assert.AreEqual(DiagnosticIds.ConstantsDisagree, d.Id);
        Assert.AreEqual(Severity.Note, d.Severity);
        Assert.AreEqual(DiagnosticKind.Informational, d.Kind);
        Assert.AreEqual(
            $"hello: the binary's DWARF disagrees with the runtime constants table ({Go121.Source}): runtime.stackGuard = 1728 (table StackGuard = 928); " +
            "runtime.stackNosplit = 1600 (table StackLimit = 800); runtime.m.tls = 128 (table MTls = 136); using the DWARF values",
            d.Message);
    }

    [TestMethod]
    public void Resolve_StackguardOffsetDiffers_Warning()
    {
        var diagnostics = new DiagnosticBag();
        DwarfConstants.Resolve("hello", Go121, ReadOutcome(new DwarfRuntimeValues(928, 800, 128, 4096, 0, 136)), diagnostics);
        Assert.AreEqual(1, diagnostics.Items.Count);
        Assert.AreEqual(DiagnosticIds.ConstantsDisagree, diagnostics.Items[0].Id);
        Assert.AreEqual(Severity.Warning, diagnostics.Items[0].Severity);
        StringAssert.Contains(diagnostics.Items[0].Message, "the rules assume g.stackguard0 at 16");
    }

    [TestMethod]
    public void Resolve_PartialDwarf_SourceNamesTableFields()
    {
        var diagnostics = new DiagnosticBag();
        var constants = DwarfConstants.Resolve("hello", Go121, ReadOutcome(new DwarfRuntimeValues(928, 800, null, null, null, null)), diagnostics);
        Assert.AreEqual(Go121 with { Source = $"DWARF, with StackSmall, StackBig, MTls from {Go121.Source}" }, constants);
        Assert.AreEqual(0, diagnostics.Items.Count);
    }

    [TestMethod]
    public void Resolve_NoTableRow_DwarfAlone()
    {
        var diagnostics = new DiagnosticBag();
        var constants = DwarfConstants.Resolve("hello", null, ReadOutcome(new DwarfRuntimeValues(928, 800, 128, 4096, 16, 136)), diagnostics);
        Assert.AreEqual(new RuntimeConstants(928, 128, 4096, 800, 136, -8, "DWARF (no table row)"), constants);
        Assert.IsNull(DwarfConstants.Resolve("hello", null, ReadOutcome(new DwarfRuntimeValues(928, 800, 128, 4096, 16, null)), diagnostics));
        Assert.AreEqual(0, diagnostics.Items.Count);
    }

    [TestMethod]
    [DataRow("Unsupported", "DWARF 5 is not readable by this version of LibObjectFile", "hello: DWARF 5 is not readable by this version of LibObjectFile; using the table (")]
    [DataRow("Corrupt", "bad unit", "hello: the DWARF could not be read (bad unit); using the table (")]
    public void Resolve_DwarfUnusable_NoteAndTable(string status, string reason, string message)
    {
        var diagnostics = new DiagnosticBag();
        var outcome = new DwarfConstantsOutcome(Enum.Parse<DwarfLookupStatus>(status), reason, null, new Dictionary<string, string>());
        Assert.AreSame(Go121, DwarfConstants.Resolve("hello", Go121, outcome, diagnostics));
        Assert.AreEqual(1, diagnostics.Items.Count);
        Assert.AreEqual(DiagnosticIds.DwarfUnreadable, diagnostics.Items[0].Id);
        Assert.AreEqual(Severity.Note, diagnostics.Items[0].Severity);
        StringAssert.StartsWith(diagnostics.Items[0].Message, message);
    }
}
