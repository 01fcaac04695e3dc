using System.Text;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.RulePacks;

/// <summary>
/// The sample pack (samples/RulePack), loaded from its assembly like a build does, on real fixtures: each rule fires
/// where the binary breaks the build policy and stays quiet where it does not; parameters change the verdict.
/// Binaries the fixtures lack (-trimpath, GOAMD64=v3) are real fixtures with their build info bytes rewritten.
/// </summary>
[TestClass]
public sealed class SampleRulePackTests
{
    private static RuleCatalog? _catalog;

    [ClassInitialize]
    public static void LoadPack(TestContext context) => _catalog = RuleCatalog.Load([TestPacks.Sample]);

    [ClassCleanup]
    public static void UnloadPack() => _catalog?.Dispose();

    public static IEnumerable<object[]> ModernToolchains => Toolchains.Rows().Where(r => GoBootCheck.Go.GoVersion.TryParse((string)r[0])!.Minor >= 18);

    [TestMethod]
    [DynamicData(nameof(ModernToolchains))]
    public void NoRaceDetector_FiresOnRaceBuildAtRaceinit_NotOnDefault(string toolchain)
    {
        var race = Verify(toolchain, "race");
        var result = race.Result("GBC5003");
        Assert.AreEqual(RuleStatus.Fail, result.Status, race.Describe());
        Assert.AreEqual("runtime.raceinit", result.Findings.Single().Location?.Function);
        Assert.AreEqual("built with the race detector (build info records -race=true); build release binaries without -race", result.Findings[0].Message);
        Assert.AreEqual(GoBootCheck.Diagnostics.Severity.Error, result.Findings[0].Severity);

        Assert.AreEqual(RuleStatus.Pass, Verify(toolchain, "default").Result("GBC5003").Status);
    }

    [TestMethod]
    [DynamicData(nameof(ModernToolchains))]
    public void PositionIndependentExecutable_PassesOnPie_FiresOnStaticAndDynamicExe_NotApplicableToCShared(string toolchain)
    {
        Assert.AreEqual(RuleStatus.Pass, Verify(toolchain, "pie").Result("GBC5004").Status);
        Assert.AreEqual(RuleStatus.NotApplicable, Verify(toolchain, "c-shared").Result("GBC5004").Status);

        var exe = Verify(toolchain, "default").Result("GBC5004");
        Assert.AreEqual(RuleStatus.Fail, exe.Status);
        StringAssert.StartsWith(exe.Findings.Single().Message, "a statically linked executable at the fixed address 0x4");
        Assert.AreEqual("_rt0_amd64_linux", exe.Findings[0].Location?.Function);

        // allow-static accepts the static executable, not the dynamically linked one.
        var allowStatic = Parameters("GBC5004", "allow-static", true);
        Assert.AreEqual(RuleStatus.NotApplicable, Verify(toolchain, "default", allowStatic).Result("GBC5004").Status);
        var dynamic = Verify(toolchain, "cgo", allowStatic).Result("GBC5004");
        Assert.AreEqual(RuleStatus.Fail, dynamic.Status);
        StringAssert.StartsWith(dynamic.Findings.Single().Message, "a dynamically linked executable");
    }

    [TestMethod]
    [DynamicData(nameof(ModernToolchains))]
    public void MinimumAmd64Level_FiresOnV1AtMainMain_PassesWithV1AllowedOrARealV3Build(string toolchain)
    {
        var v1 = Verify(toolchain, "default").Result("GBC5001");
        Assert.AreEqual(RuleStatus.Fail, v1.Status);
        Assert.AreEqual("built with GOAMD64=v1; expected at least v2", v1.Findings.Single().Message);
        Assert.AreEqual("main.main", v1.Findings[0].Location?.Function);
        StringAssert.EndsWith(v1.Findings[0].Location?.SourceFile, "hello/main.go");

        Assert.AreEqual(RuleStatus.Pass, Verify(toolchain, "default", Parameters("GBC5001", "minimum-level", "V1")).Result("GBC5001").Status);

        var v3 = Rewrite(Fixtures.Get(toolchain, "default").Bytes, "build\tGOAMD64=v1\n", "build\tGOAMD64=v3\n");
        var passed = Verify(v3, $"{toolchain}/default (GOAMD64=v3)").Result("GBC5001");
        Assert.AreEqual(RuleStatus.Pass, passed.Status);
        Assert.AreEqual("built with GOAMD64=v3, at least V2", passed.Reason);
    }

