using System.Collections.Immutable;
using GoBootCheck.CgoHeaders;
using GoBootCheck.Interop.Headers;
using GoBootCheck.Interop.Managed;
using GoBootCheck.Interop.Matching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoBootCheck.Interop;

/// <summary>
/// Checks every [DllImport]/[LibraryImport] whose library has a cgo header in the compilation (GoBootCheckCHeader
/// items) against that header: the entry point exists, the parameters and the return value have the native size,
/// kind and layout the header declares. A compilation without headers costs one look at its additional files.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class InteropAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of GBC2101: the suggested entry points, separated by ';'.</summary>
    public const string CandidatesProperty = "Candidates";

    /// <summary>Property of GBC2103: the C# keyword the type should be.</summary>
    public const string FixTypeProperty = "FixType";

    /// <summary>Property of GBC2107: a [MarshalAs(UnmanagedType.U1)] fixes it; "return" when on the return value.</summary>
    public const string MarshalAsU1Property = "MarshalAsU1";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.EntryPointNotFound, Descriptors.ParameterCountMismatch, Descriptors.NativeSizeMismatch,
        Descriptors.NativeKindMismatch, Descriptors.StructLayoutMismatch, Descriptors.StringMismatch,
        Descriptors.BoolWithoutU1, Descriptors.PointerAsInteger, Descriptors.NotVerified, Descriptors.HeaderProblem,
        Descriptors.DuplicateLibrary);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var catalog = HeaderCatalog.Create(start.Options, start.CancellationToken);
            if (catalog.IsEmpty) return;
            start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, catalog), SymbolKind.Method);
            start.RegisterCompilationEndAction(end => ReportHeaders(end, catalog));
        });
    }

    private static void ReportHeaders(CompilationAnalysisContext context, HeaderCatalog catalog)
    {
        foreach (var file in catalog.Files)
        {
            if (file.ReadProblem is { } readProblem)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HeaderProblem, file.LocationOf(0), $"{file.FileName}: {readProblem}"));
                continue;
            }
            foreach (var problem in file.Header!.Problems)
            {
                string consequence = problem.Kind switch
                {
                    CgoHeaderProblemKind.NotACgoHeader or CgoHeaderProblemKind.WrongArchitecture => $"; P/Invokes of '{file.Library}' are not verified",
                    _ => "",
                };
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HeaderProblem, file.LocationOf(problem.Line),
                    $"{file.At(problem.Line)}: {problem.Message}{consequence}"));
            }
        }
        foreach (var (first, second) in catalog.Duplicates)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateLibrary, second.LocationOf(0), first.FileName, second.FileName, LibraryNames.Canonical(second.Library)));
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, HeaderCatalog catalog)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.MethodKind != MethodKind.Ordinary) return;
        var declaration = PInvokeDeclaration.From(method, context.Compilation, context.CancellationToken);
        if (declaration is null) return;
        var file = catalog.For(declaration.Library);
        if (file is null || !file.IsUsable) return;
        var header = file.Header!;
        var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (syntax is null) return;

        var function = header.EntryPoint(declaration.EntryPoint);
        if (function is null)
        {
            ReportMissingEntryPoint(context, declaration, file, syntax);
            return;
        }
        if (!declaration.PreserveSig)
        {
            Report(context, Descriptors.NotVerified, syntax.Identifier.GetLocation(), null,
                $"{method.Name}", file.FileName, "DllImport(PreserveSig = false) rewrites the signature (HRESULT); it is not checked");
            return;
        }
        string at = file.At(function.Line);
        var builder = new ManagedNativeBuilder(declaration);
        var parameters = syntax.ParameterList.Parameters;
        if (method.Parameters.Length != function.Parameters.Count)
        {
            var location = method.Parameters.Length > function.Parameters.Count
                ? Microsoft.CodeAnalysis.Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(
                    parameters[function.Parameters.Count].SpanStart, parameters[parameters.Count - 1].Span.End))
                : syntax.ParameterList.GetLocation();
            Report(context, Descriptors.ParameterCountMismatch, location, null,
                $"{declaration.Kind} {method.Name}", method.Parameters.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), at,
                $"{function.Parameters.Count}: {function.Text}");
        }
        else
        {
            for (int i = 0; i < method.Parameters.Length && i < parameters.Count; i++)
            {
                var parameter = method.Parameters[i];
                var mismatch = SignatureComparer.Compare(builder.Parameter(parameter), function.Parameters[i].Type, function.Parameters[i].Name ?? $"#{i + 1}", isReturn: false);
                if (mismatch is not null)
                    ReportMismatch(context, mismatch, parameters[i].Type?.GetLocation() ?? parameters[i].GetLocation(), $"parameter '{parameter.Name}' of {method.Name}", at, false);
            }
        }
        var returnMismatch = SignatureComparer.Compare(builder.Return(method), function.ReturnType, null, isReturn: true);
        if (returnMismatch is not null)
            ReportMismatch(context, returnMismatch, syntax.ReturnType.GetLocation(), $"the return value of {method.Name}", at, true);
    }

    private static void ReportMismatch(SymbolAnalysisContext context, Mismatch mismatch, Location location, string subject, string at, bool isReturn)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (mismatch.FixType is { } fix) properties = properties.Add(FixTypeProperty, fix);
        if (mismatch.AddMarshalAsU1) properties = properties.Add(MarshalAsU1Property, isReturn ? "return" : "parameter");
        if (mismatch.Descriptor == Descriptors.NotVerified)
        {
            Report(context, mismatch.Descriptor, location, properties, subject, at, mismatch.Header);
            return;
        }
        Report(context, mismatch.Descriptor, location, properties, subject, mismatch.Managed, at, mismatch.Header);
    }

    private static void ReportMissingEntryPoint(SymbolAnalysisContext context, PInvokeDeclaration declaration, HeaderFile file, MethodDeclarationSyntax syntax)
    {
        var header = file.Header!;
        var names = header.Exports.Select(e => e.Name)
            .Concat(header.Functions.Where(f => f.Section == CgoHeaderSection.Preamble && !f.IsStatic).Select(f => f.Name))
            .ToList();
        var nearest = EntryPointSuggestions.Nearest(declaration.EntryPoint, names);
        string hint = nearest.Count > 0
            ? "; did you mean " + string.Join(", ", nearest.Select(n => $"'{n}'")) + "?"
            : names.Count == 0 ? "; the header exports no function"
            : "; it exports " + string.Join(", ", names.Take(5)) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");
        var location = declaration.EntryPointArgument?.GetLocation() ?? declaration.Attribute?.GetLocation() ?? syntax.Identifier.GetLocation();
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CandidatesProperty, string.Join(";", nearest));
        Report(context, Descriptors.EntryPointNotFound, location, properties, declaration.EntryPoint, file.FileName, file.Library, hint);
    }

    private static void Report(SymbolAnalysisContext context, DiagnosticDescriptor descriptor, Location location,
        ImmutableDictionary<string, string?>? properties, params object[] arguments) =>
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, arguments));
}
