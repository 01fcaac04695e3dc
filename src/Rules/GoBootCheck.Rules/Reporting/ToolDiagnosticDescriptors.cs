using GoBootCheck.Diagnostics;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

/// <summary>
/// Descriptors of the tool's own diagnostics (GBC1001–GBC1099) and the rule set file's (GBC1100–GBC1199), so that SARIF viewers show them as rules with a
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
        new(DiagnosticIds.RuleFailure, "RuleFailure", "A rule or rule pack failed (retired).",
            "Retired: replaced by GBC1015-GBC1019 and GBC1030-GBC1032, which name the rule and its pack.", Severity.Error),
        new(DiagnosticIds.InvalidConfiguration, "InvalidConfiguration", "The configuration is invalid.",
            "An MSBuild property or rule set entry has an invalid value or an unknown key.", Severity.Error),
        new(DiagnosticIds.UndecodableCode, "UndecodableCode", "Code the verifier had to read does not decode.",
            "A function's entry or a branch target it must follow does not decode as x86-64 instructions (or lies outside the file); that function's prologue could not be verified.", Severity.Warning),
        new(DiagnosticIds.RulePackUnloadable, "RulePackUnloadable", "A rule pack could not be loaded.",
            "A GoBootCheckRulePack item is missing, is not a .NET assembly, does not reference GoBootCheck.Sdk, has no public rule, or a rule of it cannot be created. Its rules do not run.", Severity.Error),
        new(DiagnosticIds.RuleThrew, "RuleThrew", "A rule threw while judging a binary.",
            "The message names the rule and its pack. The rule's result for that binary is discarded; the other rules go on. Fix the rule: bad input is a verdict, never an exception.", Severity.Error),
        new(DiagnosticIds.RuleOverranBudget, "RuleOverranBudget", "A rule ran past its time budget.",
            "A pack's rule did not return within GoBootCheckRuleTimeBudgetSeconds and stopped when its cancellation token was cancelled. Its result for that binary is discarded.", Severity.Warning),
        new(DiagnosticIds.RuleAbandoned, "RuleAbandoned", "A rule ignored cancellation and was abandoned.",
            "A pack's rule ran past its budget and did not return after its cancellation token was cancelled. It cannot be stopped in-process: it is abandoned, its result discarded, and its pack's rules are not run again in this build.", Severity.Warning),
        new(DiagnosticIds.RulePackNeedsNewerApi, "RulePackNeedsNewerApi", "A rule pack needs a newer GoBootCheck.",
            "The pack was built against a newer GoBootCheck.Sdk than this GoBootCheck provides. Update the GoBootCheck package (or build the pack against an older GoBootCheck.Sdk). Its rules are not loaded.", Severity.Error),
        new(DiagnosticIds.UnsupportedGoVersion, "UnsupportedGoVersion", "The binary was built by a Go release older than Go 1.4.",
            "Before Go 1.4 the runtime was written in C, its entry was _rt0_go and g began with stackguard0 (offset 0, not 16), so none of the rules' expectations hold. Detected from the runtime version string (runtime.buildVersion) where the binary has one, otherwise from its functions (_rt0_go instead of runtime.rt0_go). The binary is not verified: every rule says NotVerified, none passes or fails.", Severity.Warning),
        new(DiagnosticIds.InferredConstantsContradictTable, "InferredConstantsContradictTable", "The binary's own runtime constants contradict the constants table.",
            "The runtime constants inferred from the binary itself — with at least two agreeing witnesses among its DWARF, the runtime's stack.lo + StackGuard writes, the consensus of its prologues and its TLS accesses — differ from the table row for its Go version. The binary's values are used, so the verdict is the binary's own: a note, and the table row should be checked.", Severity.Note),
        new(DiagnosticIds.InferenceSourcesDisagree, "InferenceSourcesDisagree", "The binary's own sources for a runtime constant disagree.",
            "DWARF, the runtime's code and the consensus of the prologues do not agree on a runtime constant, so it is not inferred; the table row for the binary's Go version is used. Without a table row the rules that need it are not verified (GBC1008).", Severity.Note),
        new(DiagnosticIds.RuleIdClash, "RuleIdClash", "Two rules have the same id.",
            "A pack's rule has the id of a built-in rule or of another pack's rule; the later one is not loaded. Packs use GBC5000 and above or their own prefix.", Severity.Error),
        new(DiagnosticIds.InvalidRuleDescriptor, "InvalidRuleDescriptor", "A rule's descriptor is invalid.",
            "The id is not letters and four or more digits (or is in GoBootCheck's own range), the name is not PascalCase, the title or message format is missing or invalid, or a parameter is duplicated or has a default outside its range. The rule is not loaded.", Severity.Error),
        new(DiagnosticIds.RuleContractViolation, "RuleContractViolation", "A rule broke the rule contract.",
            "The rule returned Fail without reporting a finding, reported findings with another verdict, or reported arguments its message format cannot take. Its result for that binary is discarded.", Severity.Error),
        new(DiagnosticIds.GoNotFound, "GoNotFound", "GoBuild found no go executable.",
            "The GoBuild target needs a go command: GoBootCheckGoCommand, else GoBootCheckGoRoot/bin/go or $GOROOT/bin/go, then go on PATH. The message says where it looked.", Severity.Error),
        new(DiagnosticIds.GoBuildFailed, "GoBuildFailed", "go build of a GoProgram failed.",
            "go build exited with an error; go's own messages are logged at their Go source file and line.", Severity.Error),
        new(DiagnosticIds.GoListFailed, "GoListFailed", "go list could not list a GoProgram's packages.",
            "GoBuild lists a GoProgram's Go files with go list to decide whether to rebuild; go list failed (go.mod missing or invalid, an import that cannot be resolved).", Severity.Error),
        new(DiagnosticIds.InvalidGoProgram, "InvalidGoProgram", "A GoProgram item is invalid.",
            "A GoProgram item names a directory that does not exist, or has an invalid metadata value (BuildMode, Output, flags).", Severity.Error),
        new(DiagnosticIds.UnsupportedMSBuild, "UnsupportedMSBuild", "This MSBuild cannot run GoBootCheck's .NET task.",
            ".NET Framework MSBuild before 18.0 (Visual Studio 2022 and older) cannot run a .NET task; build with dotnet build or Visual Studio 2026.", Severity.Error),
        new(DiagnosticIds.OutputUnwritable, "OutputUnwritable", "An output of GoBootCheck could not be written.",
            "The SARIF log could not be written (permissions, disk full, invalid path); check GoBootCheckSarifFile.", Severity.Error),
        new(DiagnosticIds.InternalError, "InternalError", "GoBootCheck hit an internal error.",
            "A bug in GoBootCheck was caught at its boundary so that it never reaches MSBuild. Please report it with the binary.", Severity.Error),
        new(DiagnosticIds.RuleSetUnreadable, "RuleSetUnreadable", "The rule set file cannot be read.",
            "The file GoBootCheckRuleSet (or gobootcheck --ruleset) names is missing or unreadable.", Severity.Error),
        new(DiagnosticIds.RuleSetSyntax, "RuleSetSyntax", "The rule set file is not valid JSON.",
            "The rule set file does not parse as JSON; the message gives the line and column.", Severity.Error),
        new(DiagnosticIds.RuleSetUnknownKey, "RuleSetUnknownKey", "The rule set file has a key the format does not have.",
            "A key the rule set format does not define (a typo is never silently ignored).", Severity.Error),
        new(DiagnosticIds.RuleSetBadValue, "RuleSetBadValue", "A rule set value has the wrong type or is out of range.",
            "A severity, enabled flag, parameter value or pattern in the rule set file is of the wrong type or out of range.", Severity.Error),
        new(DiagnosticIds.RuleSetUnknownRule, "RuleSetUnknownRule", "The rule set names a rule that does not exist.",
            "A rule id no built-in rule or loaded rule pack has.", Severity.Error),
        new(DiagnosticIds.SuppressionWithoutJustification, "SuppressionWithoutJustification", "A suppression has no justification.",
            "Every suppression needs a non-blank justification: why the finding is acceptable, and who reviewed it.", Severity.Error),
        new(DiagnosticIds.RuleSetMissingKey, "RuleSetMissingKey", "A suppression names no rule.",
            "A suppression in the rule set file has no rule key.", Severity.Error),
        new(DiagnosticIds.RuleSetDuplicateKey, "RuleSetDuplicateKey", "A key appears twice in one object.",
            "The same key appears twice in one JSON object of the rule set file.", Severity.Error),
        new(DiagnosticIds.RuleSetUnknownParameter, "RuleSetUnknownParameter", "The rule set sets a parameter the rule does not declare.",
            "A parameter name the rule's descriptor does not declare.", Severity.Error),
        new(DiagnosticIds.SuppressionMatchedNothing, "SuppressionMatchedNothing", "A suppression matched no finding.",
            "A suppression in the rule set file matched no finding in the run; remove it or fix its rule, binary or function pattern.", Severity.Warning),
    ];

    /// <summary>The descriptor of <paramref name="id"/>, or a generic one for an id this table does not list.</summary>
    public static RuleDescriptor For(string id) =>
        All.FirstOrDefault(d => d.Id == id) ?? new(id, "ToolDiagnostic", "A problem of GoBootCheck with its input.", "A problem of GoBootCheck with its input.", Severity.Warning);
}
