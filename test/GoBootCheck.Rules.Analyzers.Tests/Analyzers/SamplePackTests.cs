using System.Collections.Immutable;
using GoBootCheck.Rules.Analyzers.Tests.ConsumerBuild;
using GoBootCheck.Rules.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

/// <summary>
/// The sample rule pack (samples/RulePack/Acme.GoRules) as its authors wrote it gets no diagnostic of the analyzer; a
/// copy with one deliberate mistake (one per diagnostic id) gets exactly the diagnostic meant for it, on the mistake's line, and no other.
/// </summary>
[TestClass]
public sealed class SamplePackTests
{
    private static readonly string PackFolder = Path.Combine(SdkPackWorkspace.RepositoryRoot, "samples", "RulePack", "Acme.GoRules");

    /// <summary>The SDK's implicit usings of a net8.0 library (ImplicitUsings=enable).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static Dictionary<string, string> SampleFiles()
    {
        Assert.IsTrue(Directory.Exists(PackFolder), $"the sample pack is missing at {PackFolder}");
        var files = Directory.GetFiles(PackFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(PackFolder, f), File.ReadAllText);
        Assert.IsGreaterThanOrEqualTo(5, files.Count, "the sample pack has its five rules");
        return files;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Dictionary<string, string> files)
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Value, options, path: f.Key))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, path: "GlobalUsings.g.cs"));
        var compilation = CSharpCompilation.Create("Acme.GoRules", trees, PackReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.IsEmpty(errors, string.Join("\n", errors));
        var analyzed = compilation.WithAnalyzers(RuleVerifier.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: (e, a, d) => Assert.Fail($"{a} threw: {e}"), concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        return await analyzed.GetAnalyzerDiagnosticsAsync();
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1}): {d.Id}";
    }

    [TestMethod]
    public async Task SamplePack_AsWritten_NoDiagnostic()
    {
        var diagnostics = await AnalyzeAsync(SampleFiles());

        Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
    }

    /// <summary>
    /// Each mistake: the file, the text replaced (exactly once), the replacement, the id expected, and a piece of the
    /// line it must be reported on.
    /// </summary>
    public static IEnumerable<object[]> Mistakes =>
    [
        ["GBC5005.MinimumGoPatchRelease.cs", "public sealed class MinimumGoPatchRelease : Rule", "internal sealed class MinimumGoPatchRelease : Rule",
            "GBC2001", "internal sealed class MinimumGoPatchRelease"],
        ["AcmeRuleIds.cs", "public const string NoRaceDetector = ", "public static readonly string NoRaceDetector = ",
            "GBC2002", "Id = AcmeRuleIds.NoRaceDetector"],
        ["AcmeRuleIds.cs", "\"GBC5003\"", "\"GBC-5003\"", "GBC2003", "Id = AcmeRuleIds.NoRaceDetector"],
        ["AcmeRuleIds.cs", "\"GBC5004\"", "\"GBC4004\"", "GBC2004", "Id = AcmeRuleIds.PositionIndependentExecutable"],
        ["AcmeRuleIds.cs", "\"GBC5003\"", "\"GBC5002\"", "GBC2005", "Id = AcmeRuleIds.NoRaceDetector"],
        ["GBC5005.MinimumGoPatchRelease.cs", "Parameters = [MinimumMinor, MinimumPatches],", "Parameters = [MinimumMinor],",
            "GBC2006", "context.GetParameter(MinimumPatches)"],
        ["GBC5005.MinimumGoPatchRelease.cs", "new(\"minimum-minor\", 21,", "new(\"minimum-minor\", 121,", "GBC2007", "new(\"minimum-minor\", 121,"],
        ["GBC5003.NoRaceDetector.cs", "if (!context.Go.IsRace)", "if (!context.Go.IsRace || Environment.GetEnvironmentVariable(\"ACME_ALLOW_RACE\") == \"1\")",
            "GBC2008", "Environment.GetEnvironmentVariable"],
        ["GBC5003.NoRaceDetector.cs", "public sealed class NoRaceDetector : Rule\n{", "public sealed class NoRaceDetector : Rule\n{\n    private static int s_races;\n",
            "GBC2009", "private static int s_races;"],
        ["GBC5003.NoRaceDetector.cs", "bool recorded = ", "_recorded = true;\n        bool recorded = ", "GBC2010", "_recorded = true;"],
        ["GBC5003.NoRaceDetector.cs", "        HelpText = ", "        // HelpText = ", "GBC2011", "Descriptor { get; } = new()"],
        ["GBC5003.NoRaceDetector.cs", "bool recorded = ", "if (context.Go.BuildInfo is null) throw new InvalidOperationException(\"no build info\");\n        bool recorded = ",
            "GBC2012", "throw new InvalidOperationException"],
        ["GBC5003.NoRaceDetector.cs", "bool recorded = ", "int unnamed = 0;\n        foreach (var f in context.Go.Functions) if (f.Name.Length == 0) unnamed++;\n        bool recorded = ",
            "GBC2013", "foreach (var f in context.Go.Functions)"],
        ["GBC5003.NoRaceDetector.cs", "Name = nameof(NoRaceDetector),", "Name = \"no-race-detector\",", "GBC2014", "Name = \"no-race-detector\","],
        ["GBC5003.NoRaceDetector.cs", "race detector ({0});", "race detector ({0);", "GBC2015", "MessageFormat = "],
        ["GBC5005.MinimumGoPatchRelease.cs", "new Finding(version.Text, required.Text)", "new Finding(version.Text)", "GBC2017", "new Finding(version.Text)"],
        ["GBC5004.PositionIndependentExecutable.cs", "new(\"allow-static\", false,", "new(\"allow static\", false,", "GBC2016", "new(\"allow static\", false,"],
    ];

    [TestMethod]
    [DynamicData(nameof(Mistakes))]
    public async Task SamplePack_WithOneMistake_ExactlyItsDiagnostic(string file, string text, string replacement, string id, string line)
    {
        var files = SampleFiles();
        Assert.AreEqual(1, CountOf(files[file], text), $"'{text}' must occur once in {file}: the sample changed, adapt the mistake");
        files[file] = files[file].Replace(text, replacement, StringComparison.Ordinal);
        // The instance field the GBC2010 mistake writes.
        if (id == "GBC2010") files[file] = files[file].Replace("public sealed class NoRaceDetector : Rule\n{", "public sealed class NoRaceDetector : Rule\n{\n    private bool _recorded;\n", StringComparison.Ordinal);

        var diagnostics = await AnalyzeAsync(files);

        Assert.HasCount(1, diagnostics, string.Join("\n", diagnostics));
        var diagnostic = diagnostics[0];
        Assert.AreEqual(id, diagnostic.Id, diagnostic.ToString());
        var span = diagnostic.Location.GetLineSpan();
        string reportedLine = diagnostic.Location.SourceTree!.GetText().Lines[span.StartLinePosition.Line].ToString();
        StringAssert.Contains(reportedLine, line, Describe(diagnostic));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
