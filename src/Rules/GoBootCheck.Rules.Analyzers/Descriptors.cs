using System.Resources;
using Microsoft.CodeAnalysis;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>The rule-pack analyzer's descriptors; texts come from Resources.resx.</summary>
internal static class Descriptors
{
    private const string Correctness = "GoBootCheck.RulePack";
    private const string Determinism = "GoBootCheck.RulePack.Determinism";
    private const string Documentation = "GoBootCheck.RulePack.Documentation";

    /// <summary>Where the docs pages live; each id has docs/analyzers/&lt;id&gt;.md.</summary>
    public const string HelpBase = "https://github.com/GoBootCheck/GoBootCheck/blob/main/docs/analyzers/";

    private static readonly ResourceManager Resources = new("GoBootCheck.Rules.Analyzers.Resources", typeof(Descriptors).Assembly);

    private static LocalizableResourceString Text(string name) => new(name, Resources, typeof(Descriptors));

    private static DiagnosticDescriptor Create(string id, string name, string category, DiagnosticSeverity severity, params string[] tags) =>
        new(id, Text(name + "Title"), Text(name + "Message"), category, severity, isEnabledByDefault: true,
            description: Text(name + "Description"), helpLinkUri: HelpBase + id + ".md", customTags: tags);

    public static readonly DiagnosticDescriptor RuleNotCreatable =
        Create(DiagnosticIds.RuleNotCreatable, nameof(RuleNotCreatable), Correctness, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor RuleIdNotConstant =
        Create(DiagnosticIds.RuleIdNotConstant, nameof(RuleIdNotConstant), Correctness, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RuleIdMalformed =
        Create(DiagnosticIds.RuleIdMalformed, nameof(RuleIdMalformed), Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RuleIdReserved =
        Create(DiagnosticIds.RuleIdReserved, nameof(RuleIdReserved), Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RuleIdDuplicated =
        Create(DiagnosticIds.RuleIdDuplicated, nameof(RuleIdDuplicated), Correctness, DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ParameterNotDeclared =
        Create(DiagnosticIds.ParameterNotDeclared, nameof(ParameterNotDeclared), Correctness, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ParameterDefaultOutOfRange =
        Create(DiagnosticIds.ParameterDefaultOutOfRange, nameof(ParameterDefaultOutOfRange), Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NonDeterministicApi =
        Create(DiagnosticIds.NonDeterministicApi, nameof(NonDeterministicApi), Determinism, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MutableStaticState =
        Create(DiagnosticIds.MutableStaticState, nameof(MutableStaticState), Determinism, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InstanceFieldWrite =
        Create(DiagnosticIds.InstanceFieldWrite, nameof(InstanceFieldWrite), Determinism, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MissingHelp =
        Create(DiagnosticIds.MissingHelp, nameof(MissingHelp), Documentation, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ThrowInsteadOfNotVerified =
        Create(DiagnosticIds.ThrowInsteadOfNotVerified, nameof(ThrowInsteadOfNotVerified), Correctness, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LoopIgnoresCancellation =
        Create(DiagnosticIds.LoopIgnoresCancellation, nameof(LoopIgnoresCancellation), Correctness, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RuleNameMalformed =
        Create(DiagnosticIds.RuleNameMalformed, nameof(RuleNameMalformed), Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MessageFormatInvalid =
        Create(DiagnosticIds.MessageFormatInvalid, nameof(MessageFormatInvalid), Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ParameterInvalid =
        Create(DiagnosticIds.ParameterInvalid, nameof(ParameterInvalid), Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor FindingArgumentsMissing =
        Create(DiagnosticIds.FindingArgumentsMissing, nameof(FindingArgumentsMissing), Correctness, DiagnosticSeverity.Warning);
}
