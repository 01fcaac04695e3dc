using System.Diagnostics;
using GoBootCheck.Diagnostics;
using GoBootCheck.Emulation;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Emulation;

/// <summary>
/// cgo linked with -extldflags=-static: libc's start-up is modeled by symbol name where .symtab names it; without
/// symbols the tool says it cannot verify, never guesses.
/// </summary>
[TestClass]
public sealed class StaticStartupTests
{
    [TestMethod]
    public void Verify_StaticCgoWithSymbols_ModelsLibcBySymbolAndPasses()
    {
        var fixture = Fixtures.Get("go1.24", "cgo-static");
        var trace = BootstrapAnalysis.Run(Load.Go(fixture.Path), new EmulationOptions(1_000_000, TimeSpan.FromSeconds(60), new GoBootCheck.Emulation.Models.CpuModel()));

        Assert.AreEqual(StopKind.BootstrapComplete, trace.Stop.Kind, trace.Stop.Message);
        Assert.AreEqual("__libc_start_main", trace.ModelCalls[0].Name);
        Assert.AreEqual("__libc_start_main (static TLS setup)", trace.FsBaseChanges[0].By);
    }

    [TestMethod]
    public void Verify_StaticCgoStripped_IsNotVerifiedWithTheReason()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"gobootcheck-static-stripped-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.Copy(Fixtures.Get("go1.22", "cgo-static").Path, copy);
        try
        {
            using (var strip = Process.Start(new ProcessStartInfo("strip", ["--strip-all", copy]) { RedirectStandardError = true })!)
            {
                strip.WaitForExit();
                Assert.AreEqual(0, strip.ExitCode, $"strip failed (binutils is needed by this test): {strip.StandardError.ReadToEnd()}");
            }
            var report = Verification.Verify(File.ReadAllBytes(copy), "go1.22/cgo-static (strip --strip-all)");

            var limit = report.Diagnostics.Single(d => d.Id == DiagnosticIds.EmulationLimit);
            StringAssert.Contains(limit.Message, "statically linked C start-up code without symbols", report.Describe());
            foreach (var id in new[] { RuleIds.EntryReachesRt0Go, RuleIds.SettlsSucceeds, RuleIds.CgoStackGuard })
                Assert.AreEqual(RuleStatus.NotVerified, report.Result(id).Status, report.Describe());
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
