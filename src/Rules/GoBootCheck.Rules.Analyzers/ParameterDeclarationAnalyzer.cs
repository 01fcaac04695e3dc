using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// A parameter read (<c>context.GetParameter(P)</c>) in a rule whose descriptor does not list P in Parameters (GBC2006).
/// Judged per rule type when the rule's descriptor is written in the rule itself (the usual
/// <c>Descriptor { get; } = new() { … }</c>, or through its own fields); a descriptor shared from elsewhere or a
/// Parameters list built elsewhere is not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParameterDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of GBC2006: the expression naming the parameter from the descriptor's place.</summary>
    public const string ParameterProperty = "Parameter";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ParameterNotDeclared);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SdkTypes.From(start.Compilation) is not { RuleContext: not null } sdk) return;
            start.RegisterSymbolStartAction(symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (type.IsAbstract || !sdk.IsRule(type)) return;
                var values = new DescriptorValues(sdk);
                var reads = new ConcurrentBag<IOperation>();
                symbolStart.RegisterOperationAction(operation => values.Record(operation.Operation, operation.ContainingSymbol),
                    OperationKind.FieldInitializer, OperationKind.PropertyInitializer, OperationKind.Return);
                symbolStart.RegisterOperationAction(operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    if (invocation.TargetMethod.Name == "GetParameter" && invocation.Arguments.Length > 0
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, sdk.RuleContext))
                        reads.Add(Operations.Unwrap(invocation.Arguments[0].Value)!);
                }, OperationKind.Invocation);
                symbolStart.RegisterSymbolEndAction(end =>
                {
                    if (values.For(type) is not { } creation || Declared(creation, sdk) is not { } declared) return;
                    foreach (var read in reads.OrderBy(r => r.Syntax.SpanStart))
                        ReportUndeclared(end, type, read, creation, declared, sdk);
                });
            }, SymbolKind.NamedType);
        });
    }

    private static void ReportUndeclared(SymbolAnalysisContext context, INamedTypeSymbol rule, IOperation argument,
        IObjectCreationOperation creation, HashSet<ISymbol> declared, SdkTypes sdk)
    {
        string name;
        ISymbol? member = Operations.ReferencedMember(argument);
        if (member is not null)
        {
            if (!sdk.IsRuleParameter(member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type) || declared.Contains(member)) return;
            name = member.Name;
        }
        else if (argument is IObjectCreationOperation inline && sdk.IsRuleParameter(inline.Type))
        {
            name = Operations.MemberValue(inline, "Name")?.ConstantValue is { HasValue: true, Value: string n } ? n : inline.Syntax.ToString();
        }
        else
        {
            return;
        }
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ParameterProperty, member is null ? null : Reference(member, creation));
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ParameterNotDeclared, argument.Syntax.GetLocation(),
            [creation.Syntax.GetLocation()], properties, rule.Name, name));
    }

    /// <summary>How the descriptor's code names <paramref name="member"/>: by its name in its own type, qualified elsewhere; null when it cannot.</summary>
    private static string? Reference(ISymbol member, IObjectCreationOperation creation)
    {
        var enclosing = creation.SemanticModel?.GetEnclosingSymbol(creation.Syntax.SpanStart);
        var type = enclosing as INamedTypeSymbol ?? enclosing?.ContainingType;
        bool staticContext = enclosing is null || enclosing.IsStatic;
        if (!member.IsStatic && (staticContext || !SymbolEqualityComparer.Default.Equals(type, member.ContainingType))) return null;
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, member.ContainingType)) return member.Name;
        }
        return member.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "." + member.Name;
    }

    /// <summary>The parameter members the descriptor's Parameters lists; null when the list is not plain to read.</summary>
    private static HashSet<ISymbol>? Declared(IObjectCreationOperation creation, SdkTypes sdk)
    {
        var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var value = Operations.MemberValue(creation, "Parameters");
        if (value is null) return declared;
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IFieldReferenceOperation or IPropertyReferenceOperation when sdk.IsRuleParameter(operation.Type):
                    declared.Add(Operations.ReferencedMember(operation)!);
                    break;
                case IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation when !operation.ConstantValue.HasValue:
                    // A list built elsewhere: not followed.
                    return null;
                case IInvocationOperation invocation when !(invocation.TargetMethod.ContainingNamespace?.ToDisplayString() ?? "").StartsWith("System", StringComparison.Ordinal):
                    return null;
            }
        }
        return declared;
    }
}
