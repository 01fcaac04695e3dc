using Microsoft.CodeAnalysis;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// The GoBootCheck.Sdk types the analyzer knows, found by metadata name (the analyzer references no GoBootCheck
/// assembly, so it loads into any compiler whatever Sdk version a pack compiles against). Null when the compilation
/// does not reference the Sdk: then the analyzer does nothing.
/// </summary>
internal sealed class SdkTypes
{
    public const string Namespace = "GoBootCheck.Sdk";

    private SdkTypes(Compilation compilation, INamedTypeSymbol rule)
    {
        Rule = rule;
        RuleDescriptor = compilation.GetTypeByMetadataName(Namespace + ".RuleDescriptor");
        RuleParameter = compilation.GetTypeByMetadataName(Namespace + ".RuleParameter");
        RuleParameterOfT = compilation.GetTypeByMetadataName(Namespace + ".RuleParameter`1");
        RuleContext = compilation.GetTypeByMetadataName(Namespace + ".RuleContext");
        Verdict = compilation.GetTypeByMetadataName(Namespace + ".Verdict");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        OperationCanceledException = compilation.GetTypeByMetadataName("System.OperationCanceledException");
        UnreachableException = compilation.GetTypeByMetadataName("System.Diagnostics.UnreachableException");
        DescriptorProperty = rule.GetMembers("Descriptor").OfType<IPropertySymbol>().FirstOrDefault();
        EvaluateMethod = rule.GetMembers("Evaluate").OfType<IMethodSymbol>().FirstOrDefault();
    }

    /// <summary>GoBootCheck.Sdk.Rule, the base class of every rule.</summary>
    public INamedTypeSymbol Rule { get; }

    public INamedTypeSymbol? RuleDescriptor { get; }

    public INamedTypeSymbol? RuleParameter { get; }

    public INamedTypeSymbol? RuleParameterOfT { get; }

    public INamedTypeSymbol? RuleContext { get; }

    public INamedTypeSymbol? Verdict { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? OperationCanceledException { get; }

    public INamedTypeSymbol? UnreachableException { get; }

    /// <summary>Rule.Descriptor, the property each rule overrides.</summary>
    public IPropertySymbol? DescriptorProperty { get; }

    /// <summary>Rule.Evaluate(RuleContext).</summary>
    public IMethodSymbol? EvaluateMethod { get; }

    public static SdkTypes? From(Compilation compilation) =>
        compilation.GetTypeByMetadataName(Namespace + ".Rule") is { } rule ? new SdkTypes(compilation, rule) : null;

    /// <summary>Whether <paramref name="type"/> derives (directly or not) from Rule.</summary>
    public bool IsRule(ITypeSymbol? type)
    {
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Rule)) return true;
        }
        return false;
    }

    /// <summary>The rule type whose code <paramref name="symbol"/> is (a member, a nested type's member, a lambda in it).</summary>
    public INamedTypeSymbol? ContainingRule(ISymbol? symbol)
    {
        for (var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType; type is not null; type = type.ContainingType)
        {
            if (IsRule(type)) return type;
        }
        return null;
    }

    public bool IsRuleParameter(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, RuleParameter)
                || SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, RuleParameterOfT)) return true;
        }
        return false;
    }

    public bool IsDescriptor(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, RuleDescriptor);

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null) return false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether a loop over <paramref name="type"/> walks the binary's functions or instructions (types of the Sdk named
    /// so): tens of thousands of functions, millions of instructions.
    /// </summary>
    public static bool IsFunctionOrInstruction(ITypeSymbol type)
    {
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns != Namespace && !ns.StartsWith(Namespace + ".", StringComparison.Ordinal)) return false;
        return type.Name.IndexOf("Function", StringComparison.Ordinal) >= 0 || type.Name.IndexOf("Instruction", StringComparison.Ordinal) >= 0;
    }

    /// <summary>The element type of an array or an IEnumerable&lt;T&gt;, or null.</summary>
    public static ITypeSymbol? ElementType(ITypeSymbol collection)
    {
        if (collection is IArrayTypeSymbol array) return array.ElementType;
        foreach (var candidate in new[] { collection }.Concat(collection.AllInterfaces))
        {
            if (candidate is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                return named.TypeArguments[0];
        }
        return null;
    }
}
