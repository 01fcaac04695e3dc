using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// A <c>new Finding(…)</c> in a rule with fewer arguments than the rule's message format takes (GBC2017): the engine
/// cannot render it and discards the rule's result (GBC1032). Judged per rule type when the descriptor is written in
/// the rule and its message format is a constant, for findings whose arguments are listed at the call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FindingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.FindingArgumentsMissing);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SdkTypes.From(start.Compilation) is not { } sdk || start.Compilation.GetTypeByMetadataName(SdkTypes.Namespace + ".Finding") is not { } finding) return;
            start.RegisterSymbolStartAction(symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (type.IsAbstract || !sdk.IsRule(type)) return;
                var values = new DescriptorValues(sdk);
                var findings = new ConcurrentBag<(IObjectCreationOperation Creation, int Count)>();
                symbolStart.RegisterOperationAction(operation => values.Record(operation.Operation, operation.ContainingSymbol),
                    OperationKind.FieldInitializer, OperationKind.PropertyInitializer, OperationKind.Return);
                symbolStart.RegisterOperationAction(operation =>
                {
                    var creation = (IObjectCreationOperation)operation.Operation;
                    if (SymbolEqualityComparer.Default.Equals(creation.Type, finding) && ArgumentCount(creation) is { } count) findings.Add((creation, count));
                }, OperationKind.ObjectCreation);
                symbolStart.RegisterSymbolEndAction(end =>
                {
                    if (values.For(type) is not { } descriptor) return;
                    if (Operations.MemberValue(descriptor, "MessageFormat") is not { ConstantValue: { HasValue: true, Value: string format } }) return;
                    if (ArgumentsTaken(format) is not { } taken) return;
                    string id = Operations.MemberValue(descriptor, "Id")?.ConstantValue is { HasValue: true, Value: string constant } ? constant : type.Name;
                    foreach (var (creation, count) in findings.OrderBy(f => f.Creation.Syntax.SpanStart))
                    {
                        if (count < taken)
                            end.ReportDiagnostic(Diagnostic.Create(Descriptors.FindingArgumentsMissing, Operations.NewLocation(creation),
                                type.Name, count, id, taken));
                    }
                });
            }, SymbolKind.NamedType);
        });
    }

    /// <summary>How many message arguments the creation passes, when they are listed at the call.</summary>
    private static int? ArgumentCount(IObjectCreationOperation creation)
    {
        if (creation.Arguments.Length != 1) return creation.Arguments.Length == 0 ? 0 : null;
        var argument = creation.Arguments[0];
        return Operations.Unwrap(argument.Value) switch
        {
            IArrayCreationOperation { Initializer: { } items } => items.ElementValues.Length,
            IArrayCreationOperation { DimensionSizes.Length: 1 } empty when empty.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 } => 0,
            _ => null,
        };
    }

    /// <summary>The fewest arguments the format formats with (string.Format's own reading), or null when none up to 32 do.</summary>
    private static int? ArgumentsTaken(string format)
    {
        for (int count = 0; count <= RuleDescriptorAnalyzer.MaxMessageArguments; count++)
        {
            try
            {
                _ = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, new object?[count]);
                return count;
            }
            catch (FormatException)
            {
                // Too few arguments (or not a format at all: GBC2015 says so).
            }
        }
        return null;
    }
}
