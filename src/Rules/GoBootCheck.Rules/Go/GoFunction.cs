namespace GoBootCheck.Go;

/// <summary>Bits of _func.flag (runtime/symtab.go funcFlag; Go ≥ 1.17, ASM since 1.18).</summary>
[Flags]
public enum FuncFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>funcFlag_TOPFRAME: the outermost frame of a goroutine or thread (rt0_go, mstart, goexit).</summary>
    TopFrame = 1,
    /// <summary>funcFlag_SPWRITE: writes SP arbitrarily (pcsp not trustworthy afterwards).</summary>
    SpWrite = 2,
    /// <summary>funcFlag_ASM: written in assembly (Go ≥ 1.18).</summary>
    Asm = 4,
}

/// <summary>
/// One function of pclntab. Its identity is its entry address: an ABI0 function and its ABI wrapper can share a name.
/// </summary>
/// <param name="Name">Name as in pclntab (no ".abi0" suffix).</param>
/// <param name="Entry">First instruction's address (link-time).</param>
/// <param name="End">Next function's entry (or the table's end PC): the code plus padding.</param>
/// <param name="Args">_func.args: argument and result bytes.</param>
/// <param name="FuncId">_func.funcID (0 for ordinary functions; version-specific numbering).</param>
/// <param name="Flags">_func.flag (zero before Go 1.17).</param>
/// <param name="FuncOffset">Where the _func record is, from the functab base (for the pc-value tables).</param>
public sealed record GoFunction(string Name, ulong Entry, ulong End, int Args, byte FuncId, FuncFlags Flags, uint FuncOffset)
{
    /// <summary>_func.pcsp: offset of the SP-delta table (0: no tables — not Go code, e.g. the race runtime's C++).</summary>
    public uint PcSp { get; init; }

    /// <summary>_func.pcfile.</summary>
    public uint PcFile { get; init; }

    /// <summary>_func.pcln.</summary>
    public uint PcLn { get; init; }

    /// <summary>_func.cuOffset (Go ≥ 1.16).</summary>
    public uint CuOffset { get; init; }

    /// <summary>_func.startLine (Go ≥ 1.20), else 0.</summary>
    public int StartLine { get; init; }

    /// <summary>True if the function has pc-value tables, i.e. was compiled or assembled by Go.</summary>
    public bool IsGoCode => PcSp != 0;

    /// <summary>Size in bytes up to the next function.</summary>
    public ulong Size => End - Entry;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} at 0x{Entry:x}";
}
