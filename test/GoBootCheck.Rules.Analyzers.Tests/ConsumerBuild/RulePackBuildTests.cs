using System.IO.Compression;
using System.Text.RegularExpressions;

namespace GoBootCheck.Rules.Analyzers.Tests.ConsumerBuild;

/// <summary>
/// Packs GoBootCheck.Sdk and builds rule-pack projects that reference it with a real <c>dotnet build</c>, under the
/// SDK's own compiler and under Roslyn 4.14 (Microsoft.Net.Compilers.Toolset 4.14.0): the analyzer loads from the
/// package, stays silent on the sample pack as published (warnings are errors there), and puts each mistake's
/// diagnostic on its line.
/// </summary>
[TestClass]
public sealed partial class RulePackBuildTests
{
    private static SdkPackWorkspace? s_workspace;

    public TestContext TestContext { get; set; } = null!;

    private static SdkPackWorkspace Workspace => s_workspace ?? throw new InvalidOperationException("the Sdk was not packed");

    [ClassInitialize]
    public static void Pack(TestContext _) => s_workspace = SdkPackWorkspace.Create();

    [ClassCleanup]
    public static void Clean() => s_workspace?.Dispose();

    private const string Correct = """
        using GoBootCheck.Sdk;

        namespace Acme.Rules;

        /// <summary>Every Go function has a name.</summary>
        public sealed class NamedFunctions : Rule
        {
            public static readonly RuleParameter<int> MaxReported = new("max-reported", 10, "Findings reported at most") { Minimum = 1, Maximum = 1000 };

            public override RuleDescriptor Descriptor { get; } = new()
            {
                Id = "ACME0001",
                Name = "NamedFunctions",
                Title = "Every Go function has a name",
                MessageFormat = "The function at {0:x} has no name",
                HelpText = "A function without a name cannot be found in a stack trace.",
                HelpUri = new Uri("https://acme.example/rules/ACME0001"),
                Parameters = [MaxReported],
            };

            public override Verdict Evaluate(RuleContext context)
            {
                int max = context.GetParameter(MaxReported), reported = 0;
                foreach (var function in context.Go.Functions)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    if (function.Name.Length > 0 || reported == max) continue;
                    context.Report(new Finding(function.Entry) { Address = function.Entry });
                    reported++;
                }
                return reported > 0 ? Verdict.Fail() : Verdict.Pass($"{context.Go.Functions.Count} functions");
            }
        }

        """;

    /// <summary>One rule per mistake; each offending line ends with "// expect GBC20xx".</summary>
    private const string Mistakes = """
        using GoBootCheck.Sdk;

        namespace Acme.Rules;

        public sealed class Careless : Rule
        {
            private static readonly string CarelessId = "ACME0102";
            private static int s_evaluations; // expect GBC2009
            private int _last;
            public static readonly RuleParameter<int> Depth = new("depth", 0, "How deep") { Minimum = 1 }; // expect GBC2007

            public override RuleDescriptor Descriptor { get; } = new()
            {
                Id = CarelessId, // expect GBC2002
                Name = "Careless",
                Title = "Careless",
                MessageFormat = "{0}",
                HelpText = "Careless.",
                HelpUri = new Uri("https://acme.example/rules/ACME0102"),
            };

            public override Verdict Evaluate(RuleContext context)
            {
                s_evaluations++;
                _last = context.GetParameter(Depth); // expect GBC2006 GBC2010
                if (Environment.GetEnvironmentVariable("CI") is not null) return Verdict.NotApplicable("CI"); // expect GBC2008
                foreach (var function in context.Go.Functions) // expect GBC2013
                    if (function.Name.Length == 0) throw new InvalidOperationException("nameless"); // expect GBC2012
                return Verdict.Pass("x");
            }
        }

        public sealed class Reserved : Rule
        {
            public override RuleDescriptor Descriptor { get; } = new() // expect GBC2011
            {
                Id = "GBC0042", // expect GBC2004
                Name = "Reserved",
                Title = "Reserved",
                MessageFormat = "{0}",
            };

            public override Verdict Evaluate(RuleContext context) => Verdict.Pass("x");
        }

        public sealed class Malformed : Rule
        {
            public override RuleDescriptor Descriptor { get; } = new()
            {
                Id = "ACME-7", // expect GBC2003
                Name = "Malformed",
                Title = "Malformed",
                MessageFormat = "{0}",
                HelpText = "Malformed.",
                HelpUri = new Uri("https://acme.example/rules/malformed"),
            };

            public override Verdict Evaluate(RuleContext context) => Verdict.Pass("x");
        }

        public sealed class Twin : Rule
        {
            public override RuleDescriptor Descriptor { get; } = new()
            {
                Id = "ACME0001", // expect GBC2005
                Name = "Twin",
                Title = "Twin",
                MessageFormat = "{0}",
                HelpText = "Twin.",
                HelpUri = new Uri("https://acme.example/rules/twin"),
            };

            public override Verdict Evaluate(RuleContext context) => Verdict.Pass("x");
        }

        internal sealed class Hidden : Rule // expect GBC2001
        {
            public override RuleDescriptor Descriptor { get; } = new()
            {
                Id = "ACME0103",
                Name = "Hidden",
                Title = "Hidden",
                MessageFormat = "{0}",
                HelpText = "Hidden.",
                HelpUri = new Uri("https://acme.example/rules/hidden"),
            };

            public override Verdict Evaluate(RuleContext context) => Verdict.Pass("x");
        }

        """;

