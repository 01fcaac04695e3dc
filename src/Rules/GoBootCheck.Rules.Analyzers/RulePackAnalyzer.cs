using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// What needs the whole pack: rule types the loader cannot create (GBC2001), ids shared by two rules (GBC2005),
/// parameters read that the rule's descriptor does not declare (GBC2006). Reported when the compilation ends.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RulePackAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of GBC2006: the expression naming the parameter from the descriptor's place.</summary>
    public const string ParameterProperty = "Parameter";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.RuleNotCreatable, Descriptors.RuleIdDuplicated, Descriptors.ParameterNotDeclared);

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
            start.RegisterOperationAction(operation => pack.AddParameterRead(operation), OperationKind.Invocation);
            start.RegisterCompilationEndAction(pack.Report);
        });
    }

    private sealed class Pack
    {
        private readonly SdkTypes _sdk;
        private readonly ConcurrentBag<INamedTypeSymbol> _rules = [];
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _derivedFrom = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<(INamedTypeSymbol Rule, IOperation Argument)> _reads = [];

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

        public void AddParameterRead(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "GetParameter" || invocation.Arguments.Length == 0) return;
            if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _sdk.RuleContext)) return;
            if (_sdk.ContainingRule(context.ContainingSymbol) is not { } rule) return;
            _reads.Add((rule, Operations.Unwrap(invocation.Arguments[0].Value)!));
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
            foreach (var read in _reads.OrderBy(r => Order(r.Argument.Syntax.GetLocation()), StringComparer.Ordinal))
                ReportUndeclared(context, read.Rule, read.Argument);
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
            var first = new Dictionary<string, (INamedTypeSymbol Rule, IObjectCreationOperation Creation)>(StringComparer.Ordinal);
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

        private void ReportUndeclared(CompilationAnalysisContext context, INamedTypeSymbol rule, IOperation argument)
        {
            if (rule.IsAbstract || Values.For(rule) is not { } creation) return;
            var declared = Declared(creation);
            if (declared is null) return;
            string name;
            ISymbol? member = Operations.ReferencedMember(argument);
            if (member is not null)
            {
                if (!_sdk.IsRuleParameter(member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type) || declared.Contains(member)) return;
                name = member.Name;
            }
            else if (argument is IObjectCreationOperation inline && _sdk.IsRuleParameter(inline.Type))
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
        private HashSet<ISymbol>? Declared(IObjectCreationOperation creation)
        {
            var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var value = Operations.MemberValue(creation, "Parameters");
            if (value is null) return declared;
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IFieldReferenceOperation or IPropertyReferenceOperation when _sdk.IsRuleParameter(operation.Type):
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
}
