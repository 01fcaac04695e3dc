using GoBootCheck.Go;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Go;

/// <summary>Real release binaries of real Go programs (Debian and npm packages), stripped or not, every layout met.</summary>
[TestClass]
public sealed class ReleaseBinaryTests
{
    [TestMethod]
    [DynamicData(nameof(Fixtures.ReleaseRows), typeof(Fixtures))]
    public void Read_ReleaseBinary_FindsRuntimeAndMain(ReleaseBinary binary)
    {
        var go = Load.Go(binary.Path);
        Assert.IsTrue(go.Functions.Count > 1000, $"{go.Functions.Count} functions");
        Assert.AreEqual(1, go.FunctionsNamed("runtime.rt0_go").Count(f => f.IsGoCode), "runtime.rt0_go");
        var main = go.FunctionsNamed("main.main").SingleOrDefault();
        if (main is not null)
        {
            var source = go.Pclntab.SourceAt(main, main.Entry);
            Assert.IsNotNull(source);
            StringAssert.EndsWith(source.Value.File, ".go");
        }
        Assert.AreEqual(binary.Stripped, go.IsStripped);
    }

    /// <summary>
    /// The layout follows the recorded Go version (the version chooses no verdict; this checks the reader), and its
    /// magic is the one test/release-binaries/goelfinfo.py, an independent reader, found in the file.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Fixtures.ReleaseRows), typeof(Fixtures))]
    public void Read_ReleaseBinary_LayoutMatchesRecordedVersion(ReleaseBinary binary)
    {
        var go = Load.Go(binary.Path);
        Assert.AreEqual(binary.PclntabMagic, $"0x{go.Pclntab.Layout.Magic():x8}", "pclntab magic per goelfinfo.py");
        if (binary.GoVersionFrom == "rodata")
        {
            // Stripped and without build info (Go ≤ 1.12, or build info removed): the Go toolchain reports no version
            // either; we say "unknown" rather than guess from strings. The fetch script's string scan still names the
            // release, and the layout that release writes must be the one read.
            Assert.IsNull(go.Version);
            var scanned = GoVersion.TryParse(binary.GoVersion) ?? throw new AssertFailedException($"manifest version {binary.GoVersion}");
            Assert.AreEqual(LayoutOf(scanned.Minor), go.Pclntab.Layout, $"layout of {binary.GoVersion} (rodata scan)");
            return;
        }
        Assert.AreEqual(binary.GoVersion, go.Version?.Text);
        Assert.AreEqual(LayoutOf(go.Version!.Minor), go.Pclntab.Layout);
    }

    private static PclntabLayout LayoutOf(int minor) =>
        minor >= 20 ? PclntabLayout.Go120 : minor >= 18 ? PclntabLayout.Go118 : minor >= 16 ? PclntabLayout.Go116 : PclntabLayout.Go12;
}
