using GoBootCheck.Diagnostics;

namespace GoBootCheck.RulePacks;

/// <summary>
/// Metadata of a rule or tool diagnostic as the sinks show it (SARIF, documentation): built from a rule's
/// <see cref="Sdk.RuleDescriptor"/> by the loader, and for the tool's own diagnostics by
/// <see cref="Reporting.ToolDiagnosticDescriptors"/>.
/// </summary>
/// <param name="Id">Stable id, e.g. GBC0001.</param>
/// <param name="Name">PascalCase name, e.g. EntryReachesRt0Go.</param>
/// <param name="ShortDescription">One sentence.</param>
/// <param name="FullDescription">What the invariant is and why it matters.</param>
/// <param name="DefaultSeverity">Severity of a violation.</param>
/// <param name="HelpUri">Relative or absolute link to the rule's documentation.</param>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    string ShortDescription,
    string FullDescription,
    Severity DefaultSeverity = Severity.Error,
    string? HelpUri = null);

/// <summary>What a rule concluded about one binary.</summary>
public enum RuleStatus
{
    /// <summary>The invariant was checked and holds.</summary>
    Pass,
    /// <summary>The invariant was checked and is broken; see the findings.</summary>
    Fail,
    /// <summary>The invariant does not apply to this binary (with a reason).</summary>
    NotApplicable,
    /// <summary>The invariant applies but could not be checked (with the limit that stopped it).</summary>
    NotVerified,
}

/// <summary>Where in the binary a finding points (its typed fields: never parsed out of a message).</summary>
/// <param name="Function">Go function name, if known.</param>
/// <param name="SourceFile">Go source file of the function's entry, if known.</param>
/// <param name="Line">Line in <paramref name="SourceFile"/>.</param>
/// <param name="Address">Virtual address of the instruction or function.</param>
public sealed record CodeLocation(string? Function, string? SourceFile, int? Line, ulong? Address)
{
    /// <summary>"runtime.rt0_go (asm_amd64.s:16) at 0x45e1a0", leaving out what is unknown.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Function is not null) parts.Add(Function);
        if (SourceFile is not null) parts.Add(Line is int l ? $"({SourceFile}:{l})" : $"({SourceFile})");
        if (Address is ulong a) parts.Add($"at 0x{a:x}");
        return string.Join(' ', parts);
    }
}

/// <summary>One violation of a rule, as the sinks show it: the rule's typed finding with its message rendered.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Severity">Severity (the finding's, else the rule's default unless configured).</param>
/// <param name="Message">For people: what was expected and what was found (the location is in <paramref name="Location"/>).</param>
/// <param name="Location">Where it is, if it has a place.</param>
/// <param name="Discriminator">Tells apart several findings of the rule in one function; stable across builds.</param>
public sealed record Finding(string RuleId, Severity Severity, string Message, CodeLocation? Location = null, string? Discriminator = null)
{
    /// <summary>Set when configuration (a rule set) suppresses this finding; sinks still report it, marked suppressed.</summary>
    public FindingSuppression? Suppression { get; init; }
}

/// <summary>Why a finding is suppressed: recorded outside the binary (a rule set file), with a justification.</summary>
/// <param name="Justification">Why the finding is accepted, as the user wrote it.</param>
public sealed record FindingSuppression(string Justification)
{
    /// <summary>The rule set file that holds the suppression.</summary>
    public string? File { get; init; }

    /// <summary>The suppression's line in <see cref="File"/> (1-based; 0 if unknown).</summary>
    public int Line { get; init; }

    /// <summary>"gobootcheck.ruleset.json(12)": where the suppression is written, for log lines.</summary>
    public string Where => File is null ? "rule set" : $"{System.IO.Path.GetFileName(File)}({Line})";
}

/// <summary>A rule's verdict on one binary: status, reason and findings.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Status">Pass, Fail, NotApplicable or NotVerified.</param>
/// <param name="Reason">Why NotApplicable/NotVerified, or a summary of a pass (what was checked).</param>
/// <param name="Findings">Violations; non-empty exactly when <paramref name="Status"/> is Fail.</param>
public sealed record RuleResult(RuleDescriptor Rule, RuleStatus Status, string? Reason, IReadOnlyList<Finding> Findings)
{
    /// <summary>A pass, saying what was checked.</summary>
    public static RuleResult Pass(RuleDescriptor rule, string what) => new(rule, RuleStatus.Pass, what, []);

    /// <summary>Not applicable to this binary, with the reason.</summary>
    public static RuleResult NotApplicable(RuleDescriptor rule, string reason) => new(rule, RuleStatus.NotApplicable, reason, []);

    /// <summary>Applicable but not checked, with the limit that stopped it.</summary>
    public static RuleResult NotVerified(RuleDescriptor rule, string reason) => new(rule, RuleStatus.NotVerified, reason, []);

    /// <summary>Violated, with the findings.</summary>
    public static RuleResult Fail(RuleDescriptor rule, IReadOnlyList<Finding> findings, string? reason = null) =>
        new(rule, RuleStatus.Fail, reason, findings);
}
