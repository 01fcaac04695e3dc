using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// Rules must be pure per binary. In the code of rule types (their members, nested types, lambdas): no file system,
/// environment, clock, randomness, network, process or console (GBC2008); no mutable static state (GBC2009); no
/// instance field written outside the constructor (GBC2010).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeterminismAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Collections whose static readonly instances are still mutable state (a cache in disguise).</summary>
    private static readonly ImmutableHashSet<string> MutableCollections = ImmutableHashSet.Create(StringComparer.Ordinal,
        "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.Queue`1", "System.Collections.Generic.Stack`1", "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Generic.SortedList`2", "System.Collections.Generic.SortedSet`1", "System.Collections.Generic.LinkedList`1",
        "System.Collections.Concurrent.ConcurrentDictionary`2", "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.Concurrent.ConcurrentQueue`1", "System.Collections.Concurrent.ConcurrentStack`1",
        "System.Collections.ArrayList", "System.Collections.Hashtable", "System.Text.StringBuilder");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NonDeterministicApi, Descriptors.MutableStaticState, Descriptors.InstanceFieldWrite);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SdkTypes.From(start.Compilation) is not { } sdk) return;
            start.RegisterOperationAction(operation => AnalyzeMemberUse(operation, sdk),
                OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.FieldReference, OperationKind.EventReference,
                OperationKind.MethodReference, OperationKind.ObjectCreation);
            start.RegisterOperationAction(operation => AnalyzeWrite(operation, sdk), OperationKind.FieldReference, OperationKind.PropertyReference);
            start.RegisterSymbolAction(symbol => AnalyzeStatic(symbol, sdk), SymbolKind.Field, SymbolKind.Property);
        });
    }

    private static void AnalyzeMemberUse(OperationAnalysisContext context, SdkTypes sdk)
    {
        ISymbol? member = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation property => property.Property,
            IFieldReferenceOperation field => field.Field,
            IEventReferenceOperation @event => @event.Event,
            IMethodReferenceOperation method => method.Method,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        if (member is null || NonDeterministicApis.Category(member.OriginalDefinition) is not { } category) return;
        if (sdk.ContainingRule(context.ContainingSymbol) is null) return;
        string name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "new " + member.ContainingType.Name : member.ContainingType.Name + "." + member.Name;
        var syntax = context.Operation.Syntax;
        // An invocation's diagnostic goes on the member access (File.ReadAllText), not on its arguments.
        var location = syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call ? call.Expression.GetLocation() : syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NonDeterministicApi, location, name, category));
    }

    private static void AnalyzeWrite(OperationAnalysisContext context, SdkTypes sdk)
    {
        var reference = (IMemberReferenceOperation)context.Operation;
        if (reference.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }) return;
        if (!IsWritten(reference)) return;
        var member = reference.Member;
        if (member is IPropertySymbol property && !IsAutoProperty(property)) return;
        if (!sdk.IsRule(member.ContainingType)) return;
        // Constructors and init accessors set up the rule once; everything else runs per binary.
        if (context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } or IMethodSymbol { IsInitOnly: true }) return;
        if (context.ContainingSymbol is IFieldSymbol or IPropertySymbol) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InstanceFieldWrite, reference.Syntax.GetLocation(),
            context.ContainingSymbol.Name, member.Name));
    }

    private static bool IsWritten(IOperation reference)
    {
        var parent = reference.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            _ => false,
        };
    }

    private static bool IsAutoProperty(IPropertySymbol property) =>
        property.SetMethod is { IsInitOnly: false } && property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    private static void AnalyzeStatic(SymbolAnalysisContext context, SdkTypes sdk)
    {
        var symbol = context.Symbol;
        if (!symbol.IsStatic || symbol.IsImplicitlyDeclared) return;
        var rule = sdk.ContainingRule(symbol);
        if (rule is null) return;
        bool mutable = symbol switch
        {
            IFieldSymbol field => !field.IsConst && (!field.IsReadOnly || IsMutableCollection(field.Type)),
            IPropertySymbol property => IsAutoProperty(property) || (property.SetMethod is null && property.GetMethod is not null
                && IsMutableCollection(property.Type) && property.ContainingType.GetMembers().OfType<IFieldSymbol>()
                    .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property))),
            _ => false,
        };
        if (!mutable) return;
        var location = symbol.Locations.FirstOrDefault() ?? Location.None;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableStaticState, location, symbol.Name, rule.Name));
    }

    private static bool IsMutableCollection(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        string ns = definition.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() + "." : "";
        return MutableCollections.Contains(ns + definition.MetadataName);
    }
}