    private BuildResult Build(string project)
    {
        var result = Workspace.Run(project, "dotnet", "build", "-v:n");
        TestContext.WriteLine($"dotnet build {project} → {result.ExitCode}");
        TestContext.WriteLine(result.Output);
        Assert.DoesNotContain("AD0001", result.Output, "an analyzer threw");
        Assert.DoesNotContain("CS8032", result.Output, "an analyzer could not be loaded");
        return result;
    }

    private static List<string> Expected(string file, string text) =>
        [.. text.Split('\n').SelectMany((line, index) => ExpectMarker().Matches(line).SelectMany(m => m.Groups["ids"].Value.Split(' '))
                .Select(id => $"{file}({index + 1}): {(id is "GBC2003" or "GBC2004" or "GBC2005" or "GBC2007" ? "error" : "warning")} {id}"))
            .Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"// expect (?<ids>(GBC\d+ ?)+)$")]
    private static partial Regex ExpectMarker();

    [TestMethod]
    [DataRow(false, DisplayName = "SDK compiler")]
    [DataRow(true, DisplayName = "Roslyn 4.14")]
    public void Build_PackWithMistakes_EachDiagnosticOnItsLineAndNoOther(bool roslyn414)
    {
        string project = Workspace.CreatePack(roslyn414 ? "MistakesRoslyn414" : "MistakesSdk", [("NamedFunctions.cs", Correct), ("WithMistakes.cs", Mistakes)], roslyn414);

        var build = Build(project);

        Assert.AreNotEqual(0, build.ExitCode, "the reserved, malformed and duplicated ids and the default out of range are errors");
        // The duplicated id goes on the later of the two rules in file order: the mistake's.
        CollectionAssert.AreEqual(Expected("WithMistakes.cs", Mistakes), build.Diagnostics("GBC"), string.Join("\n", build.Diagnostics("GBC")));
        if (roslyn414) StringAssert.Contains(build.Output, "microsoft.net.compilers.toolset/4.14.0", "the Roslyn 4.14 compiler ran");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "SDK compiler")]
    [DataRow(true, DisplayName = "Roslyn 4.14")]
    public void Build_SampleRulePack_AsPublished_NoAnalyzerDiagnostic(bool roslyn414)
    {
        string project = Workspace.CopySamplePack(roslyn414 ? "SampleRoslyn414" : "SampleSdk", roslyn414);

        var build = Build(project);

        Assert.AreEqual(0, build.ExitCode, build.Output);
        Assert.IsEmpty(build.Diagnostics("GBC"), build.Output);
        StringAssert.Contains(build.Output, "GoBootCheck.Rules.Analyzers.dll", "the analyzer was handed to the compiler");
        if (roslyn414) StringAssert.Contains(build.Output, "microsoft.net.compilers.toolset/4.14.0", "the Roslyn 4.14 compiler ran");
    }

    [TestMethod]
    public void Package_ShipsTheAnalyzerAndCodeFixesUnderAnalyzersDotnetCs_AndNoDependency()
    {
        using var zip = ZipFile.OpenRead(Workspace.Package);
        var analyzers = zip.Entries.Select(e => e.FullName).Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(new[] { "analyzers/dotnet/cs/GoBootCheck.Rules.Analyzers.dll", "analyzers/dotnet/cs/GoBootCheck.Rules.CodeFixes.dll" }, analyzers);
        using var nuspec = new StreamReader(zip.GetEntry("GoBootCheck.Sdk.nuspec")!.Open());
        string text = nuspec.ReadToEnd();
        Assert.DoesNotContain("<dependency ", text, "the analyzer projects must not become package dependencies");
    }
}
