namespace GoBootCheck.Emulation;

/// <summary>
/// The architectural state of one x86-64 hardware thread as far as start-up code uses it: the 16 general-purpose
/// registers, RIP, the arithmetic flags and DF, the FS and GS segment bases and the XMM registers.
/// A plain object: a test can build one alone and the executor only reads and writes it.
/// </summary>
internal sealed partial class MachineState
{
    /// <summary>Register numbers in encoding order (RAX=0 … R15=15).</summary>
    public const int Rax = 0, Rcx = 1, Rdx = 2, Rbx = 3, Rsp = 4, Rbp = 5, Rsi = 6, Rdi = 7,
        R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

    private static readonly string[] Names =
        ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

    private readonly ulong[] _gpr = new ulong[16];
    private readonly ulong[] _xmm = new ulong[32]; // low and high quadword of xmm0..xmm15

    /// <summary>The instruction pointer.</summary>
    public ulong Rip { get; set; }

    /// <summary>FS segment base (set by arch_prctl(ARCH_SET_FS) or by the modeled loader's thread pointer).</summary>
    public ulong FsBase { get; set; }

    /// <summary>GS segment base.</summary>
    public ulong GsBase { get; set; }

    /// <summary>Reads a full 64-bit general-purpose register by number.</summary>
    public ulong Get(int register) => _gpr[register];

    /// <summary>Writes a full 64-bit general-purpose register by number.</summary>
    public void Set(int register, ulong value) => _gpr[register] = value;

    /// <summary>RSP, the stack pointer.</summary>
    public ulong StackPointer
    {
        get => _gpr[Rsp];
        set => _gpr[Rsp] = value;
    }

    /// <summary>Low quadword of xmm<paramref name="n"/>.</summary>
    public ulong XmmLow(int n) => _xmm[2 * n];

    /// <summary>High quadword of xmm<paramref name="n"/>.</summary>
    public ulong XmmHigh(int n) => _xmm[2 * n + 1];

    /// <summary>Writes all 128 bits of xmm<paramref name="n"/>.</summary>
    public void SetXmm(int n, ulong low, ulong high)
    {
        _xmm[2 * n] = low;
        _xmm[2 * n + 1] = high;
    }

    /// <summary>The name of general-purpose register <paramref name="register"/> ("rdi").</summary>
    public static string NameOf(int register) => Names[register];

    /// <summary>A copy of the general-purpose registers (for the trace).</summary>
    public ulong[] SnapshotRegisters() => (ulong[])_gpr.Clone();

    /// <summary>A deep copy (a thread switch saves one, tests compare them).</summary>
    public MachineState Clone()
    {
        var c = new MachineState { Rip = Rip, FsBase = FsBase, GsBase = GsBase, Rflags = Rflags };
        _gpr.CopyTo(c._gpr, 0);
        _xmm.CopyTo(c._xmm, 0);
        return c;
    }

    /// <summary>A hash of everything a loop could change, for loop-without-progress detection.</summary>
    public (ulong, ulong) Fingerprint()
    {
        ulong h1 = Rip * 0x9E3779B97F4A7C15UL ^ Rflags, h2 = FsBase;
        for (int i = 0; i < 16; i++)
        {
            h1 = (h1 ^ _gpr[i]) * 0x100000001B3UL + (ulong)i;
            h2 = ((h2 << 7) | (h2 >> 57)) ^ _gpr[i];
        }
        for (int i = 0; i < 32; i++)
            h2 = (h2 ^ _xmm[i]) * 0xC2B2AE3D27D4EB4FUL;
        return (h1, h2);
    }
}
