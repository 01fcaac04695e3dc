using GoBootCheck.Diagnostics;

namespace GoBootCheck.Configuration;

/// <summary>
/// A rule set file (GoBootCheckRuleSet) as read: per-rule settings and justified suppressions. Built only by
/// <see cref="RuleSetReader"/>, which has checked every key and value against the rules it was given.
/// </summary>
/// <param name="File">The file's full path, as diagnostics name it.</param>
/// <param name="Rules">Settings by rule id (only the rules the file mentions).</param>
/// <param name="Suppressions">Suppressions in file order.</param>
public sealed record RuleSet(string File, IReadOnlyDictionary<string, RuleSettings> Rules, IReadOnlyList<Suppression> Suppressions)
{
    /// <summary>No file: every rule on at its default severity with default parameters, nothing suppressed.</summary>
    public static RuleSet Empty { get; } = new("", new Dictionary<string, RuleSettings>(), []);

    /// <summary>False if the rule set turns <paramref name="ruleId"/> off.</summary>
    public bool IsEnabled(string ruleId) => !Rules.TryGetValue(ruleId, out var settings) || settings.Enabled;

    /// <summary>The configured value of a rule's parameter, or null to use the parameter's default.</summary>
    public object? Parameter(string ruleId, string name) =>
        Rules.TryGetValue(ruleId, out var settings) && settings.Parameters.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What a rule set says about one rule.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Enabled">False: the rule does not run.</param>
/// <param name="Severity">Severity of all its findings, or null for the rule's own.</param>
/// <param name="Parameters">
/// Parameter values by the descriptor's name, typed as the descriptor declares: <see cref="long"/>, <see cref="bool"/>
/// or <see cref="string"/> (enum parameters hold the member name as declared).
/// </param>
/// <param name="Line">Line of the rule's key in the file.</param>
public sealed record RuleSettings(string RuleId, bool Enabled, Severity? Severity, IReadOnlyDictionary<string, object> Parameters, int Line);

/// <summary>
/// Accepts the findings of one rule in matching binaries and functions, for a reason written down next to it. A
/// suppressed finding stays in the report (marked, with the justification); it no longer fails the build.
/// </summary>
/// <param name="RuleId">The rule whose findings it accepts.</param>
/// <param name="Binary">Glob over the binary's path (see <see cref="PathGlob"/>), or null for every binary.</param>
/// <param name="Function">Pattern over the Go function's full name (<c>*</c> = any text), or null for every finding.</param>
/// <param name="Justification">Why the finding is acceptable; never blank.</param>
/// <param name="Line">Line of the suppression's opening brace in the file.</param>
public sealed record Suppression(string RuleId, PathGlob? Binary, NamePattern? Function, string Justification, int Line);

/// <summary>A problem of a rule set file, at a line and column (1-based) of it.</summary>
/// <param name="Id">One of the GBC1100–GBC1199 ids of <see cref="DiagnosticIds"/>.</param>
/// <param name="Severity">Error, except an unmatched suppression (a warning).</param>
/// <param name="File">The rule set file.</param>
/// <param name="Line">1-based line, 0 if the problem has no place (an unreadable file).</param>
/// <param name="Column">1-based column, 0 if unknown.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record RuleSetProblem(string Id, Severity Severity, string File, int Line, int Column, string Message)
{
    /// <summary>"ruleset.json(12,5): error GBC1102: …", the canonical form.</summary>
    public override string ToString() => $"{File}({Line},{Column}): {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
