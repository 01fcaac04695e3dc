namespace GoBootCheck.Diagnostics;

/// <summary>
/// Stable ids of the tool's own problems with an input (range GBC1000–GBC1099).
/// Rule findings about a binary use GBC0001–GBC0099 (<see cref="GoBootCheck.RulePacks.RuleIds"/>).
/// Retired ids are never reused.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>The file could not be read at all (missing, permission, I/O error).</summary>
    public const string FileUnreadable = "GBC1001";
    /// <summary>The file is not an ELF file (no ELF magic): a mislabeled input.</summary>
    public const string NotElf = "GBC1002";
    /// <summary>The ELF file is truncated or its headers are corrupt.</summary>
    public const string MalformedElf = "GBC1003";
    /// <summary>A valid ELF for a machine, class or type the tool does not verify (arm64, 32-bit, relocatable).</summary>
    public const string UnsupportedTarget = "GBC1004";
    /// <summary>A valid ELF with no Go metadata (no pclntab found): not a Go binary.</summary>
    public const string NotGoBinary = "GBC1005";
    /// <summary>Go metadata exists but is corrupt (pclntab or build info out of bounds or inconsistent).</summary>
    public const string CorruptGoMetadata = "GBC1006";
    /// <summary>Go metadata uses a layout (pclntab magic, build info format) newer than the tool knows.</summary>
    public const string UnsupportedGoLayout = "GBC1007";
    /// <summary>The Go version or build configuration has no row in the runtime constants table.</summary>
    public const string UnknownGoConfiguration = "GBC1008";
    /// <summary>The binary's DWARF constants disagree with the constants table for its Go version.</summary>
    public const string ConstantsDisagree = "GBC1009";
    /// <summary>DWARF is present but could not be read (e.g. DWARF 5); the constants table is used.</summary>
    public const string DwarfUnreadable = "GBC1010";
    /// <summary>The start-up emulation stopped at a limit of the tool (unimplemented instruction, unmodeled import, budget).</summary>
    public const string EmulationLimit = "GBC1011";
    /// <summary>A rule pack could not be loaded or a rule threw.</summary>
    public const string RuleFailure = "GBC1012";
    /// <summary>Configuration (rule set file, MSBuild property) is invalid or has an unknown key.</summary>
    public const string InvalidConfiguration = "GBC1013";
    /// <summary>Code the tool had to read (a function's entry, a branch target) does not decode as x86-64 instructions.</summary>
    public const string UndecodableCode = "GBC1014";
    /// <summary>A Go release older than the oldest one verified (Go 1.4): nothing is verified, no verdict is given.</summary>
    public const string UnsupportedGoVersion = "GBC1020";
    /// <summary>
    /// The runtime constants the binary's own agreeing sources give (DWARF, runtime code, prologues) contradict the
    /// constants table's row for its Go version; the binary's values are used.
    /// </summary>
    public const string InferredConstantsContradictTable = "GBC1023";
    /// <summary>The binary's own sources for a runtime constant disagree; the table's value is used (without a table row: GBC1008).</summary>
    public const string InferenceSourcesDisagree = "GBC1024";
    /// <summary>An output of the tool (the SARIF log) could not be written. GBC1090–GBC1098: problems of the sinks.</summary>
    public const string OutputUnwritable = "GBC1090";
    /// <summary>A bug in the tool, caught at the boundary so that it never reaches MSBuild.</summary>
    public const string InternalError = "GBC1099";
}
