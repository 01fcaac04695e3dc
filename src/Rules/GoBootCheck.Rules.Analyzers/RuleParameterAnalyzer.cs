using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// Checks each <c>new RuleParameter&lt;T&gt;(name, default, …) { Minimum = …, Maximum = … }</c> whose values are
/// constants: the default lies within the range and the range is not empty (GBC2007); what its constructor refuses
/// (GBC2016: a malformed name, an unsupported type, a range on a parameter that is not long or int).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleParameterAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ParameterDefaultOutOfRange, Descriptors.ParameterInvalid);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SdkTypes.From(start.Compilation) is not { RuleParameterOfT: not null } sdk) return;
            start.RegisterOperationAction(operation => Analyze(operation, sdk), OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, SdkTypes sdk)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, sdk.RuleParameterOfT)) return;

        string parameterName = Operations.MemberValue(creation, "Name")?.ConstantValue is { HasValue: true, Value: string constantName } ? constantName : "?";
        if (Invalid(creation, parameterName) is { } invalid)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ParameterInvalid, invalid.Location, parameterName, invalid.Why));
            return;
        }

        var defaultValue = Operations.MemberValue(creation, "DefaultValue", "defaultValue", position: 1);
        var minimum = Operations.MemberValue(creation, "Minimum");
        var maximum = Operations.MemberValue(creation, "Maximum");
        decimal? value = Number(defaultValue), min = Number(minimum), max = Number(maximum);
        if (value is null || (min is null && max is null)) return;
        if ((min is null || min <= value) && (max is null || value <= max) && !(min > max)) return;

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ParameterDefaultOutOfRange, defaultValue!.Syntax.GetLocation(),
            parameterName, Text(defaultValue), minimum is null ? "(none)" : Text(minimum), maximum is null ? "(none)" : Text(maximum)));
    }

    /// <summary>What RuleParameter&lt;T&gt; would throw for (name, type, range), where, or null.</summary>
    private static (Location Location, string Why)? Invalid(IObjectCreationOperation creation, string name)
    {
        if (Operations.MemberValue(creation, "Name") is { ConstantValue.HasValue: true } nameValue && !NamePattern.IsMatch(name))
            return (nameValue.Syntax.GetLocation(), "a name is a letter, then letters, digits, '-' or '_'");
        var type = ((INamedTypeSymbol)creation.Type!).TypeArguments[0];
        bool number = type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;
        bool supported = number || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_String || type.TypeKind == TypeKind.Enum;
        if (!supported)
            return (Operations.NewLocation(creation), $"{type.ToDisplayString()} is not a parameter type (long, int, bool, string or an enum)");
        if (!number)
        {
            foreach (string bound in new[] { "Minimum", "Maximum" })
            {
                if (Operations.MemberValue(creation, bound) is { } value)
                    return (value.Syntax.Parent?.GetLocation() ?? value.Syntax.GetLocation(), $"only long and int parameters have a {bound}; this one is {type.ToDisplayString()}");
            }
        }
        return null;
    }

    /// <summary>A parameter name as RuleParameter accepts it.</summary>
    private static readonly System.Text.RegularExpressions.Regex NamePattern = new("^[A-Za-z][A-Za-z0-9_-]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>A constant number (integral, floating point, or an enum member's value), or null.</summary>
    private static decimal? Number(IOperation? operation)
    {
        if (operation is null || !operation.ConstantValue.HasValue) return null;
        object? value = operation.ConstantValue.Value;
        if (value is float or double)
        {
            double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            // Beyond decimal's range (or NaN): not compared.
            return double.IsNaN(d) || Math.Abs(d) > 7.9e28 ? null : (decimal)d;
        }
        return value is sbyte or byte or short or ushort or int or uint or long or ulong or decimal
            ? Convert.ToDecimal(value, CultureInfo.InvariantCulture)
            : null;
    }

    private static string Text(IOperation operation) => operation.Syntax.ToString();
}
