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
/// <remarks>
/// A function read from pclntab keeps only where its name is (funcnametab) and decodes it on first use: a large binary
/// has hundreds of thousands of functions whose names are never printed, and their strings would cost about a third
/// of the file's size. Code that scans all functions for a name uses <see cref="NameIs"/>, which compares in place.
/// </remarks>
public sealed record GoFunction
{
    private readonly FunctionNames? _names;
    private readonly int _nameOffset;
    private string? _name;

    /// <summary>A function with a known name (tests, synthetic tables).</summary>
    /// <param name="name">Name as in pclntab (no ".abi0" suffix).</param>
    /// <param name="entry">First instruction's address (link-time).</param>
    /// <param name="end">Next function's entry (or the table's end PC): the code plus padding.</param>
    /// <param name="args">_func.args: argument and result bytes.</param>
    /// <param name="funcId">_func.funcID (0 for ordinary functions; version-specific numbering).</param>
    /// <param name="flags">_func.flag (zero before Go 1.17).</param>
    /// <param name="funcOffset">Where the _func record is, from the functab base (for the pc-value tables).</param>
    public GoFunction(string name, ulong entry, ulong end, int args, byte funcId, FuncFlags flags, uint funcOffset)
        : this(null, 0, entry, end, args, funcId, flags, funcOffset)
    {
        _name = name;
    }

    internal GoFunction(FunctionNames? names, int nameOffset, ulong entry, ulong end, int args, byte funcId, FuncFlags flags, uint funcOffset)
    {
        _names = names;
        _nameOffset = nameOffset;
        Entry = entry;
        End = end;
        Args = args;
        FuncId = funcId;
        Flags = flags;
        FuncOffset = funcOffset;
    }

    /// <summary>Name as in pclntab (no ".abi0" suffix); decoded on first use.</summary>
    public string Name => _name ??= _names!.Decode(_nameOffset); // a race decodes twice to equal strings: harmless

    /// <summary>First instruction's address (link-time).</summary>
    public ulong Entry { get; }

    /// <summary>Next function's entry (or the table's end PC): the code plus padding.</summary>
    public ulong End { get; }

    /// <summary>_func.args: argument and result bytes.</summary>
    public int Args { get; }

    /// <summary>_func.funcID (0 for ordinary functions; version-specific numbering).</summary>
    public byte FuncId { get; }

    /// <summary>_func.flag (zero before Go 1.17).</summary>
    public FuncFlags Flags { get; }

    /// <summary>Where the _func record is, from the functab base (for the pc-value tables).</summary>
    public uint FuncOffset { get; }

    /// <summary>True if the name is exactly <paramref name="name"/>, compared without decoding it when it is not yet decoded.</summary>
    public bool NameIs(string name) => _name is not null || _names is null ? string.Equals(Name, name, StringComparison.Ordinal) : _names.Equals(_nameOffset, name);

    /// <summary>True if the name starts with <paramref name="prefix"/>, compared without decoding it when it is not yet decoded.</summary>
    public bool NameStartsWith(string prefix) => _name is not null || _names is null ? Name.StartsWith(prefix, StringComparison.Ordinal) : _names.StartsWith(_nameOffset, prefix);

    /// <inheritdoc/>
    public bool Equals(GoFunction? other) =>
        other is not null && Entry == other.Entry && End == other.End && Args == other.Args && FuncId == other.FuncId && Flags == other.Flags &&
        FuncOffset == other.FuncOffset && PcSp == other.PcSp && PcFile == other.PcFile && PcLn == other.PcLn && CuOffset == other.CuOffset &&
        StartLine == other.StartLine && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Entry, End, FuncOffset);

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
