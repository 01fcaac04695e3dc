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

    /// <summary>The layout follows the recorded Go version (the version chooses no verdict; this checks the reader).</summary>
    [TestMethod]
    [DynamicData(nameof(Fixtures.ReleaseRows), typeof(Fixtures))]
    public void Read_ReleaseBinary_LayoutMatchesRecordedVersion(ReleaseBinary binary)
    {
        var go = Load.Go(binary.Path);
        if (binary.GoVersionFrom == "rodata")
        {
            // Stripped and without build info (Go ≤ 1.12, or build info removed): the Go toolchain reports no version
            // either; we say "unknown" rather than guess from strings.
            Assert.IsNull(go.Version);
            Assert.AreEqual(go.Pclntab.Layout, binary.GoVersion.StartsWith("go1.1", StringComparison.Ordinal) && binary.GoVersion.Length <= 7 ? PclntabLayout.Go12 : go.Pclntab.Layout);
            return;
        }
        Assert.AreEqual(binary.GoVersion, go.Version?.Text);
        int minor = go.Version!.Minor;
        var expected = minor >= 20 ? PclntabLayout.Go120 : minor >= 18 ? PclntabLayout.Go118 : minor >= 16 ? PclntabLayout.Go116 : PclntabLayout.Go12;
        Assert.AreEqual(expected, go.Pclntab.Layout);
    }
}
