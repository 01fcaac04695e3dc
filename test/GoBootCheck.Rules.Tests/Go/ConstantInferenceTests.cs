using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Go;
using GoBootCheck.Go.Inference;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Go;

/// <summary>
/// Inference as its own path: with the constants table switched off, the binary alone — its DWARF, the runtime's
/// stack.lo + StackGuard writes, the consensus of its prologues and its TLS accesses — gives the table's values on
/// every fixture and release binary, or says which constant it could not infer and why.
/// </summary>
[TestClass]
public sealed class ConstantInferenceTests
{
    /// <summary>
    /// The newest row of the table. Go 1.27's runtime/stack.go and internal/abi/stack.go keep 1.26's values (the Go 1.27
    /// binaries' own code says so: stack.lo + 928 in a dozen runtime functions, frame − 128 in every medium prologue).
    /// </summary>
    private const int NewestTableMinor = 26;

    internal static (GoBinary Go, DiagnosticBag Diagnostics) ReadWithoutTable(string name, byte[] bytes)
    {
        var diagnostics = new DiagnosticBag();
        Assert.IsTrue(BinaryImage.TryLoad(name, bytes, diagnostics, out var image), Load.Describe(diagnostics));
        Assert.IsTrue(GoBinary.TryRead(image!, diagnostics, out var go, useTable: false), Load.Describe(diagnostics));
        Assert.IsNotNull(go!.Inference);
        return (go, diagnostics);
    }

    private static RuntimeConstants TableFor(GoVersion version, bool race) =>
        RuntimeConstants.ForVersion(Math.Min(version.Minor, NewestTableMinor), race)!;

    private static void AssertAgreed(InferredConstant c, int expected, string context)
    {
        Assert.AreEqual(InferenceStatus.Agreed, c.Status, $"{context}: {c.Describe()}");
        Assert.AreEqual(expected, c.Value, $"{context}: {c.Describe()}");
    }

    /// <summary>StackBig: DWARF and the prologues' bound agree on the value, or without DWARF the bound holds the table's.</summary>
    private static void AssertStackBig(InferredConstant c, int expected, bool dwarfReadable, string context)
    {
        if (dwarfReadable)
        {
            AssertAgreed(c, expected, context);
            return;
        }
        Assert.AreEqual(InferenceStatus.Bounded, c.Status, $"{context}: {c.Describe()}");
        var (low, high) = c.Bound!.Value;
        Assert.IsTrue(low <= expected && expected <= high, $"{context}: {c.Describe()}");
    }

    /// <summary>
    /// Checks one binary inferred without the table. Shared libraries load g through a GOT entry: the g slot is then
    /// not inferred ("GOT") and, with no table, the constants are withheld with one GBC1008 naming it. Static cgo links
    /// put glibc's TLS block first: the g slot is FS−88 there (the table's −8 is wrong; GBC0002 never runs with cgo).
    /// </summary>
    private static void AssertInfersTable(GoBinary go, DiagnosticBag diagnostics, RuntimeConstants table, bool sharedObject, bool staticCgo, string context)
    {
        var inf = go.Inference!;
        string all = $"{context}\n{inf.Describe()}\n{Load.Describe(diagnostics)}";
        bool dwarfReadable = DwarfConstants.Read(go.Image).Status == DwarfLookupStatus.Read;
        AssertAgreed(inf.StackGuard, table.StackGuard, all);
        AssertAgreed(inf.StackSmall, table.StackSmall, all);
        AssertAgreed(inf.StackLimit, table.StackLimit, all);
        AssertStackBig(inf.StackBig, table.StackBig, dwarfReadable, all);
        Assert.AreEqual(dwarfReadable ? 2 : 1, inf.StackGuard.Evidence.Count(e => e.Value == table.StackGuard && e.Kind is EvidenceKind.Dwarf or EvidenceKind.StackWrites), all);
        if (sharedObject)
        {
            Assert.AreEqual(InferenceStatus.Missing, inf.GTlsOffset.Status, all);
            StringAssert.Contains(inf.GTlsOffset.Why, "through a GOT entry", all);
            Assert.IsNull(go.Constants, all);
            var unknown = diagnostics.Items.Single(d => d.Id == DiagnosticIds.UnknownGoConfiguration);
            StringAssert.Contains(unknown.Message, "GTlsOffset not inferred", all);
            StringAssert.Contains(unknown.Message, "the runtime constants table is switched off", all);
            return;
        }
        AssertAgreed(inf.GTlsOffset, staticCgo ? -88 : table.GTlsOffset, all);
        Assert.IsNotNull(go.Constants, all);
        Assert.AreEqual((table.StackGuard, table.StackSmall, table.StackLimit, staticCgo ? -88 : table.GTlsOffset),
            (go.Constants.StackGuard, go.Constants.StackSmall, go.Constants.StackLimit, go.Constants.GTlsOffset), all);
        StringAssert.StartsWith(go.Constants.Source, "binary: ", all);
        Assert.IsFalse(diagnostics.Items.Any(d => d.Id is DiagnosticIds.UnknownGoConfiguration or DiagnosticIds.InferenceSourcesDisagree), all);
    }

    [TestMethod]
    [DynamicData(nameof(Fixtures.AllRows), typeof(Fixtures))]
    public void Infer_TableOff_EveryFixture_GivesTheTableValues(Fixture fixture)
    {
        var (go, diagnostics) = ReadWithoutTable(fixture.ToString(), fixture.Bytes);
        var table = TableFor(go.Version!, go.IsRace);
        AssertInfersTable(go, diagnostics, table, sharedObject: fixture.BuildMode == "c-shared", staticCgo: fixture.Variant == "cgo-static", fixture.ToString());
    }

