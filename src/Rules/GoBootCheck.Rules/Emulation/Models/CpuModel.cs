namespace GoBootCheck.Emulation.Models;

/// <summary>
/// The CPU the emulation pretends to be: CPUID leaves and XCR0. The default is a GenuineIntel part with every
/// feature GOAMD64=v1…v3 requires (SSE3, SSSE3, SSE4.1/4.2, POPCNT, CX16, LAHF, AVX, AVX2, BMI1/2, FMA, LZCNT,
/// MOVBE, OSXSAVE with XCR0 enabling SSE and AVX state), so no version takes its bad_cpu exit.
/// </summary>
public sealed record CpuModel
{
    /// <summary>CPUID leaf 0 vendor string (12 characters).</summary>
    public string Vendor { get; init; } = "GenuineIntel";

    /// <summary>Leaf 1 EAX (family/model/stepping): family 6, model 0x9e, as a Coffee Lake.</summary>
    public uint Signature { get; init; } = 0x000906ea;

    /// <summary>Leaf 1 ECX feature bits.</summary>
    public uint Leaf1Ecx { get; init; } =
        Bit(0) | Bit(1) | Bit(9) | Bit(12) | Bit(13) | Bit(19) | Bit(20) | Bit(22) | Bit(23) | Bit(25) | Bit(26) | Bit(27) | Bit(28) | Bit(29);

    /// <summary>Leaf 1 EDX feature bits (FPU TSC CX8 CMOV MMX FXSR SSE SSE2).</summary>
    public uint Leaf1Edx { get; init; } = Bit(0) | Bit(4) | Bit(8) | Bit(15) | Bit(23) | Bit(24) | Bit(25) | Bit(26);

    /// <summary>Leaf 7 subleaf 0 EBX (BMI1 AVX2 BMI2 ERMS).</summary>
    public uint Leaf7Ebx { get; init; } = Bit(3) | Bit(5) | Bit(8) | Bit(9);

    /// <summary>Leaf 0x80000001 ECX (LAHF/SAHF, LZCNT, PREFETCHW).</summary>
    public uint ExtendedEcx { get; init; } = Bit(0) | Bit(5) | Bit(8);

    /// <summary>Leaf 0x80000001 EDX (SYSCALL, NX, RDTSCP, long mode).</summary>
    public uint ExtendedEdx { get; init; } = Bit(11) | Bit(20) | Bit(27) | Bit(29);

    /// <summary>XCR0 as XGETBV(0) reads it: x87, SSE and AVX state enabled by the OS.</summary>
    public ulong Xcr0 { get; init; } = 0x7;

    /// <summary>The four registers CPUID returns for <paramref name="leaf"/>/<paramref name="subleaf"/>.</summary>
    public (uint Eax, uint Ebx, uint Ecx, uint Edx) Query(uint leaf, uint subleaf)
    {
        var v = System.Text.Encoding.ASCII.GetBytes(Vendor.PadRight(12)[..12]);
        return leaf switch
        {
            0 => (0xd, BitConverter.ToUInt32(v, 0), BitConverter.ToUInt32(v, 8), BitConverter.ToUInt32(v, 4)),
            1 => (Signature, 0x0010_0800, Leaf1Ecx, Leaf1Edx),
            7 when subleaf == 0 => (0, Leaf7Ebx, 0, 0),
            0xd when subleaf == 0 => ((uint)Xcr0, 0x340, 0x340, 0),
            0x8000_0000 => (0x8000_0008, 0, 0, 0),
            0x8000_0001 => (0, 0, ExtendedEcx, ExtendedEdx),
            _ => (0, 0, 0, 0),
        };
    }

    private static uint Bit(int n) => 1u << n;
}
