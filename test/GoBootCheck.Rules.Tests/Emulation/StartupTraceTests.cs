using GoBootCheck.Emulation;
using GoBootCheck.Emulation.Models;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Emulation;

/// <summary>What the trace records on real fixtures: the verdicts stand on these facts.</summary>
[TestClass]
public sealed class StartupTraceTests
{
    private static readonly EmulationOptions Options = new(1_000_000, TimeSpan.FromSeconds(60), new CpuModel());

    public static IEnumerable<object[]> AllFixtures => Fixtures.AllRows;

    private static StartupTrace Trace(Fixture fixture) => BootstrapAnalysis.Run(Load.Go(fixture.Path), Options);

    [TestMethod]
    [DynamicData(nameof(AllFixtures))]
    public void Run_Fixture_EndsAtRuntimeCheckAfterStoringG0(Fixture fixture)
    {
        var trace = Trace(fixture);
        Assert.AreEqual(StopKind.BootstrapComplete, trace.Stop.Kind, trace.Stop.Message);
        Assert.AreEqual("runtime.check", trace.Bootstrap!.Callee);
        Assert.AreEqual(trace.Bootstrap.G0, trace.FsStores[^1].Value, "the last store through FS is g0 into the g slot");
        // From Go 1.27 a c-shared library's constructor runs runtime.libInit (Go code: initsig saves the host's 65 signal
        // actions through cgo's sigaction) before the runtime thread starts rt0_go; elsewhere start-up is a few hundred.
        long bound = fixture.Variant.StartsWith("c-shared", StringComparison.Ordinal) ? 100_000 : 1_000;
        Assert.IsTrue(trace.InstructionCount < bound, $"{trace.InstructionCount} instructions");
        Assert.IsTrue(trace.Bootstrap.StackLo < trace.Bootstrap.StackHi);
        if (fixture.Variant != "cgo-static")
            Assert.AreEqual(-8L, trace.Bootstrap.GSlotFsOffset, "g sits at FS-8 (go1.5+), cgo and c-shared included");
        else
        {
            // Statically linked glibc's own TLS variables share the block, and the linker put runtime.tlsg deeper (-88 seen).
            long size = (long)Load.Go(fixture.Path).Image.Tls!.MemorySize;
            Assert.IsTrue(trace.Bootstrap.GSlotFsOffset < -8 && trace.Bootstrap.GSlotFsOffset >= -size - 64, $"{trace.Bootstrap.GSlotFsOffset}");
        }
    }

    [TestMethod]
    public void Run_StaticExe_SettlsPointsFsAtM0Tls()
    {
        var trace = Trace(Fixtures.Get("go1.25", "default"));
        var settls = trace.Rt0GoCalls.Single(c => c.TargetName == "runtime.settls");
        var arch = trace.Syscalls.Single();
        Assert.AreEqual(LinuxSyscalls.ArchPrctl, arch.Number);
        CollectionAssert.AreEqual(new ulong[] { LinuxSyscalls.ArchSetFs, settls.Rdi + 8 }, arch.Arguments.Take(2).ToArray());
        Assert.AreEqual(0UL, arch.Result);
        Assert.AreEqual(settls.Rdi + 8, trace.FsBaseChanges.Single().Value);
        Assert.AreEqual(settls.Rdi, trace.Bootstrap!.GSlotAddress, "the g slot is m0.tls[0]");
        Assert.AreEqual(0x80UL, settls.Rdi - trace.Bootstrap.M0, "go1.25 moved m.tls to 0x80");
        Assert.AreEqual(trace.Bootstrap.StackLo, trace.Bootstrap.StackGuard0, "without cgo the guards stay at the istack bottom");
        Assert.AreEqual(0x10000UL, trace.Bootstrap.StackHi - trace.Bootstrap.StackLo, "go1.21+ istack is 64 KiB");
    }

    [TestMethod]
    public void Run_Cgo122_XCgoInitSetsStackLoFromPthreadGetattrNp()
    {
        var trace = Trace(Fixtures.Get("go1.22", "cgo"));
        CollectionAssert.IsSubsetOf(new[] { "__libc_start_main", "malloc", "pthread_attr_init", "pthread_self", "pthread_getattr_np", "pthread_attr_getstack", "pthread_attr_destroy", "free" },
            trace.ModelCalls.Select(c => c.Name).ToList());
        var cgo = trace.Rt0GoCalls.Single(c => !c.TargetIsGo);
        Assert.AreEqual("x_cgo_init", cgo.TargetName);
        ulong threadStackLo = AddressSpaceLayout.StackTop - AddressSpaceLayout.StackSize;
        Assert.AreEqual(threadStackLo, cgo.GWordsAtReturn![0], "go1.22+ x_cgo_init stores the real stack bottom in g0.stack.lo");
        Assert.IsTrue(trace.G0FieldStores.Any(s => s.Function == "_cgo_set_stacklo" && s.Value == threadStackLo));
        Assert.AreEqual(threadStackLo + 928, trace.Bootstrap!.StackGuard0);
        Assert.AreEqual(0, trace.Syscalls.Count, "with cgo the C library owns TLS: no arch_prctl");
    }

    [TestMethod]
    public void Run_Cgo119_XCgoInitEstimatesStackLoFromStackSize()
    {
        var trace = Trace(Fixtures.Get("go1.19", "cgo"));
        var cgo = trace.Rt0GoCalls.Single(c => !c.TargetIsGo);
        ulong lo = cgo.GWordsAtReturn![0];
        Assert.AreNotEqual(0UL, lo & 0xfff, "before go1.22 lo is a frame address minus the stack size plus 4096, not page aligned");
        Assert.IsTrue(trace.ModelCalls.Any(c => c.Name == "pthread_attr_getstacksize"));
    }

    [TestMethod]
    public void Run_CShared_RunsRt0GoOnTheCreatedThread()
    {
        var trace = Trace(Fixtures.Get("go1.22", "c-shared"));
        CollectionAssert.Contains(trace.SteppedOver.ToList(), "runtime.libpreinit");
        Assert.IsTrue(trace.ModelCalls.Any(c => c.Name == "pthread_create"));
        var threadStart = trace.FsBaseChanges.Single(c => c.By == "thread 1 start");
        Assert.AreEqual(threadStart.Value, trace.Rt0GoEntry!.FsBase, "rt0_go runs on the new thread");
        Assert.IsTrue(trace.Bootstrap!.StackLo >= AddressSpaceLayout.ThreadStackBase, "g0.stack.lo is the new thread's stack");
    }
}