    [TestMethod]
    [DynamicData(nameof(Fixtures.ReleaseRows), typeof(Fixtures))]
    public void Infer_TableOff_EveryReleaseBinary_GivesTheTableValues(ReleaseBinary release)
    {
        var (go, diagnostics) = ReadWithoutTable(release.ToString(), File.ReadAllBytes(release.Path));
        // The version the fetch script recorded (for stripped Go ≤ 1.12 files without build info, the runtime.buildVersion string).
        var table = TableFor(GoVersion.TryParse(release.GoVersion)!, go.IsRace);
        bool shared = go.Image.Type == ImageType.SharedObject && !go.Image.HasInterpreter;
        AssertInfersTable(go, diagnostics, table, shared, staticCgo: false, release.ToString());
    }

    /// <summary>
    /// With the table on, a binary whose own agreeing sources contradict it keeps its own value and the table gets a
    /// note (GBC1023), not a rule finding: the static cgo build's g slot is FS−88, the go1.22 table says −8.
    /// </summary>
    [TestMethod]
    public void Resolve_TableContradictedByTheBinary_Gbc1023AndTheBinaryWins()
    {
        var diagnostics = new DiagnosticBag();
        var fixture = Fixtures.Get("go1.22", "cgo-static");
        Assert.IsTrue(BinaryImage.TryLoad(fixture.Path, fixture.Bytes, diagnostics, out var image));
        Assert.IsTrue(GoBinary.TryRead(image!, diagnostics, out var go), Load.Describe(diagnostics));

        Assert.AreEqual(-88, go!.Constants!.GTlsOffset);
        var note = diagnostics.Items.Single(d => d.Id == DiagnosticIds.InferredConstantsContradictTable);
        Assert.AreEqual(Severity.Note, note.Severity);
        Assert.AreEqual(DiagnosticKind.Informational, note.Kind);
        StringAssert.Contains(note.Message, "GTlsOffset: the binary says -88 (g loaded from FS-88 by ");
        StringAssert.Contains(note.Message, "the table -8; using the binary's values");
    }

    /// <summary>
    /// The consensus of the prologues cannot be moved by one prologue: main.mediumFrame's LEA is patched to encode a
    /// frame 16 bytes smaller (a StackSmall vote of 144). StackSmall is still 128, the patched vote is reported as
    /// outvoted, and GBC0004 — which judges prologues against the consensus — reports exactly that function.
    /// </summary>
    [TestMethod]
    [DataRow("go1.22", "stripped")]
    [DataRow("go1.25", "default")]
    public void Infer_OnePatchedPrologue_DoesNotShiftStackSmall(string toolchain, string variant)
    {
        var fault = new Support.FaultInjection(toolchain, variant);
        fault.Patch("main.mediumFrame", i => i.Mnemonic == Iced.Intel.Mnemonic.Lea && i.MemoryBase == Iced.Intel.Register.RSP,
            i => Emulation.SettlsFaultTests.WithDisplacement(i, i.MemoryDisplacement64 + 16));

        var (go, diagnostics) = ReadWithoutTable(fault.Name, fault.Bytes);
        var small = go.Inference!.StackSmall;
        AssertAgreed(small, 128, go.Inference.Describe());
        var prologues = small.Evidence.Single(e => e.Kind == EvidenceKind.Prologues);
        StringAssert.Contains(prologues.Detail, "the other 1 of ", go.Inference.Describe());
        StringAssert.Contains(prologues.Detail, "144 ×1", go.Inference.Describe());
        Assert.AreEqual(128, go.Constants!.StackSmall, Load.Describe(diagnostics));

        var report = Support.Verification.Verify(fault.Bytes, fault.Name);
        var result = Support.Verification.AssertOnlyFailure(report, RulePacks.RuleIds.PrologueChecksStackguard0, "main.mediumFrame");
        Assert.AreEqual(1, result.Findings.Count, Support.Verification.Describe(report));
    }

    /// <summary>
    /// One runtime function's stack.lo + K write patched (runtime.malg adds 8 more) is outvoted by the other runtime
    /// functions: StackGuard stays the table's, and nothing else changes.
    /// </summary>
    [TestMethod]
    public void Infer_OnePatchedStackWrite_IsOutvoted()
    {
        var fault = new Support.FaultInjection("go1.22", "stripped");
        fault.Patch("runtime.malg", i => i.Mnemonic is Iced.Intel.Mnemonic.Add or Iced.Intel.Mnemonic.Lea &&
                                         (i.Mnemonic == Iced.Intel.Mnemonic.Add ? i.Op1Kind == Iced.Intel.OpKind.Immediate32to64 && i.Immediate32to64 == 928 : i.MemoryDisplacement64 == 928),
            i => i.Mnemonic == Iced.Intel.Mnemonic.Add ? Emulation.SettlsFaultTests.WithImmediate(i, 936) : Emulation.SettlsFaultTests.WithDisplacement(i, 936));

        var (go, _) = ReadWithoutTable(fault.Name, fault.Bytes);
        var guard = go.Inference!.StackGuard;
        AssertAgreed(guard, 928, go.Inference.Describe());
        StringAssert.Contains(guard.Evidence.Single().Detail, "936 ×1", go.Inference.Describe());
        Assert.AreEqual(928, go.Constants!.StackGuard);
    }
}
