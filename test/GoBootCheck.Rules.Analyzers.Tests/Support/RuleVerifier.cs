using System.Collections.Immutable;
using GoBootCheck.Rules.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace GoBootCheck.Rules.Analyzers.Tests.Support;

/// <summary>
/// Runs every analyzer of the rule-pack analyzer assembly (and every code fix) over C# source compiled against
/// GoBootCheck.Sdk, so that each test also shows that no other GBC20xx diagnostic fires.
/// </summary>
internal static class RuleVerifier
{

    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using GoBootCheck.Sdk;

        """;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new RuleDescriptorAnalyzer(), new RuleParameterAnalyzer(), new DeterminismAnalyzer(), new EvaluationAnalyzer(), new RulePackAnalyzer(),
        new ParameterDeclarationAnalyzer(), new FindingAnalyzer());

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = ImmutableArray.Create<CodeFixProvider>(
        new MakeRuleIdConstantFix(), new AddHelpLinkFix(), new DeclareParameterFix(), new ObserveCancellationFix());

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static async Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        await VerifyAnalyzerAsync([source], expected);

    public static async Task VerifyAnalyzerAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        Configure(test.TestState, sources.Select((s, i) => ($"/0/Test{i}.cs", Usings + s)));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>Files verbatim (with their own usings), as the sample pack's.</summary>
    public static async Task VerifyFilesAsync(IEnumerable<(string Path, string Text)> files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        Configure(test.TestState, files);
        test.TestState.MarkupHandling = MarkupMode.None;
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static async Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, DiagnosticResult[]? expectedAfter = null,
        bool hasFixAll = true)
    {
        var test = new CodeFixTest { NumberOfIncrementalIterations = expected.Length, NumberOfFixAllIterations = expected.Length };
        // Adding a parameter edits the descriptor, which fixes of several reads would all edit: no fix-all there.
        if (!hasFixAll) test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
        Configure(test.TestState, [("/0/Test0.cs", Usings + source)]);
        test.FixedState.Sources.Add(("/0/Test0.cs", Usings + fixedSource));
        SdkReference.AddSourcesTo(test.FixedState);
        if (expectedAfter is not null)
        {
            test.FixedState.ExpectedDiagnostics.AddRange(expectedAfter);
            test.FixedState.MarkupHandling = MarkupMode.Allow;
        }
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static void Configure(SolutionState state, IEnumerable<(string Path, string Text)> sources)
    {
        foreach (var source in sources) state.Sources.Add(source);
        SdkReference.AddTo(state);
        state.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(PackReferences.Framework);
    }

    private static Solution UseCSharp12(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        return solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.CSharp12));
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<RuleDescriptorAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest() => SolutionTransforms.Add(UseCSharp12);

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
    }

    private sealed class CodeFixTest : CSharpCodeFixTest<RuleDescriptorAnalyzer, MakeRuleIdConstantFix, DefaultVerifier>
    {
        public CodeFixTest() => SolutionTransforms.Add(UseCSharp12);

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

        protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => CodeFixes;
    }
}

/// <summary>How the test compilations get GoBootCheck.Sdk: the real assembly, as a pack's compilation references it.</summary>
internal static class SdkReference
{
    private static readonly MetadataReference Sdk = MetadataReference.CreateFromFile(typeof(GoBootCheck.Sdk.Rule).Assembly.Location);

    public static void AddTo(SolutionState state) => state.AdditionalReferences.Add(Sdk);

    /// <summary>What a fixed state, which names its sources anew, needs of it: nothing (references carry over).</summary>
    public static void AddSourcesTo(SolutionState state) => _ = state;
}

/// <summary>What a pack's compilation references: the framework's reference assemblies and GoBootCheck.Sdk.</summary>
internal static class PackReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
    {
        string list = Path.Combine(AppContext.BaseDirectory, "framework-references.txt");
        if (!File.Exists(list)) throw new AssertFailedException($"{list} is missing: the test project's build writes it");
        return [.. File.ReadAllLines(list).Where(l => l.Length > 0).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static ImmutableArray<MetadataReference> Framework => FrameworkReferences.Value;

    public static ImmutableArray<MetadataReference> All => Framework.Add(MetadataReference.CreateFromFile(typeof(GoBootCheck.Sdk.Rule).Assembly.Location));
}
