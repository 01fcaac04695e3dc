namespace GoBootCheck.Sdk;

/// <summary>-buildmode of a Go binary.</summary>
public enum GoBuildMode
{
    /// <summary>Neither recorded nor inferable.</summary>
    Unknown,
    /// <summary>-buildmode=exe.</summary>
    Exe,
    /// <summary>-buildmode=pie.</summary>
    Pie,
    /// <summary>-buildmode=c-shared.</summary>
    CShared,
    /// <summary>-buildmode=shared or plugin.</summary>
    Shared,
    /// <summary>Any other recorded mode (c-archive, …).</summary>
    Other,
}

/// <summary>Whether the binary links runtime/cgo.</summary>
public enum CgoUse
{
    /// <summary>The metadata cannot tell (Go ≥ 1.19 drops runtime/cgo's Go functions; external linking keeps C out of pclntab).</summary>
    Unknown,
    /// <summary>runtime/cgo is linked.</summary>
    Yes,
    /// <summary>runtime/cgo is not linked.</summary>
    No,
}

/// <summary>Bits of _func.flag (runtime/symtab.go funcFlag; Go ≥ 1.17, ASM since 1.18).</summary>
[Flags]
public enum GoFunctionFlags
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>funcFlag_TOPFRAME: the outermost frame of a goroutine or thread.</summary>
    TopFrame = 1,
    /// <summary>funcFlag_SPWRITE: writes SP arbitrarily.</summary>
    SpWrite = 2,
    /// <summary>funcFlag_ASM: written in assembly.</summary>
    Asm = 4,
}

/// <summary>
/// One function of pclntab, identified by its entry address (an ABI0 function and its wrapper can share a name).
/// Equal when the entries are equal.
/// </summary>
public abstract class GoFunction : IEquatable<GoFunction>
{
    private protected GoFunction()
    {
    }

    /// <summary>Name as in pclntab (no ".abi0" suffix), e.g. "runtime.rt0_go", "main.(*T).M".</summary>
    public abstract string Name { get; }

    /// <summary>First instruction's link-time address.</summary>
    public abstract ulong Entry { get; }

    /// <summary>The next function's entry: the code plus padding.</summary>
    public abstract ulong End { get; }

    /// <summary>Bytes from entry to end.</summary>
    public ulong Size => End - Entry;

    /// <summary>True if compiled or assembled by Go (has pc-value tables); false for C code in pclntab.</summary>
    public abstract bool IsGoCode { get; }

    /// <summary>_func.flag.</summary>
    public abstract GoFunctionFlags Flags { get; }

    /// <summary>_func.args: bytes of arguments and results.</summary>
    public abstract int ArgumentSize { get; }

    /// <summary>The frame: the largest SP delta of its pcsp table (0 for code that is not Go).</summary>
    public abstract int FrameSize { get; }

    /// <summary>Source position of the entry, if the pc tables have one.</summary>
    public abstract CodeLocation? Source { get; }

    /// <summary>True if the name starts with <paramref name="prefix"/> (cheap on large binaries: names are decoded on demand).</summary>
    public abstract bool NameStartsWith(string prefix);

    /// <inheritdoc/>
    public bool Equals(GoFunction? other) => other is not null && other.Entry == Entry;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GoFunction);

    /// <inheritdoc/>
    public override int GetHashCode() => Entry.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Name + " at 0x" + Entry.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The Go metadata of the binary: version, build info, pclntab and runtime constants, read from the file alone.</summary>
public abstract class GoMetadata
{
    private protected GoMetadata()
    {
    }

    /// <summary>The Go version, or null if the binary does not record one (stripped Go ≤ 1.12).</summary>
    public abstract GoVersion? Version { get; }

    /// <summary>Build info, or null for Go ≤ 1.12 binaries.</summary>
    public abstract GoBuildInfo? BuildInfo { get; }

    /// <summary>-buildmode as recorded in build info, else inferred from the ELF (see <see cref="BuildModeInferred"/>).</summary>
    public abstract GoBuildMode BuildMode { get; }

    /// <summary>True if <see cref="BuildMode"/> was inferred from the ELF rather than recorded.</summary>
    public abstract bool BuildModeInferred { get; }

    /// <summary>Whether pclntab shows runtime/cgo; <see cref="BootstrapTrace.Cgo"/> is definite where the emulation got that far.</summary>
    public abstract CgoUse Cgo { get; }

    /// <summary>True for -race builds.</summary>
    public abstract bool IsRace { get; }

    /// <summary>The pclntab layout, e.g. "go1.20+ (0xfffffff1)".</summary>
    public abstract string PclntabLayout { get; }

    /// <summary>All functions of pclntab, by entry address.</summary>
    public abstract IReadOnlyList<GoFunction> Functions { get; }

    /// <summary>Runtime constants for this version and configuration, or null if unknown.</summary>
    public abstract RuntimeConstants? Constants { get; }

    /// <summary>The function containing <paramref name="address"/> (link-time), or null.</summary>
    public abstract GoFunction? FunctionAt(ulong address);

    /// <summary>All functions with exactly this name (a linear scan: ask for a few names, not thousands).</summary>
    public abstract IReadOnlyList<GoFunction> FunctionsNamed(string name);

    /// <summary>The source position of <paramref name="address"/> (pcfile/pcln), or null.</summary>
    public abstract CodeLocation? SourceAt(ulong address);

    /// <summary>The SP delta at <paramref name="address"/> inside its function (pcsp), or null.</summary>
    public abstract int? FrameAt(ulong address);
}
