using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// Checks each <c>new RuleParameter&lt;T&gt;(name, default, …) { Minimum = …, Maximum = … }</c> whose values are
/// constants: the default lies within the range and the range is not empty (GBC2007).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleParameterAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ParameterDefaultOutOfRange);

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

        var defaultValue = Operations.MemberValue(creation, "DefaultValue", "defaultValue", position: 1);
        var minimum = Operations.MemberValue(creation, "Minimum");
        var maximum = Operations.MemberValue(creation, "Maximum");
        decimal? value = Number(defaultValue), min = Number(minimum), max = Number(maximum);
        if (value is null || (min is null && max is null)) return;
        if ((min is null || min <= value) && (max is null || value <= max) && !(min > max)) return;

        string name = Operations.MemberValue(creation, "Name")?.ConstantValue is { HasValue: true, Value: string n } ? n : "?";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ParameterDefaultOutOfRange, defaultValue!.Syntax.GetLocation(),
            name, Text(defaultValue), minimum is null ? "(none)" : Text(minimum), maximum is null ? "(none)" : Text(maximum)));
    }

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
