using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

/// <summary>
/// Descriptors of the tool's own diagnostics (GBC1001–GBC1099), so that SARIF viewers show them as rules with a
/// name and a description next to the binary rules. Keep in step with <see cref="DiagnosticIds"/>.
/// </summary>
public static class ToolDiagnosticDescriptors
{
    /// <summary>Every tool diagnostic, in id order.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        new(DiagnosticIds.FileUnreadable, "FileUnreadable", "The file could not be read.",
            "The listed binary is missing or could not be read (permissions, I/O error). Check the GoBootCheckBinary item.", Severity.Error),
        new(DiagnosticIds.NotElf, "NotElf", "The file is not an ELF file.",
            "The listed file does not start with the ELF magic: it is not a Linux binary, or the wrong file was listed.", Severity.Error),
        new(DiagnosticIds.MalformedElf, "MalformedElf", "The ELF file is truncated or its headers are corrupt.",
            "The ELF headers, program headers or sections point outside the file or are inconsistent; the file is damaged or incomplete.", Severity.Error),
        new(DiagnosticIds.UnsupportedTarget, "UnsupportedTarget", "The ELF file is for a target GoBootCheck does not verify.",
            "GoBootCheck verifies 64-bit little-endian x86-64 (linux/amd64) executables, PIEs and shared objects. Other machines, classes and types are reported once and not verified; GoBootCheckTreatUnverifiableAsError makes this an error.", Severity.Warning),
        new(DiagnosticIds.NotGoBinary, "NotGoBinary", "The ELF file has no Go metadata.",
            "No pclntab was found by section, symbol or scan: the file is not a Go binary.", Severity.Error),
        new(DiagnosticIds.CorruptGoMetadata, "CorruptGoMetadata", "The Go metadata is corrupt.",
            "The pclntab or build info is out of bounds or inconsistent.", Severity.Error),
        new(DiagnosticIds.UnsupportedGoLayout, "UnsupportedGoLayout", "The Go metadata uses a layout GoBootCheck does not know.",
            "The pclntab magic or build info format is newer than this version of GoBootCheck; the binary is not verified.", Severity.Warning),
        new(DiagnosticIds.UnknownGoConfiguration, "UnknownGoConfiguration", "The Go version or build configuration has no runtime constants.",
            "The rules that need runtime constants (StackGuard, the nosplit limit, g's field offsets) cannot check this binary.", Severity.Warning),
        new(DiagnosticIds.ConstantsDisagree, "ConstantsDisagree", "The binary's DWARF constants disagree with the constants table.",
            "The binary's own values (DW_TAG_constant runtime.stackGuard, runtime.stackNosplit, internal/abi.StackSmall/StackBig; runtime.m.tls) are used, so the verdict is unaffected: a note, and the table row for its Go version should be checked. A warning only if runtime.g.stackguard0 is not at offset 16, which the rules assume.", Severity.Note),
        new(DiagnosticIds.DwarfUnreadable, "DwarfUnreadable", "The binary's DWARF could not be read.",
            "DWARF is present but not read: DWARF 5 (Go 1.25+) or DWARF 2 (Go 1.9 and older), which LibObjectFile cannot read; a damaged debug section; or a .debug_info above the size budget. The constants table is used.", Severity.Note),
        new(DiagnosticIds.EmulationLimit, "EmulationLimit", "The start-up emulation stopped at a limit of the tool.",
            "An unimplemented instruction, an unmodeled import or the instruction or time budget stopped the emulation; the rules that depend on it are not verified.", Severity.Warning),
        new(DiagnosticIds.RuleFailure, "RuleFailure", "A rule or rule pack failed.",
            "A rule threw or a rule pack could not be loaded; the rule's verdict is missing. Please report it with the binary.", Severity.Error),
        new(DiagnosticIds.InvalidConfiguration, "InvalidConfiguration", "The configuration is invalid.",
            "An MSBuild property or rule set entry has an invalid value or an unknown key.", Severity.Error),
        new(DiagnosticIds.UndecodableCode, "UndecodableCode", "Code the verifier had to read does not decode.",
            "A function's entry or a branch target it must follow does not decode as x86-64 instructions (or lies outside the file); that function's prologue could not be verified.", Severity.Warning),
        new(DiagnosticIds.UnsupportedGoVersion, "UnsupportedGoVersion", "The binary was built by a Go release older than Go 1.4.",
            "Before Go 1.4 the runtime was written in C, its entry was _rt0_go and g began with stackguard0 (offset 0, not 16), so none of the rules' expectations hold. Detected from the runtime version string (runtime.buildVersion) where the binary has one, otherwise from its functions (_rt0_go instead of runtime.rt0_go). The binary is not verified: every rule says NotVerified, none passes or fails.", Severity.Warning),
        new(DiagnosticIds.InferredConstantsContradictTable, "InferredConstantsContradictTable", "The binary's own runtime constants contradict the constants table.",
            "The runtime constants inferred from the binary itself — with at least two agreeing witnesses among its DWARF, the runtime's stack.lo + StackGuard writes, the consensus of its prologues and its TLS accesses — differ from the table row for its Go version. The binary's values are used, so the verdict is the binary's own: a note, and the table row should be checked.", Severity.Note),
        new(DiagnosticIds.InferenceSourcesDisagree, "InferenceSourcesDisagree", "The binary's own sources for a runtime constant disagree.",
            "DWARF, the runtime's code and the consensus of the prologues do not agree on a runtime constant, so it is not inferred; the table row for the binary's Go version is used. Without a table row the rules that need it are not verified (GBC1008).", Severity.Note),
        new(DiagnosticIds.OutputUnwritable, "OutputUnwritable", "An output of GoBootCheck could not be written.",
            "The SARIF log could not be written (permissions, disk full, invalid path); check GoBootCheckSarifFile.", Severity.Error),
        new(DiagnosticIds.InternalError, "InternalError", "GoBootCheck hit an internal error.",
            "A bug in GoBootCheck was caught at its boundary so that it never reaches MSBuild. Please report it with the binary.", Severity.Error),
    ];

    /// <summary>The descriptor of <paramref name="id"/>, or a generic one for an id this table does not list.</summary>
    public static RuleDescriptor For(string id) =>
        All.FirstOrDefault(d => d.Id == id) ?? new(id, "ToolDiagnostic", "A problem of GoBootCheck with its input.", "A problem of GoBootCheck with its input.", Severity.Warning);
}
