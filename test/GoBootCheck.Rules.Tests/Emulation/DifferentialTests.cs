using GoBootCheck.Emulation;
using Iced.Intel;

namespace GoBootCheck.Tests.Emulation;

/// <summary>
/// The same ALU snippets run on the host CPU and in the emulator; results and every flag the SDM defines for the
/// operation must agree (architecturally undefined flags are masked out).
/// </summary>
[TestClass]
public sealed class DifferentialTests
{
    private const ulong CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800, Status = CF | PF | AF | ZF | SF | OF;

    private static readonly ulong[] Values =
    [
        0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1_0000_0000,
        0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, ulong.MaxValue, 0x1234_5678_9abc_def0, 0x0f0f_0f0f_f0f0_f0f0,
    ];

    private static readonly ulong[] Counts = [0, 1, 2, 7, 8, 9, 15, 16, 31, 32, 33, 63, 64];
    private static readonly int[] Widths = [8, 16, 32, 64];

    public static IEnumerable<object[]> BinaryOps => new[] { "Add", "Adc", "Sub", "Sbb", "Cmp", "And", "Or", "Xor", "Test" }.Select(o => new object[] { o });
    public static IEnumerable<object[]> UnaryOps => new[] { "Inc", "Dec", "Neg", "Not" }.Select(o => new object[] { o });
    public static IEnumerable<object[]> ShiftOps => new[] { "Shl", "Shr", "Sar", "Rol", "Ror" }.Select(o => new object[] { o });

    [TestMethod]
    [DynamicData(nameof(BinaryOps))]
    public void BinaryOperation_MatchesHost(string op)
    {
        ulong defined = op is "And" or "Or" or "Xor" or "Test" ? Status & ~AF : Status;
        foreach (int w in Widths)
        {
            var code = Enum.Parse<Code>($"{op}_rm{w}_r{w}");
            Compare(op, w, (a, b) => Instruction.Create(code, Reg(w, 0), Reg(w, 1)), Values, Values, (_, _) => defined);
        }
    }

    [TestMethod]
    [DynamicData(nameof(UnaryOps))]
    public void UnaryOperation_MatchesHost(string op)
    {
        foreach (int w in Widths)
        {
            var code = Enum.Parse<Code>($"{op}_rm{w}");
            Compare(op, w, (a, b) => Instruction.Create(code, Reg(w, 0)), Values, [0], (_, _) => Status);
        }
    }

    [TestMethod]
    [DynamicData(nameof(ShiftOps))]
    public void ShiftOrRotate_MatchesHost(string op)
    {
        bool rotate = op is "Rol" or "Ror";
        foreach (int w in Widths)
        {
            var code = Enum.Parse<Code>($"{op}_rm{w}_CL");
            Compare(op, w, (a, b) => Instruction.Create(code, Reg(w, 0), Register.CL), Values, Counts, (a, count) =>
            {
                ulong c = count & (w == 64 ? 0x3fUL : 0x1fUL);
                if (c == 0) return Status;                   // nothing changes
                ulong flags = rotate ? CF : CF | PF | ZF | SF; // AF undefined for shifts, only CF (and OF) for rotates
                if (!rotate && c > (ulong)w) flags &= ~CF;     // CF undefined when the count exceeds the width
                if (c == 1) flags |= OF;                       // OF defined only for 1-bit shifts
                return flags;
            });
        }
    }

    [TestMethod]
    public void ImulAndBitScan_MatchHost()
    {
        foreach (int w in new[] { 16, 32, 64 })
        {
            var imul = Enum.Parse<Code>($"Imul_r{w}_rm{w}");
            Compare("Imul", w, (a, b) => Instruction.Create(imul, Reg(w, 0), Reg(w, 1)), Values, Values, (_, _) => CF | OF);
            var bsf = Enum.Parse<Code>($"Bsf_r{w}_rm{w}");
            Compare("Bsf", w, (a, b) => Instruction.Create(bsf, Reg(w, 0), Reg(w, 1)), [0x5555], Values.Where(v => (v & MachineState.Mask(w)) != 0), (_, _) => ZF);
        }
    }

    private static Register Reg(int width, int n) => (width, n) switch
    {
        (8, 0) => Register.AL, (8, _) => Register.CL, (16, 0) => Register.AX, (16, _) => Register.CX,
        (32, 0) => Register.EAX, (32, _) => Register.ECX, (_, 0) => Register.RAX, _ => Register.RCX,
    };

    private static void Compare(string op, int width, Func<ulong, ulong, Instruction> make, IEnumerable<ulong> left, IEnumerable<ulong> right, Func<ulong, ulong, ulong> definedFlags)
    {
        Assert.IsTrue(HostCpu.Available, "differential tests need an x86-64 Linux host");
        int checkedCases = 0;
        foreach (ulong a in left)
        {
            foreach (ulong b in right)
            {
                foreach (bool carry in new[] { false, true })
                {
                    var code = Snippet(make(a, b), a, b, carry);
                    var (hostRax, hostFlags) = HostCpu.Run(code);
                    var m = new TestMachine(code);
                    m.State.Set(MachineState.Rdi, TestMachine.DataBase);
                    Assert.IsNull(m.Run(), $"{op}{width} stopped");
                    ulong emuRax = m.Memory.PeekUInt64(TestMachine.DataBase)!.Value, emuFlags = m.Memory.PeekUInt64(TestMachine.DataBase + 8)!.Value;
                    ulong mask = definedFlags(a, b);
                    string what = $"{op} width {width} a=0x{a:x} b=0x{b:x} CF-in={carry}";
                    Assert.AreEqual(hostRax, emuRax, $"{what}: result");
                    Assert.AreEqual(hostFlags & mask, emuFlags & mask, $"{what}: flags (mask 0x{mask:x})");
                    checkedCases++;
                }
            }
        }
        Assert.IsTrue(checkedCases > 0);
    }

    /// <summary>rax=a, rcx=b, known flags (xor+add), CF as asked, the operation, then out[0]=rax, out[1]=rflags.</summary>
    private static byte[] Snippet(Instruction operation, ulong a, ulong b, bool carry)
    {
        var list = new List<Instruction>
        {
            Instruction.Create(Code.Mov_r64_imm64, Register.RAX, a),
            Instruction.Create(Code.Mov_r64_imm64, Register.RCX, b),
            Instruction.Create(Code.Xor_r32_rm32, Register.R8D, Register.R8D),
            Instruction.Create(Code.Add_r64_rm64, Register.R8, Register.R8),
            Instruction.Create(carry ? Code.Stc : Code.Clc),
            operation,
            Instruction.Create(Code.Pushfq),
            Instruction.Create(Code.Pop_r64, Register.RDX),
            Instruction.Create(Code.Mov_rm64_r64, new MemoryOperand(Register.RDI), Register.RAX),
            Instruction.Create(Code.Mov_rm64_r64, new MemoryOperand(Register.RDI, 8), Register.RDX),
            Instruction.Create(Code.Retnq),
        };
        var writer = new Writer();
        var encoder = Encoder.Create(64, writer);
        ulong ip = TestMachine.CodeBase;
        foreach (var instr in list) ip += (ulong)encoder.Encode(instr, ip);
        return [.. writer.Bytes];
    }

    private sealed class Writer : CodeWriter
    {
        public List<byte> Bytes { get; } = [];

        public override void WriteByte(byte value) => Bytes.Add(value);
    }
}
