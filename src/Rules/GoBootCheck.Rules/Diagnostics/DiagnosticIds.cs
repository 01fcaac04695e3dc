namespace GoBootCheck.Diagnostics;

/// <summary>
/// Stable ids of the tool's own problems with an input (range GBC1000–GBC1099).
/// Rule findings about a binary use GBC0001–GBC0099 (GoBootCheck.Rules.BuiltIn.RuleIds).
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
    /// <summary>Retired: a rule pack could not be loaded or a rule threw (now GBC1015-GBC1019, GBC1030-GBC1032).</summary>
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
    /// <summary>A rule pack could not be loaded: missing file, not a .NET assembly, no rules, a rule that cannot be created.</summary>
    public const string RulePackUnloadable = "GBC1015";
    /// <summary>A rule threw while judging a binary; its result for that binary is discarded.</summary>
    public const string RuleThrew = "GBC1016";
    /// <summary>A rule overran its time budget and stopped when cancelled; its result for that binary is discarded.</summary>
    public const string RuleOverranBudget = "GBC1017";
    /// <summary>A rule ignored cancellation past its budget: it is abandoned and its pack is not run again in this build.</summary>
    public const string RuleAbandoned = "GBC1018";
    /// <summary>A rule pack was built against a newer GoBootCheck.Sdk than the host provides.</summary>
    public const string RulePackNeedsNewerApi = "GBC1019";
    /// <summary>Two rules (built-in or from packs) have the same id; the later one is not loaded.</summary>
    public const string RuleIdClash = "GBC1030";
    /// <summary>A rule's descriptor is invalid (id, name, message format, parameters); the rule is not loaded.</summary>
    public const string InvalidRuleDescriptor = "GBC1031";
    /// <summary>A rule broke its contract (Fail without findings, findings without Fail, arguments its message format cannot take).</summary>
    public const string RuleContractViolation = "GBC1032";
    // GBC1040–GBC1049: the Go build step (GoProgram items, the GoBuild target) and where the task runs.
    /// <summary>No go executable was found (GoBootCheckGoCommand, GoBootCheckGoRoot, GOROOT, PATH).</summary>
    public const string GoNotFound = "GBC1040";
    /// <summary>go build reported an error (compile or link), placed at the Go source line when go names one.</summary>
    public const string GoBuildFailed = "GBC1041";
    /// <summary>go list could not list the program's packages (their files are the up-to-date check's inputs).</summary>
    public const string GoListFailed = "GBC1042";
    /// <summary>A GoProgram item is invalid: missing directory, unknown build mode, bad metadata value.</summary>
    public const string InvalidGoProgram = "GBC1043";
    /// <summary>The MSBuild running the build cannot run the task (.NET Framework MSBuild before 18.0).</summary>
    public const string UnsupportedMSBuild = "GBC1044";
    /// <summary>An output of the tool (the SARIF log) could not be written. GBC1090–GBC1098: problems of the sinks.</summary>
    public const string OutputUnwritable = "GBC1090";
    /// <summary>A bug in the tool, caught at the boundary so that it never reaches MSBuild.</summary>
    public const string InternalError = "GBC1099";

    // GBC1100–GBC1199: the rule set file (GoBootCheckRuleSet). Each names the file and the line.

    /// <summary>The rule set file could not be read (missing, permission, I/O error).</summary>
    public const string RuleSetUnreadable = "GBC1100";
    /// <summary>The rule set file is not valid JSON (comments and trailing commas are allowed).</summary>
    public const string RuleSetSyntax = "GBC1101";
    /// <summary>A key the rule set format does not have (a misspelling would otherwise be ignored).</summary>
    public const string RuleSetUnknownKey = "GBC1102";
    /// <summary>A value of the wrong type or out of range (severity, enabled, a parameter, a pattern).</summary>
    public const string RuleSetBadValue = "GBC1103";
    /// <summary>A rule id that no built-in rule or loaded rule pack has.</summary>
    public const string RuleSetUnknownRule = "GBC1104";
    /// <summary>A suppression without a justification (missing, empty or blank).</summary>
    public const string SuppressionWithoutJustification = "GBC1105";
    /// <summary>A required key is missing (a suppression's rule).</summary>
    public const string RuleSetMissingKey = "GBC1106";
    /// <summary>The same key twice in one object (the second would silently win).</summary>
    public const string RuleSetDuplicateKey = "GBC1107";
    /// <summary>A parameter the rule does not declare.</summary>
    public const string RuleSetUnknownParameter = "GBC1108";
    /// <summary>A suppression that matched no finding of any binary of the build (a warning: stale suppressions rot).</summary>
    public const string SuppressionMatchedNothing = "GBC1109";
}
