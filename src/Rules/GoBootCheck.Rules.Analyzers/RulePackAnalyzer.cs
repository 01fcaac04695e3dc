using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// What needs the whole pack: rule types the loader cannot create (GBC2001), ids shared by two rules (GBC2005).
/// Reported when the compilation ends.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RulePackAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.RuleNotCreatable, Descriptors.RuleIdDuplicated);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SdkTypes.From(start.Compilation) is not { } sdk) return;
            var pack = new Pack(sdk);
            start.RegisterSymbolAction(symbol => pack.AddType((INamedTypeSymbol)symbol.Symbol), SymbolKind.NamedType);
            start.RegisterOperationAction(operation => pack.Values.Record(operation.Operation, operation.ContainingSymbol),
                OperationKind.FieldInitializer, OperationKind.PropertyInitializer, OperationKind.Return);
            start.RegisterCompilationEndAction(pack.Report);
        });
    }

    private sealed class Pack
    {
        private readonly SdkTypes _sdk;
        private readonly ConcurrentBag<INamedTypeSymbol> _rules = [];
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _derivedFrom = new(SymbolEqualityComparer.Default);

        public Pack(SdkTypes sdk)
        {
            _sdk = sdk;
            Values = new DescriptorValues(sdk);
        }

        public DescriptorValues Values { get; }

        public void AddType(INamedTypeSymbol type)
        {
            if (!_sdk.IsRule(type)) return;
            _rules.Add(type);
            if (type.IsAbstract) return;
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                _derivedFrom[baseType.OriginalDefinition] = true;
        }

        public void Report(CompilationAnalysisContext context)
        {
            var rules = _rules.Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default).OrderBy(Order, StringComparer.Ordinal).ToList();
            foreach (var rule in rules)
            {
                if (WhyNotCreatable(rule) is { } reason)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuleNotCreatable, rule.Locations.FirstOrDefault(), rule.Name, reason));
            }
            ReportDuplicates(context, rules.Where(r => !r.IsAbstract));
        }

        private static string Order(ISymbol symbol) => symbol.Locations.FirstOrDefault() is { } location ? Order(location) : symbol.Name;

        private static string Order(Location location) =>
            $"{location.SourceTree?.FilePath}:{location.SourceSpan.Start.ToString("D9", System.Globalization.CultureInfo.InvariantCulture)}";

        private string? WhyNotCreatable(INamedTypeSymbol rule)
        {
            if (rule.IsAbstract)
                return _derivedFrom.ContainsKey(rule.OriginalDefinition) ? null : "it is abstract and no rule of the pack derives from it";
            var reasons = new List<string>();
            if (!IsPublic(rule)) reasons.Add(rule.ContainingType is null || rule.DeclaredAccessibility != Accessibility.Public ? "it is not public" : "it is nested in a type that is not public");
            if (rule.IsGenericType) reasons.Add("it is generic");
            if (!rule.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
                reasons.Add("it has no public parameterless constructor");
            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }

        private static bool IsPublic(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public) return false;
            }
            return true;
        }

        private void ReportDuplicates(CompilationAnalysisContext context, IEnumerable<INamedTypeSymbol> rules)
        {
            var first = new Dictionary<string, (INamedTypeSymbol Rule, IObjectCreationOperation Creation)>(StringComparer.OrdinalIgnoreCase);
            foreach (var rule in rules)
            {
                if (Values.For(rule) is not { } creation) continue;
                if (Operations.MemberValue(creation, "Id") is not { ConstantValue: { HasValue: true, Value: string id } } idValue) continue;
                if (!first.TryGetValue(id, out var earlier))
                {
                    first.Add(id, (rule, creation));
                    continue;
                }
                var location = earlier.Creation == creation ? rule.Locations.FirstOrDefault() : idValue.Syntax.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuleIdDuplicated, location, id, rule.Name, earlier.Rule.Name));
            }
        }
    }
}
