using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>Small helpers over IOperation trees.</summary>
internal static class Operations
{
    /// <summary>The operation without the implicit conversions the compiler wraps it in.</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion) operation = conversion.Operand;
        while (operation is IConversionOperation conversion && conversion.Conversion.IsIdentity) operation = conversion.Operand;
        return operation;
    }

    /// <summary>The value an object creation gives a member: its initializer's assignment or the named constructor argument.</summary>
    public static IOperation? MemberValue(IObjectCreationOperation creation, string propertyName, string? parameterName = null, int? position = null)
    {
        if (creation.Initializer is { } initializer)
        {
            foreach (var entry in initializer.Initializers)
            {
                if (entry is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && target.Property.Name == propertyName)
                    return Unwrap(assignment.Value);
            }
        }
        parameterName ??= char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } parameter && (parameter.Name == parameterName || (position is { } p && parameter.Ordinal == p)) && argument.ArgumentKind != ArgumentKind.DefaultValue)
                return Unwrap(argument.Value);
        }
        return null;
    }

    /// <summary>"new RuleDescriptor" or "new()" without the initializer: where diagnostics about a creation go.</summary>
    public static Location NewLocation(IObjectCreationOperation creation)
    {
        var syntax = creation.Syntax;
        int end = syntax switch
        {
            ObjectCreationExpressionSyntax explicitNew => (explicitNew.ArgumentList ?? (SyntaxNode)explicitNew.Type).Span.End,
            ImplicitObjectCreationExpressionSyntax implicitNew => implicitNew.ArgumentList.Span.End,
            _ => syntax.Span.End,
        };
        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }

    /// <summary>The member a field/property reference designates, or null.</summary>
    public static ISymbol? ReferencedMember(IOperation? operation) => Unwrap(operation) switch
    {
        IFieldReferenceOperation field => field.Field.OriginalDefinition,
        IPropertyReferenceOperation property => property.Property.OriginalDefinition,
        _ => null,
    };

    public static bool IsNullOrEmptyConstant(IOperation? value) =>
        value is null || (value.ConstantValue.HasValue && (value.ConstantValue.Value is null || value.ConstantValue.Value is string { Length: 0 }));
}
