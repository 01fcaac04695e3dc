using System.Collections.Immutable;
using GoBootCheck.Interop.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GoBootCheck.Interop.Tests.Support;

/// <summary>
/// Runs the interop analyzer (and its code fixes) over C# source with one cgo header handed to the compilation as the
/// MSBuild targets hand it: an additional file whose GoBootCheckLibrary metadata names the library.
/// </summary>
internal static class InteropVerifier
{
    public const string HeaderPath = "/headers/libcgotypes.h";

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
    {
        string list = Path.Combine(AppContext.BaseDirectory, "framework-references.txt");
        if (!File.Exists(list)) throw new AssertFailedException($"{list} is missing: the test project's build writes it");
        return [.. File.ReadAllLines(list).Where(l => l.Length > 0).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>The usings and the unsafe context every test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.Runtime.InteropServices;

        """;

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static async Task VerifyAnalyzerAsync(string source, string headerText, string library = "cgotypes", params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        Configure(test.TestState, source, headerText, library);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static async Task VerifyCodeFixAsync(string source, string headerText, DiagnosticResult[] expected, string fixedSource,
        DiagnosticResult[]? expectedAfter = null, int? fixAllIterations = null)
    {
        // One fix per diagnostic, applied one after the other; fix-all takes one pass per equivalence key.
        var test = new CodeFixTest { NumberOfIncrementalIterations = expected.Length, NumberOfFixAllIterations = fixAllIterations ?? expected.Length };
        if (expectedAfter is not null)
        {
            test.FixedState.ExpectedDiagnostics.AddRange(expectedAfter);
            test.FixedState.MarkupHandling = MarkupMode.Allow;
        }
        Configure(test.TestState, source, headerText, "cgotypes");
        test.FixedState.Sources.Add(fixedSource);
        test.FixedState.AdditionalFiles.Add((HeaderPath, headerText));
        test.FixedState.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig("cgotypes")));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static string GlobalConfig(string library) => $"""
        is_global = true

        [{HeaderPath}]
        build_metadata.AdditionalFiles.GoBootCheckLibrary = {library}
        """;

    private static void Configure(SolutionState state, string source, string headerText, string library)
    {
        state.Sources.Add(Usings + source);
        if (PartialImplementations(Usings + source) is { } generated) state.Sources.Add(("/0/LibraryImports.g.cs", generated));
        if (headerText.Length > 0)
        {
            state.AdditionalFiles.Add((HeaderPath, headerText));
            state.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig(library)));
        }
        state.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(FrameworkReferences.Value);
    }

    private static Solution Unsafe(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var options = ((CSharpCompilationOptions)project.CompilationOptions!).WithAllowUnsafe(true);
        return solution.WithProjectCompilationOptions(projectId, options)
            .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.CSharp12));
    }

    /// <summary>
    /// LibraryImport's partial methods get their bodies from the runtime's source generator, which is not loaded here
    /// (it needs a newer compiler than the 4.8 these tests run on): a generated file stands in for its output.
    /// </summary>
    private static string? PartialImplementations(string source)
    {
        string plain = System.Text.RegularExpressions.Regex.Replace(source, @"\{\|#\d+:|\|\}", "");
        var root = CSharpSyntaxTree.ParseText(plain).GetRoot();
        var parts = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.Modifiers.Any(SyntaxKind.PartialKeyword) && m.Body is null && m.ExpressionBody is null)
            .GroupBy(m => ((TypeDeclarationSyntax)m.Parent!).Identifier.ValueText)
            .ToList();
        if (parts.Count == 0) return null;
        var text = new System.Text.StringBuilder("// <auto-generated/>\nusing System;\n");
        foreach (var type in parts)
        {
            text.Append("public static unsafe partial class ").Append(type.Key).Append("\n{\n");
            foreach (var method in type)
            {
                var parameters = method.ParameterList.Parameters.Select(p => p.WithAttributeLists(default).ToString());
                text.Append("    ").Append(method.Modifiers.ToString()).Append(' ').Append(method.ReturnType).Append(' ')
                    .Append(method.Identifier.ValueText).Append('(').Append(string.Join(", ", parameters)).Append(") => throw null!;\n");
            }
            text.Append("}\n");
        }
        return text.ToString();
    }

    private static readonly string[] Disabled = [];

    private sealed class AnalyzerTest : CSharpAnalyzerTest<InteropAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            SolutionTransforms.Add(Unsafe);
            DisabledDiagnostics.AddRange(Disabled);
        }
    }

    private sealed class CodeFixTest : CSharpCodeFixTest<InteropAnalyzer, InteropCodeFixProvider, DefaultVerifier>
    {
        public CodeFixTest()
        {
            SolutionTransforms.Add(Unsafe);
            DisabledDiagnostics.AddRange(Disabled);
        }
    }
}
