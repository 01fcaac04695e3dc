using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// What each field and property of type RuleDescriptor is given (its initializer or the value its getter returns),
/// collected over one compilation, so that a rule's Descriptor can be followed to its <c>new RuleDescriptor { … }</c>
/// through fields and properties (<c>Descriptor =&gt; Descriptors.Leak</c>) without asking for semantic models.
/// </summary>
internal sealed class DescriptorValues
{
    private const int MaxHops = 8;
    private readonly ConcurrentDictionary<ISymbol, IOperation?> _values = new(SymbolEqualityComparer.Default);
    private readonly SdkTypes _sdk;

    public DescriptorValues(SdkTypes sdk) => _sdk = sdk;

    /// <summary>Records the value of an initializer or a return, when its owner is a field or property of type RuleDescriptor.</summary>
    public void Record(IOperation operation, ISymbol containing)
    {
        switch (operation)
        {
            case IFieldInitializerOperation field:
                foreach (var f in field.InitializedFields) Add(f, field.Value);
                break;
            case IPropertyInitializerOperation property:
                foreach (var p in property.InitializedProperties) Add(p, property.Value);
                break;
            case IReturnOperation { ReturnedValue: { } value } when containing is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } owner }:
                // Only the getter's own return, not one inside a lambda of the getter.
                if (!HasFunctionAncestor(operation)) Add(owner, value);
                break;
        }
    }

    private static bool HasFunctionAncestor(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }

    private void Add(ISymbol owner, IOperation value)
    {
        var unwrapped = Operations.Unwrap(value);
        if (unwrapped is null || !_sdk.IsDescriptor(unwrapped.Type)) return;
        // A getter with several returns has no single value (null).
        _values.AddOrUpdate(owner.OriginalDefinition, unwrapped, (_, existing) => existing == unwrapped ? existing : null);
    }

    /// <summary>The <c>new RuleDescriptor</c> that the Descriptor property of <paramref name="rule"/> returns, when it can be followed.</summary>
    public IObjectCreationOperation? For(INamedTypeSymbol rule)
    {
        var property = DescriptorOverride(rule);
        if (property is null) return null;
        ISymbol current = property.OriginalDefinition;
        for (int hop = 0; hop < MaxHops; hop++)
        {
            if (!_values.TryGetValue(current, out var value)) return null;
            switch (value)
            {
                case IObjectCreationOperation creation:
                    return creation;
                case IFieldReferenceOperation or IPropertyReferenceOperation:
                    current = Operations.ReferencedMember(value)!;
                    break;
                default:
                    return null;
            }
        }
        return null;
    }

    private IPropertySymbol? DescriptorOverride(INamedTypeSymbol rule)
    {
        for (var type = rule; type is not null && !SymbolEqualityComparer.Default.Equals(type, _sdk.Rule); type = type.BaseType)
        {
            foreach (var property in type.GetMembers("Descriptor").OfType<IPropertySymbol>())
            {
                for (var overridden = property; overridden is not null; overridden = overridden.OverriddenProperty)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OverriddenProperty, _sdk.DescriptorProperty)) return property;
                }
            }
        }
        return null;
    }
}
