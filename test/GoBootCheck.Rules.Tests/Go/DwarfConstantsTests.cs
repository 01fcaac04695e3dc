using System.Diagnostics;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Go;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Go;

/// <summary>
/// Runtime constants from the binary's DWARF (go-prologue-pclntab.md §6): they take precedence over the table, agree
/// with it for every fixture, and the table is used, with a note, where DWARF is absent, DWARF 5 or unreadable.
/// </summary>
[TestClass]
public sealed partial class DwarfConstantsTests
{
    public static IEnumerable<object[]> Unstripped => Fixtures.All.Where(f => !f.Stripped).Select(f => new object[] { f });

    public static IEnumerable<object[]> Stripped => Fixtures.All.Where(f => f.Stripped).Select(f => new object[] { f });

    public static IEnumerable<object[]> Race => Fixtures.All.Where(f => f.Variant == "race").Select(f => new object[] { f });

    private static int Minor(Fixture f) => int.Parse(f.Toolchain["go1.".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static (GoBinary Go, DiagnosticBag Diagnostics) Read(string name, byte[] bytes)
    {
        var diagnostics = new DiagnosticBag();
        Assert.IsTrue(BinaryImage.TryLoad(name, bytes, diagnostics, out var image), Load.Describe(diagnostics));
        Assert.IsTrue(GoBinary.TryRead(image!, diagnostics, out var go), Load.Describe(diagnostics));
        return (go!, diagnostics);
    }

    // Go 1.27 has no row; its constants are 1.26's (the binaries' own code says so: ConstantInferenceTests).
    private static RuntimeConstants Table(GoBinary go) => RuntimeConstants.ForVersion(Math.Min(go.Version!.Minor, 26), go.IsRace)!;

    /// <summary>
    /// Go ≤ 1.24 writes DWARF 4 (cgo builds add gcc's DWARF 5 units after Go's, which are left out): its constants
    /// and g/m offsets equal the table's and are used. Go 1.25 writes DWARF 5: one note, and the table.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Unstripped))]
    public void Constants_Unstripped_DwarfEqualsTableOrDwarf5UsesTable(Fixture fixture)
    {
        var (go, diagnostics) = Read(fixture.Path, fixture.Bytes);
        var table = Table(go);
        var outcome = DwarfConstants.Read(go.Image);
        var dwarfDiagnostics = diagnostics.Items.Where(d => d.Id is DiagnosticIds.DwarfUnreadable or DiagnosticIds.ConstantsDisagree).ToList();
        if (Minor(fixture) >= 25)
        {
            Assert.AreEqual(DwarfLookupStatus.Unsupported, outcome.Status, outcome.Reason);
            Assert.AreEqual(1, dwarfDiagnostics.Count, Load.Describe(diagnostics));
            Assert.AreEqual(DiagnosticIds.DwarfUnreadable, dwarfDiagnostics[0].Id);
            Assert.AreEqual(Severity.Note, dwarfDiagnostics[0].Severity);
            Assert.AreEqual(DiagnosticKind.Informational, dwarfDiagnostics[0].Kind);
            StringAssert.Contains(dwarfDiagnostics[0].Message, "DWARF 5 is not readable by this version");
            StringAssert.Contains(dwarfDiagnostics[0].Message, Minor(fixture) <= 26 ? "using the table" : "the runtime constants table has no row for it either");
            AssertSameStackConstants(table, go.Constants);
            StringAssert.StartsWith(go.Constants!.Source, "binary: ");
            return;
        }
        if (Minor(fixture) == 15 && fixture.Variant is "cgo" or "cgo-static")
        {
            // Go 1.15's external link puts gcc 12's DWARF 5 unit between Go's units; the reader leaves out only trailing
            // DWARF 5 units, so this DWARF is not read (a note) and the constants come from the binary's code alone.
            Assert.AreEqual(DwarfLookupStatus.Unsupported, outcome.Status, outcome.Reason);
            StringAssert.StartsWith(outcome.Reason, ".debug_info mixes DWARF versions (11 DWARF 3-4 units follow a DWARF 5 unit at ");
            Assert.AreEqual(DiagnosticIds.DwarfUnreadable, dwarfDiagnostics.Single().Id, Load.Describe(diagnostics));
            AssertSameStackConstants(table, go.Constants);
            Assert.IsFalse(go.Constants!.Source.Contains("DWARF", StringComparison.Ordinal), go.Constants.Source);
            return;
        }
        Assert.AreEqual(DwarfLookupStatus.Read, outcome.Status, outcome.Reason);
        Assert.AreEqual(0, dwarfDiagnostics.Count, Load.Describe(diagnostics));
        Assert.AreEqual(new DwarfRuntimeValues(table.StackGuard, table.StackLimit, table.StackSmall, table.StackBig, RuntimeConstants.GStackguard0, table.MTls),
            outcome.Values);
        string[] expectedNames = Minor(fixture) >= 21
            ? ["runtime.stackGuard", "runtime.stackNosplit", "internal/abi.StackSmall", "internal/abi.StackBig"]
            : ["runtime._StackGuard", "runtime._StackLimit", "runtime._StackSmall", "runtime._StackBig"];
        CollectionAssert.AreEqual(expectedNames, new[] { "StackGuard", "StackLimit", "StackSmall", "StackBig" }.Select(f => outcome.Names[f]).ToArray());
        AssertSameStackConstants(table, go.Constants);
        StringAssert.StartsWith(go.Constants!.Source, "binary: ");
        StringAssert.Contains(go.Constants.Source, "StackGuard " + table.StackGuard.ToString(System.Globalization.CultureInfo.InvariantCulture) + " [DWARF + ");
    }

    /// <summary>
    /// The fields DWARF speaks for. The g slot is the binary's own (its TLS accesses): -88 in the static cgo builds,
    /// whose glibc TLS block comes first, where the table says -8 (GBC1023; GBC0002 does not apply with cgo).
    /// Without a table row (Go 1.27) and without readable DWARF, StackBig is the upper end of the bound the prologues set
    /// (4103 in these hellos: frames are multiples of 8, so it accepts exactly the medium frames 4096 does) and m.tls,
    /// which no rule needs, is not inferred.
    /// </summary>
    private static void AssertSameStackConstants(RuntimeConstants expected, RuntimeConstants? actual)
    {
        Assert.IsNotNull(actual);
        if (actual.Source.Contains("StackBig 4096 [", StringComparison.Ordinal) || !actual.Source.Contains("[the bound ", StringComparison.Ordinal))
        {
            Assert.AreEqual((expected.StackGuard, expected.StackLimit, expected.StackSmall, expected.StackBig, expected.MTls),
                (actual.StackGuard, actual.StackLimit, actual.StackSmall, actual.StackBig, actual.MTls), actual.Source);
            return;
        }
        Assert.AreEqual((expected.StackGuard, expected.StackLimit, expected.StackSmall), (actual.StackGuard, actual.StackLimit, actual.StackSmall), actual.Source);
        Assert.AreEqual(4103, actual.StackBig, actual.Source);
        Assert.IsNull(actual.MTls, actual.Source);
    }

    /// <summary>-race doubles the guard from Go 1.20 on (1.21+: stackNosplit 1600, stackGuard 1728); DWARF says so itself.</summary>
    [TestMethod]
    [DynamicData(nameof(Race))]
    public void Constants_RaceBuild_GuardFromDwarf(Fixture fixture)
    {
        var (go, _) = Read(fixture.Path, fixture.Bytes);
        Assert.IsTrue(go.IsRace);
        var (guard, limit) = Minor(fixture) switch
        {
            <= 19 => (928, 800),
            20 => (1856, 1728),
            _ => (1728, 1600),
        };
        Assert.AreEqual(guard, go.Constants!.StackGuard);
        Assert.AreEqual(limit, go.Constants.StackLimit);
        var outcome = DwarfConstants.Read(go.Image);
        if (Minor(fixture) >= 25)
        {
            Assert.AreEqual(DwarfLookupStatus.Unsupported, outcome.Status);
            StringAssert.StartsWith(go.Constants.Source, "binary: ");
            Assert.IsFalse(go.Constants.Source.Contains("DWARF", StringComparison.Ordinal), go.Constants.Source);
        }
        else
        {
            Assert.AreEqual(guard, outcome.Values!.StackGuard);
            Assert.AreEqual(limit, outcome.Values.StackLimit);
            StringAssert.Contains(go.Constants.Source, $"StackGuard {guard} [DWARF + stack.lo+K writes in ");
        }
    }

    /// <summary>-ldflags=-s -w removes all DWARF: the binary's code alone gives the table's values, silently (a stripped binary is normal).</summary>
    [TestMethod]
    [DynamicData(nameof(Stripped))]
    public void Constants_Stripped_UseTable(Fixture fixture)
    {
        var (go, diagnostics) = Read(fixture.Path, fixture.Bytes);
        Assert.AreEqual(DwarfLookupStatus.Missing, DwarfConstants.Read(go.Image).Status);
        AssertSameStackConstants(Table(go), go.Constants);
        StringAssert.StartsWith(go.Constants!.Source, "binary: ");
        Assert.IsFalse(go.Constants.Source.Contains("DWARF", StringComparison.Ordinal), go.Constants.Source);
        Assert.IsFalse(diagnostics.Items.Any(d => d.Id is DiagnosticIds.DwarfUnreadable or DiagnosticIds.ConstantsDisagree), Load.Describe(diagnostics));
    }

    /// <summary>
    /// The same DWARF stored the other two ways: GNU .zdebug_* (Go 1.11–1.18) and uncompressed (Go ≤ 1.10,
    /// -compressdwarf=false), made from the go1.22 race fixture with binutils' objcopy.
    /// </summary>
    [TestMethod]
    [DataRow("--compress-debug-sections=zlib-gnu", ".zdebug_info")]
    [DataRow("--decompress-debug-sections", ".debug_info")]
    public void Constants_OtherDwarfStorage_SameValues(string objcopyFlag, string infoSection)
    {
        var fixture = Fixtures.Get("go1.22", "race");
        string dir = Path.Combine(Path.GetTempPath(), "gobootcheck-dwarf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string output = Path.Combine(dir, "hello");
            Objcopy(objcopyFlag, fixture.Path, output);
            var (go, diagnostics) = Read(output, File.ReadAllBytes(output));
            var info = go.Image.FindSection(infoSection);
            Assert.IsNotNull(info, $"objcopy {objcopyFlag} left no {infoSection}");
            Assert.IsFalse(info.IsCompressed);
            Assert.AreEqual(new DwarfRuntimeValues(1728, 1600, 128, 4096, 16, 136), DwarfConstants.Read(go.Image).Values);
            StringAssert.Contains(go.Constants!.Source, "StackGuard 1728 [DWARF + ", Load.Describe(diagnostics));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Externally linked cgo builds carry gcc 12's DWARF 5 units after Go's DWARF 4 ones: LibObjectFile gets Go's
    /// units only (and the abbreviation tables before gcc's), so the constants are still read.
    /// </summary>
    [TestMethod]
    [DataRow("go1.19")]
    [DataRow("go1.22")]
    [DataRow("go1.24")]
    public void Lookup_CgoBuild_LeavesOutTrailingDwarf5Units(string toolchain)
    {
        var (go, _) = Read("hellocgo", Fixtures.Get(toolchain, "cgo").Bytes);
        var result = DwarfLookup.Run(go.Image, DwarfConstants.Query, DwarfConstants.DefaultInfoBudget);
        Assert.AreEqual(DwarfLookupStatus.Read, result.Status, result.Reason);
        Assert.AreEqual(4, result.Version);
        Assert.IsTrue(result.UnitsSkipped > 0, $"{result.UnitsRead} units read, none left out");
        Assert.AreEqual(4, result.Constants.Count, string.Join(", ", result.Constants.Keys));
    }

    /// <summary>
    /// Reading only the runtime and internal/abi units, pruned to their root DIEs, constants and runtime.g and
    /// runtime.m (every reference pointed at the unit's root), finds exactly what reading every unit finds, from a
    /// small fraction of the bytes.
    /// </summary>
    [TestMethod]
    [DataRow("go1.19", "default")]
    [DataRow("go1.21", "race")]
    [DataRow("go1.22", "cgo-static")]
    [DataRow("go1.24", "c-shared")]
    [DataRow("go1.23", "pie")]
    public void Lookup_NeededUnitsOnly_SameAnswersAsAllUnits(string toolchain, string variant)
    {
        var (go, _) = Read(variant, Fixtures.Get(toolchain, variant).Bytes);
        var subset = DwarfLookup.Run(go.Image, DwarfConstants.Query, DwarfConstants.DefaultInfoBudget);
        var all = DwarfLookup.Run(go.Image, DwarfConstants.Query with { Units = new HashSet<string>() }, DwarfConstants.DefaultInfoBudget);
        Assert.AreEqual(DwarfLookupStatus.Read, subset.Status, subset.Reason);
        Assert.AreEqual(all.UnitsReadable, all.UnitsRead);
        Assert.IsTrue(subset.UnitsRead < subset.UnitsReadable / 2, $"{subset.UnitsRead} of {subset.UnitsReadable} units read");
        Assert.IsTrue(subset.InfoBytesRead * 50 < all.InfoBytesRead, $"{subset.InfoBytesRead} of {all.InfoBytesRead} bytes read");
        Console.WriteLine($"{toolchain}/{variant}: {subset.InfoBytesRead} of {all.InfoBytesRead} bytes of .debug_info read");
        CollectionAssert.AreEquivalent(all.Constants.ToList(), subset.Constants.ToList());
        CollectionAssert.AreEquivalent(all.MemberOffsets.ToList(), subset.MemberOffsets.ToList());
        Assert.AreEqual(4, subset.Constants.Count);
        Assert.AreEqual(2, subset.MemberOffsets.Count);
    }

    public static IEnumerable<object[]> UnstrippedRelease => Fixtures.Release.Where(r => !r.Stripped).Select(r => new object[] { r });

    /// <summary>
    /// Release binaries of real programs that kept their DWARF: plain DWARF 2 (Go ≤ 1.9: no DW_TAG_constant, and
    /// LibObjectFile misreads its DW_FORM_ref_addr, so a note and the table) and GNU .zdebug_* (Go 1.11–1.18), whose
    /// constants equal the table of the recorded Go version.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(UnstrippedRelease))]
    public void Constants_UnstrippedReleaseBinary_DwarfEqualsTable(ReleaseBinary release)
    {
        var diagnostics = new DiagnosticBag();
        Assert.IsTrue(BinaryImage.TryLoad(release.Path, File.ReadAllBytes(release.Path), diagnostics, out var image), Load.Describe(diagnostics));
        var version = GoVersion.TryParse(release.GoVersion)!;
        var outcome = DwarfConstants.Read(image!);
        bool hasDwarf = image!.FindSection(".debug_info") is not null || image.FindSection(".zdebug_info") is not null;
        if (!hasDwarf)
        {
            Assert.AreEqual(DwarfLookupStatus.Missing, outcome.Status);
            return;
        }
        if (version.Minor < 10)
        {
            Assert.AreEqual(DwarfLookupStatus.Unsupported, outcome.Status, outcome.Reason);
            StringAssert.StartsWith(outcome.Reason, "DWARF 2 is not readable by this version of LibObjectFile");
            return;
        }
        Assert.AreEqual(DwarfLookupStatus.Read, outcome.Status, outcome.Reason);
        var table = RuntimeConstants.ForVersion(version.Minor, race: false)!;
        Assert.AreEqual(new DwarfRuntimeValues(table.StackGuard, table.StackLimit, table.StackSmall, table.StackBig, RuntimeConstants.GStackguard0, table.MTls),
            outcome.Values);
    }

    /// <summary>.debug_info over the budget is not parsed: a note, and the table.</summary>
    [TestMethod]
    public void Read_InfoOverBudget_NoteAndTable()
    {
        var (go, _) = Read("hello", Fixtures.Get("go1.22", "default").Bytes);
        var outcome = DwarfConstants.Read(go.Image, infoBudget: 64 * 1024);
        Assert.AreEqual(DwarfLookupStatus.OverBudget, outcome.Status);
        StringAssert.Contains(outcome.Reason, "over the 65536-byte budget");

        var diagnostics = new DiagnosticBag();
        var table = Table(go);
        Assert.AreEqual(table, DwarfConstants.Resolve("hello", table, outcome, diagnostics));
        Assert.AreEqual(1, diagnostics.Items.Count);
        Assert.AreEqual(DiagnosticIds.DwarfUnreadable, diagnostics.Items[0].Id);
        Assert.AreEqual(Severity.Note, diagnostics.Items[0].Severity);
    }

    private static void Objcopy(string flag, string input, string output)
    {
        var start = new ProcessStartInfo("objcopy") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(flag);
        start.ArgumentList.Add(input);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start) ?? throw new AssertFailedException("objcopy (binutils) is needed to derive the DWARF storage fixtures");
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"objcopy {flag} {input}: {stderr}");
    }
}
