using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// How rule code ends and how long it runs: a throw where Verdict.NotVerified says the same as a verdict (GBC2012); a
/// loop over the binary's functions or instructions that never observes the cancellation token (GBC2013).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EvaluationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of GBC2013: the expression of the token in scope ("context.Cancellation"), when there is one.</summary>
    public const string TokenProperty = "Token";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.ThrowInsteadOfNotVerified, Descriptors.LoopIgnoresCancellation);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SdkTypes.From(start.Compilation) is not { } sdk) return;
            start.RegisterOperationAction(operation => AnalyzeThrow(operation, sdk), OperationKind.Throw);
            if (sdk.CancellationToken is not null) start.RegisterOperationAction(operation => AnalyzeLoop(operation, sdk), OperationKind.Loop);
        });
    }

    private static void AnalyzeThrow(OperationAnalysisContext context, SdkTypes sdk)
    {
        var thrown = (IThrowOperation)context.Operation;
        if (context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }) return;
        if (context.ContainingSymbol is IFieldSymbol) return;
        if (sdk.ContainingRule(context.ContainingSymbol) is null) return;
        var type = Operations.Unwrap(thrown.Exception)?.Type ?? CaughtType(thrown);
        // Cancellation is the one exception the engine expects; UnreachableException states a bug, not a verdict.
        if (SdkTypes.DerivesFrom(type, sdk.OperationCanceledException) || SdkTypes.DerivesFrom(type, sdk.UnreachableException)) return;
        if (IsCaughtLocally(thrown, type)) return;
        string what = type is null ? "an exception" : thrown.Exception is null ? "the caught " + type.Name + " again" : type.Name;
        var location = thrown.Syntax switch
        {
            ThrowStatementSyntax statement => statement.ThrowKeyword.GetLocation(),
            ThrowExpressionSyntax expression => expression.ThrowKeyword.GetLocation(),
            _ => thrown.Syntax.GetLocation(),
        };
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ThrowInsteadOfNotVerified, location, MemberName(context.ContainingSymbol), what));
    }

    private static string MemberName(ISymbol symbol) => symbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated.Name : symbol.Name;

    /// <summary>For <c>throw;</c>: the type of the catch clause it rethrows.</summary>
    private static ITypeSymbol? CaughtType(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ICatchClauseOperation clause) return clause.ExceptionType;
        }
        return null;
    }

    /// <summary>Whether a try around the throw (in the same body) catches it without a filter.</summary>
    private static bool IsCaughtLocally(IOperation thrown, ITypeSymbol? type)
    {
        IOperation child = thrown;
        for (var current = thrown.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation) return false;
            if (current is ITryOperation @try && @try.Body == child)
            {
                foreach (var clause in @try.Catches)
                {
                    if (clause.Filter is null && (type is null ? clause.ExceptionType.SpecialType == SpecialType.System_Object || clause.ExceptionType.Name == "Exception"
                        : SdkTypes.DerivesFrom(type, clause.ExceptionType as INamedTypeSymbol))) return true;
                }
            }
        }
        return false;
    }

    private static void AnalyzeLoop(OperationAnalysisContext context, SdkTypes sdk)
    {
        var loop = (ILoopOperation)context.Operation;
        if (sdk.ContainingRule(context.ContainingSymbol) is null) return;
        var element = loop switch
        {
            IForEachLoopOperation forEach when forEach.Syntax is CommonForEachStatementSyntax syntax =>
                forEach.SemanticModel?.GetForEachStatementInfo(syntax).ElementType,
            IForLoopOperation forLoop => CountedElement(forLoop.Condition),
            _ => null,
        };
        if (element is null || !SdkTypes.IsFunctionOrInstruction(element)) return;
        // A loop observing the token itself, or nested in one that does (one function's instructions within a loop over functions).
        for (IOperation? current = loop; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation enclosing && ObservesToken(enclosing.Body, sdk)) return;
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation) break;
        }

        string? token = TokenInScope(loop, context.ContainingSymbol, sdk);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(TokenProperty, token);
        var keyword = loop.Syntax switch
        {
            CommonForEachStatementSyntax forEach => forEach.ForEachKeyword.GetLocation(),
            ForStatementSyntax forStatement => forStatement.ForKeyword.GetLocation(),
            _ => loop.Syntax.GetLocation(),
        };
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LoopIgnoresCancellation, keyword, properties,
            element.Name, token ?? "RuleContext.Cancellation"));
    }

    private static bool ObservesToken(IOperation body, SdkTypes sdk) =>
        body.DescendantsAndSelf().Any(o => SymbolEqualityComparer.Default.Equals(o.Type, sdk.CancellationToken));

    /// <summary>The element type of the collection whose Count/Length bounds a for loop (<c>i &lt; functions.Count</c>).</summary>
    private static ITypeSymbol? CountedElement(IOperation? condition)
    {
        if (Operations.Unwrap(condition) is not IBinaryOperation binary) return null;
        foreach (var side in new[] { binary.LeftOperand, binary.RightOperand })
        {
            if (Operations.Unwrap(side) is IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance.Type: { } collection })
                return SdkTypes.ElementType(collection);
        }
        return null;
    }

    /// <summary>"context.Cancellation" for a RuleContext parameter in scope, or the name of a CancellationToken parameter.</summary>
    private static string? TokenInScope(IOperation operation, ISymbol containing, SdkTypes sdk)
    {
        var scopes = new List<ImmutableArray<IParameterSymbol>>();
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation local) scopes.Add(local.Symbol.Parameters);
            else if (current is IAnonymousFunctionOperation lambda) scopes.Add(lambda.Symbol.Parameters);
        }
        if (containing is IMethodSymbol method) scopes.Add(method.Parameters);
        foreach (var parameters in scopes)
        {
            foreach (var parameter in parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, sdk.RuleContext)) return parameter.Name + ".Cancellation";
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, sdk.CancellationToken)) return parameter.Name;
            }
        }
        return null;
    }
}
