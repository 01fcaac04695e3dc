using GoBootCheck.Emulation;
using GoBootCheck.Emulation.Models;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Emulation;

/// <summary>The machine state alone, and the CPU model rt0_go's CPUID block reads.</summary>
[TestClass]
public sealed class MachineStateTests
{
    [TestMethod]
    public void Rflags_RoundTripsEveryModeledFlag()
    {
        var s = new MachineState { Rflags = 0x8d5 | 0x400 }; // CF PF AF ZF SF OF DF
        Assert.IsTrue(s.CF && s.PF && s.AF && s.ZF && s.SF && s.OF && s.DF);
        Assert.AreEqual(0x8d5UL | 0x400 | 0x2, s.Rflags, "bit 1 always reads as 1; IF was cleared by the assignment");
        s.Rflags = 0;
        Assert.AreEqual(0x2UL, s.Rflags);
    }

    [TestMethod]
    public void Condition_FollowsTheJccTable()
    {
        var s = new MachineState { CF = true, ZF = false, SF = true, OF = false, PF = true };
        bool[] expected = [false, true, true, false, false, true, true, false, true, false, true, false, true, false, true, false];
        for (int cc = 0; cc < 16; cc++) Assert.AreEqual(expected[cc], s.Condition(cc), $"condition {cc}");
    }

    [TestMethod]
    public void Clone_IsIndependent()
    {
        var s = new MachineState { Rip = 1, FsBase = 2 };
        s.Set(MachineState.Rdi, 3);
        s.SetXmm(1, 4, 5);
        var c = s.Clone();
        s.Set(MachineState.Rdi, 9);
        Assert.AreEqual(3UL, c.Get(MachineState.Rdi));
        Assert.AreEqual((4UL, 5UL), (c.XmmLow(1), c.XmmHigh(1)));
        Assert.AreEqual(c.Fingerprint(), c.Clone().Fingerprint());
        Assert.AreNotEqual(c.Fingerprint(), s.Fingerprint());
    }

    [TestMethod]
    public void CpuModel_DefaultIsGenuineIntelWithAvx2()
    {
        var cpu = new CpuModel();
        var (max, ebx, ecx, edx) = cpu.Query(0, 0);
        Assert.IsTrue(max >= 7);
        Assert.AreEqual(0x756e6547u, ebx, "Genu");
        Assert.AreEqual(0x49656e69u, edx, "ineI");
        Assert.AreEqual(0x6c65746eu, ecx, "ntel");
        Assert.AreNotEqual(0u, cpu.Query(7, 0).Ebx & (1u << 5), "AVX2 for GOAMD64=v3");
    }

    [TestMethod]
    public void CpuModel_OtherVendor_RuntimeDoesNotMarkIntel()
    {
        var binary = Load.Go(Fixtures.Get("go1.22", "default").Path);
        var amd = BootstrapAnalysis.Run(binary, new EmulationOptions(1_000_000, TimeSpan.FromSeconds(60), new CpuModel { Vendor = "AuthenticAMD" }));
        var intel = BootstrapAnalysis.Run(binary, new EmulationOptions(1_000_000, TimeSpan.FromSeconds(60), new CpuModel()));
        Assert.AreEqual(StopKind.BootstrapComplete, amd.Stop.Kind);
        // rt0_go stores runtime.isIntel = 1 only after matching "GenuineIntel" (asm_amd64.s).
        Assert.AreEqual(intel.Rt0GoStores.Count - 1, amd.Rt0GoStores.Count);
    }
}
