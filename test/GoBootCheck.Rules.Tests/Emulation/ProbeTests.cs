using GoBootCheck.Emulation;
using GoBootCheck.Emulation.Models;
using GoBootCheck.Tests.Support;

namespace GoBootCheck.Tests.Emulation;

[TestClass]
public sealed class ProbeTests
{
    [TestMethod]
    public void Probe()
    {
        foreach (var dir in Directory.GetDirectories(Fixtures.Root, "go1.*").Order())
        {
            foreach (var variant in Fixtures.Variants.Keys)
            {
                string path = Path.Combine(dir, variant, Fixtures.Variants[variant]);
                if (!File.Exists(path)) continue;
                var binary = Loading.Go(File.ReadAllBytes(path));
                var trace = BootstrapAnalysis.Run(binary, new EmulationOptions(5_000_000, TimeSpan.FromSeconds(30), new CpuModel()));
                Console.WriteLine($"{Path.GetFileName(dir)}/{variant}: {trace.Stop.Kind} n={trace.InstructionCount} t={trace.Elapsed.TotalMilliseconds:0.0}ms {trace.Stop.Message}");
                Console.WriteLine("   " + trace.DescribePath(30));
            }
        }
    }
}
