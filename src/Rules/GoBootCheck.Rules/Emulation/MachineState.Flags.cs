namespace GoBootCheck.Emulation;

/// <summary>The status flags of RFLAGS and the condition codes computed from them (Intel SDM vol. 1, 3.4.3).</summary>
internal sealed partial class MachineState
{
    /// <summary>RFLAGS bit positions.</summary>
    public const ulong CfBit = 1UL << 0, PfBit = 1UL << 2, AfBit = 1UL << 4, ZfBit = 1UL << 6, SfBit = 1UL << 7,
        TfBit = 1UL << 8, IfBit = 1UL << 9, DfBit = 1UL << 10, OfBit = 1UL << 11;

    /// <summary>Carry flag.</summary>
    public bool CF { get; set; }
    /// <summary>Parity flag (even parity of the result's low byte).</summary>
    public bool PF { get; set; }
    /// <summary>Auxiliary carry (carry out of bit 3).</summary>
    public bool AF { get; set; }
    /// <summary>Zero flag.</summary>
    public bool ZF { get; set; }
    /// <summary>Sign flag.</summary>
    public bool SF { get; set; }
    /// <summary>Overflow flag.</summary>
    public bool OF { get; set; }
    /// <summary>Direction flag (string instructions decrement when set).</summary>
    public bool DF { get; set; }
    /// <summary>Interrupt enable flag; the kernel starts user code with it set.</summary>
    public bool IF { get; set; } = true;

    /// <summary>RFLAGS as pushed by pushfq (bit 1 always reads as 1).</summary>
    public ulong Rflags
    {
        get => 2UL | (CF ? CfBit : 0) | (PF ? PfBit : 0) | (AF ? AfBit : 0) | (ZF ? ZfBit : 0) | (SF ? SfBit : 0) |
               (IF ? IfBit : 0) | (DF ? DfBit : 0) | (OF ? OfBit : 0);
        set
        {
            CF = (value & CfBit) != 0; PF = (value & PfBit) != 0; AF = (value & AfBit) != 0; ZF = (value & ZfBit) != 0;
            SF = (value & SfBit) != 0; IF = (value & IfBit) != 0; DF = (value & DfBit) != 0; OF = (value & OfBit) != 0;
        }
    }

    /// <summary>Sets ZF, SF and PF from a result of <paramref name="bits"/> width.</summary>
    public void SetResultFlags(ulong result, int bits)
    {
        ulong masked = result & Mask(bits);
        ZF = masked == 0;
        SF = ((masked >> (bits - 1)) & 1) != 0;
        PF = (System.Numerics.BitOperations.PopCount(masked & 0xff) & 1) == 0;
    }

    /// <summary>All ones in the low <paramref name="bits"/> bits.</summary>
    public static ulong Mask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    /// <summary>Evaluates condition code <paramref name="cc"/> in the order of the Jcc encodings (0=O … 15=G).</summary>
    public bool Condition(int cc) => cc switch
    {
        0 => OF,
        1 => !OF,
        2 => CF,
        3 => !CF,
        4 => ZF,
        5 => !ZF,
        6 => CF || ZF,
        7 => !CF && !ZF,
        8 => SF,
        9 => !SF,
        10 => PF,
        11 => !PF,
        12 => SF != OF,
        13 => SF == OF,
        14 => ZF || SF != OF,
        15 => !ZF && SF == OF,
        _ => throw new ArgumentOutOfRangeException(nameof(cc)),
    };
}