    [TestMethod]
    [DynamicData(nameof(ModernToolchains))]
    public void BuiltWithTrimpath_FiresWithTheBuildMachinesPath_PassesWhenBuildInfoRecordsTrimpath(string toolchain)
    {
        var plain = Verify(toolchain, "default").Result("GBC5002");
        Assert.AreEqual(RuleStatus.Fail, plain.Status);
        var finding = plain.Findings.Single();
        Assert.AreEqual("main.main", finding.Location?.Function);
        StringAssert.StartsWith(finding.Location?.SourceFile, "/");
        Assert.AreEqual($"built without -trimpath: its source paths name the build machine, e.g. {finding.Location?.SourceFile}", finding.Message);

        // Two build lines of the same total length become -trimpath=true and a repeated GOOS.
        var trimmed = Rewrite(Fixtures.Get(toolchain, "default").Bytes,
            "build\tCGO_CFLAGS=\nbuild\tCGO_CPPFLAGS=\n", "build\t-trimpath=true\nbuild\tGOOS=linux\n");
        Assert.AreEqual(RuleStatus.Pass, Verify(trimmed, $"{toolchain}/default (-trimpath)").Result("GBC5002").Status);
    }

    [TestMethod]
    public void MinimumGoPatchRelease_FiresBelowTheListedPatch_PassesAtIt_FiresBelowTheMinimumMinor()
    {
        var fixture = Fixtures.Get("go1.22", "default");
        string version = fixture.GoVersion;
        var atIt = Verify("go1.22", "default", Parameters("GBC5005", "minimum-patches", version));
        Assert.AreEqual(RuleStatus.Pass, atIt.Result("GBC5005").Status, atIt.Describe());

        var below = Verify("go1.22", "default", Parameters("GBC5005", "minimum-patches", "go1.21.1,go1.22.99"));
        var failed = below.Result("GBC5005");
        Assert.AreEqual(RuleStatus.Fail, failed.Status);
        Assert.AreEqual($"built by {version}; expected go1.22.99 or newer", failed.Findings.Single().Message);
        Assert.AreEqual("runtime.main", failed.Findings[0].Location?.Function);

        var oldMinor = Verify("go1.22", "default", Parameters("GBC5005", "minimum-minor", 23)).Result("GBC5005");
        Assert.AreEqual($"built by {version}; expected go1.23.0 or newer", oldMinor.Findings.Single().Message);
    }

    [TestMethod]
    public void SamplePack_BuiltInRulesStillPassBesideIt()
    {
        var report = Verify("go1.23", "cgo");
        foreach (string id in new[] { RuleIds.EntryReachesRt0Go, RuleIds.CgoStackGuard, RuleIds.PrologueChecksStackguard0, RuleIds.UncheckedFrameWithinLimit })
            Assert.AreEqual(RuleStatus.Pass, report.Result(id).Status, report.Describe());
        Assert.IsEmpty(report.Diagnostics.Where(d => d.Id is "GBC1015" or "GBC1016" or "GBC1017" or "GBC1018" or "GBC1032"), report.Describe());
    }

    private static BinaryReport Verify(string toolchain, string variant, VerificationOptions? options = null) =>
        Verify(Fixtures.Get(toolchain, variant).Bytes, $"{toolchain}/{variant}", options);

    private static BinaryReport Verify(byte[] bytes, string name, VerificationOptions? options = null) =>
        new GoBinaryVerifier(_catalog!).Verify(name, bytes, options ?? Verification.Options);

    private static VerificationOptions Parameters(string ruleId, string name, object value)
    {
        var descriptor = _catalog!.RuleDescriptors.Single(d => d.Id == ruleId);
        var parameter = descriptor.Parameters.Single(p => p.Name == name);
        Assert.IsTrue(parameter.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, out var typed, out string? error), error);
        return Verification.Options with
        {
            RuleParameters = new Dictionary<string, IReadOnlyDictionary<string, object>> { [ruleId] = new Dictionary<string, object> { [name] = typed! } },
        };
    }

    /// <summary>
    /// Replaces every occurrence of <paramref name="from"/> by <paramref name="to"/> of the same length: the build info
    /// is in the binary twice (.go.buildinfo and runtime.modinfo).
    /// </summary>
    private static byte[] Rewrite(byte[] bytes, string from, string to)
    {
        byte[] a = Encoding.ASCII.GetBytes(from), b = Encoding.ASCII.GetBytes(to);
        Assert.AreEqual(a.Length, b.Length);
        var copy = (byte[])bytes.Clone();
        int replaced = 0;
        for (int at = copy.AsSpan().IndexOf(a); at >= 0; at = copy.AsSpan().IndexOf(a))
        {
            b.CopyTo(copy, at);
            replaced++;
        }
        Assert.IsTrue(replaced > 0, $"'{from}' is not in the binary");
        return copy;
    }
}
