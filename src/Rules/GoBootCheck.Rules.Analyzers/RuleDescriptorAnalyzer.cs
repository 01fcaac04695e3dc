using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// Checks each <c>new RuleDescriptor { … }</c> where it is written: the id is a constant, well formed and outside
/// GoBootCheck's reserved range (GBC2002–GBC2004); the rule has help text and a help link (GBC2011).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleDescriptorAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of GBC2011: "true" when HelpUri is missing (the code fix adds a stub).</summary>
    public const string MissingHelpUriProperty = "MissingHelpUri";

    /// <summary>Property of GBC2011: the rule's id, when constant (for the stub link).</summary>
    public const string RuleIdProperty = "RuleId";

    /// <summary>An id as the rule-pack loader accepts it (RuleCatalog): letters, then four or more digits.</summary>
    public static readonly Regex IdPattern = new("^[A-Za-z]+[0-9]{4,}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The base of the help link stub the code fix adds (example.com is reserved for documentation, RFC 2606); a link
    /// still starting so is reported until the author points it at the rule's page.
    /// </summary>
    public const string HelpLinkStub = "https://example.com/rules/";

    /// <summary>A rule name as the loader accepts it: PascalCase.</summary>
    public static readonly Regex NamePattern = new("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

    /// <summary>The arguments the loader tries a message format with.</summary>
    public const int MaxMessageArguments = 32;

    /// <summary>GoBootCheck's own prefix (any case); GBC0000–GBC4999 are reserved (rules, tool diagnostics, analyzers).</summary>
    public const string ReservedPrefix = "GBC";

    /// <summary>The first GBC number third-party packs may use.</summary>
    public const int FirstThirdPartyNumber = 5000;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.RuleIdNotConstant, Descriptors.RuleIdMalformed, Descriptors.RuleIdReserved, Descriptors.MissingHelp,
        Descriptors.RuleNameMalformed, Descriptors.MessageFormatInvalid);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SdkTypes.From(start.Compilation) is not { RuleDescriptor: not null } sdk) return;
            start.RegisterOperationAction(operation => Analyze(operation, sdk), OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, SdkTypes sdk)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!sdk.IsDescriptor(creation.Type)) return;

        string? id = null;
        if (Operations.MemberValue(creation, "Id") is { } idValue)
        {
            if (!idValue.ConstantValue.HasValue)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuleIdNotConstant, idValue.Syntax.GetLocation()));
            }
            else if (idValue.ConstantValue.Value is string constant)
            {
                id = constant;
                if (!IdPattern.IsMatch(constant))
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuleIdMalformed, idValue.Syntax.GetLocation(), constant));
                else if (ReservedRange(constant) is { } range)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuleIdReserved, idValue.Syntax.GetLocation(), constant, range));
            }
        }

        if (Operations.MemberValue(creation, "Name") is { ConstantValue: { HasValue: true, Value: string name } } nameValue && !NamePattern.IsMatch(name))
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuleNameMalformed, nameValue.Syntax.GetLocation(), name));
        if (Operations.MemberValue(creation, "MessageFormat") is { ConstantValue: { HasValue: true, Value: string format } } formatValue && FormatProblem(format) is { } problem)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MessageFormatInvalid, formatValue.Syntax.GetLocation(), id ?? "(id not constant)", problem));

        var helpUri = Operations.MemberValue(creation, "HelpUri");
        bool noText = Operations.IsNullOrEmptyConstant(Operations.MemberValue(creation, "HelpText"));
        bool noLink = Operations.IsNullOrEmptyConstant(helpUri);
        string? what = noText && noLink ? "no help text (HelpText) nor help link (HelpUri)"
            : IsStub(helpUri) ? "a stub for its help link; point HelpUri at the rule's documentation"
            : null;
        if (what is null) return;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(MissingHelpUriProperty, noLink ? "true" : "false").Add(RuleIdProperty, id);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingHelp, Operations.NewLocation(creation), properties, id ?? "(id not constant)", what));
    }

    /// <summary>What string.Format says of the format with the loader's 32 arguments, or null when it formats.</summary>
    private static string? FormatProblem(string format)
    {
        try
        {
            _ = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, new object?[MaxMessageArguments]);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message.TrimEnd('.');
        }
    }

    /// <summary>Whether the help link is the code fix's stub (<c>new Uri("https://example.com/rules/…")</c>), left to be replaced.</summary>
    private static bool IsStub(IOperation? helpUri) =>
        helpUri is IObjectCreationOperation { Arguments.Length: > 0 } uri
        && uri.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string link }
        && link.StartsWith(HelpLinkStub, StringComparison.OrdinalIgnoreCase);

    /// <summary>The reserved range a well-formed id falls in, or null.</summary>
    internal static string? ReservedRange(string id)
    {
        if (!id.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        // As the loader reads it: the digits after the prefix as one number (GBC00042 is 42).
        if (!long.TryParse(id.Substring(ReservedPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long number)) return null;
        return number switch
        {
            < 100 => "GBC0000–GBC0099 (built-in rules)",
            < 1000 => "GBC0100–GBC0999 (reserved for built-in rules)",
            < 2000 => "GBC1000–GBC1999 (tool diagnostics)",
            < 3000 => "GBC2000–GBC2999 (GoBootCheck's analyzers)",
            < FirstThirdPartyNumber => "GBC3000–GBC4999 (reserved)",
            _ => null,
        };
    }
}
