using System.Text;
using GoBootCheck.Binary;
using GoBootCheck.Emulation;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Emulation;

/// <summary>What the modeled kernel and loader set up before the first instruction, on real fixtures.</summary>
[TestClass]
public sealed class ProcessLoaderTests
{
    private static (EmulatedProcess Process, ulong Argc, ulong Argv, GoBootCheck.Go.GoBinary Binary) LoadFixture(string toolchain, string variant)
    {
        var binary = Load.Go(Fixtures.Get(toolchain, variant).Path);
        var process = new ProcessLoader(binary).Load(out ulong argc, out ulong argv);
        return (process, argc, argv, binary);
    }

    [TestMethod]
    public void Load_StaticExe_InitialStackIsLinuxLayout()
    {
        var (p, argc, argv, binary) = LoadFixture("go1.22", "default");
        var m = p.Memory;
        ulong sp = p.State.StackPointer;
        Assert.AreEqual(0UL, sp & 15, "the kernel starts a process with a 16-byte aligned stack");
        Assert.AreEqual(1UL, m.PeekUInt64(sp));
        Assert.AreEqual(1UL, argc);
        Assert.AreEqual(sp + 8, argv);
        Assert.AreEqual(ProcessLoader.Arguments[0], CString(m, m.PeekUInt64(sp + 8)!.Value));
        Assert.AreEqual(0UL, m.PeekUInt64(sp + 16), "argv ends with NULL");
        Assert.AreEqual(ProcessLoader.Environment[0], CString(m, m.PeekUInt64(sp + 24)!.Value));
        Assert.AreEqual(0UL, m.PeekUInt64(sp + 32), "envp ends with NULL");
        var auxv = new Dictionary<ulong, ulong>();
        for (ulong a = sp + 40; ; a += 16)
        {
            ulong type = m.PeekUInt64(a)!.Value;
            if (type == 0) break;
            auxv[type] = m.PeekUInt64(a + 8)!.Value;
        }
        Assert.AreEqual(4096UL, auxv[6], "AT_PAGESZ");
        Assert.AreEqual(binary.Image.Entry, auxv[9], "AT_ENTRY");
        Assert.AreEqual(6u, (uint)m.PeekUInt64(auxv[3])!.Value, "AT_PHDR points at the program headers, the first being PT_PHDR");
        Assert.IsNull(m.Read(auxv[25], new byte[16]), "AT_RANDOM points at 16 readable bytes");
        Assert.AreEqual(0UL, p.State.FsBase, "a static program starts with FS base 0 and sets it with settls");
    }

    [TestMethod]
    public void Load_CgoPie_AppliesRelativeRelocationToCgoInit()
    {
        var (p, _, _, binary) = LoadFixture("go1.22", "cgo-pie");
        ulong cgoInit = binary.Image.FindSymbol("_cgo_init")!.Value;
        ulong xCgoInit = binary.Image.FindSymbol("x_cgo_init")!.Value;
        Assert.AreEqual(AddressSpaceLayout.PieBias, p.LoadBias);
        Assert.AreEqual(p.LoadBias + xCgoInit, p.Memory.PeekUInt64(p.LoadBias + cgoInit));
    }

    [TestMethod]
    public void Load_CgoExe_BindsImportsToModelEntryPoints_AndSetsUpTheThreadPointer()
    {
        var (p, _, _, binary) = LoadFixture("go1.22", "cgo");
        var slot = binary.Image.DynamicRelocations.Single(r => r.SymbolName == "__libc_start_main");
        ulong stub = p.Memory.PeekUInt64(slot.Offset)!.Value;
        Assert.AreEqual("__libc_start_main", p.ModelAt(stub));
        ulong tcb = p.State.FsBase;
        Assert.AreNotEqual(0UL, tcb, "ld.so sets FS before a dynamically linked program runs");
        Assert.AreEqual(tcb, p.Memory.PeekUInt64(tcb), "tcbhead_t.tcb points at itself");
        Assert.AreEqual(AddressSpaceLayout.StackCanary, p.Memory.PeekUInt64(tcb + 0x28), "the stack-protector canary at FS:0x28");
        Assert.AreEqual(8UL, p.TlsBlockSize, "runtime.tlsg is the only TLS variable: the g slot is at FS-8");
    }

    [TestMethod]
    public void Load_CShared_AppliesTpoff64ForTheGSlot()
    {
        var (p, _, _, binary) = LoadFixture("go1.22", "c-shared");
        var tpoff = binary.Image.DynamicRelocations.Where(r => r.Type == DynamicRelocation.R_X86_64_TPOFF64).ToList();
        Assert.IsTrue(tpoff.Count > 0, "a c-shared library reaches runtime.tlsg through a TPOFF64 GOT slot");
        foreach (var r in tpoff)
            Assert.AreEqual(unchecked((ulong)-(long)p.TlsBlockSize) + r.SymbolValue + (ulong)r.Addend, p.Memory.PeekUInt64(r.Offset + p.LoadBias));
        Assert.AreEqual(AddressSpaceLayout.LibraryBias, p.LoadBias);
    }

    [TestMethod]
    public void Load_ReadOnlySegment_RejectsProgramWrites()
    {
        var (p, _, _, binary) = LoadFixture("go1.23", "stripped");
        var text = binary.Image.Memory.Segments.First(s => (s.Access & SegmentAccess.Execute) != 0);
        var fault = p.Memory.WriteUInt(text.VirtualAddress, 8, 0);
        Assert.AreEqual(MemoryFaultKind.ReadOnly, fault?.Kind);
    }

    private static string CString(EmulatedMemory memory, ulong address)
    {
        var bytes = new List<byte>();
        for (; ; address++)
        {
            memory.ReadUInt(address, 1, out ulong b);
            if (b == 0) return Encoding.UTF8.GetString([.. bytes]);
            bytes.Add((byte)b);
        }
    }
}
