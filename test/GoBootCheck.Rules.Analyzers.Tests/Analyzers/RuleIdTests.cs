using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class RuleIdTests
{
    [TestMethod]
    public async Task CorrectRule_NoDiagnostic() => await VerifyAnalyzerAsync(RuleSource.Make());

    [TestMethod]
    public async Task IdFromConst_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(id: "Ids.Sound") + "public static class Ids { public const string Sound = \"ACME0001\"; }");

    [TestMethod]
    public async Task IdFromStaticReadonlyField_GBC2002() =>
        await VerifyAnalyzerAsync(RuleSource.Make(id: "{|#0:Ids.Sound|}") + "public static class Ids { public static readonly string Sound = \"ACME0001\"; }",
            Diagnostic(Descriptors.RuleIdNotConstant).WithLocation(0));

    [TestMethod]
    public async Task IdComputed_GBC2002() =>
        await VerifyAnalyzerAsync(RuleSource.Make(id: "{|#0:\"ACME\" + DateTimeOffset.MinValue.Year.ToString(\"D4\")|}"),
            Diagnostic(Descriptors.RuleIdNotConstant).WithLocation(0));

    [TestMethod]
    [DataRow("ACME001")]
    [DataRow("ACME-0001")]
    [DataRow("0001ACME")]
    [DataRow("ACME0001a")]
    [DataRow("ACME 0001")]
    [DataRow("")]
    public async Task MalformedId_GBC2003(string id) =>
        await VerifyAnalyzerAsync(RuleSource.Make(id: "{|#0:\"" + id + "\"|}"),
            Diagnostic(Descriptors.RuleIdMalformed).WithLocation(0).WithArguments(id));

    [TestMethod]
    [DataRow("ACME0001")]
    [DataRow("acme0001")]
    [DataRow("A1234")]
    [DataRow("ACME00001")]
    [DataRow("GBC5000")]
    [DataRow("GBC70001")]
    public async Task WellFormedOwnId_NoDiagnostic(string id) => await VerifyAnalyzerAsync(RuleSource.Make(id: "\"" + id + "\""));

    [TestMethod]
    [DataRow("GBC0004", "GBC0000–GBC0099 (built-in rules)")]
    [DataRow("GBC0100", "GBC0100–GBC0999 (reserved for built-in rules)")]
    [DataRow("GBC1001", "GBC1000–GBC1999 (tool diagnostics)")]
    [DataRow("GBC2101", "GBC2000–GBC2999 (GoBootCheck's analyzers)")]
    [DataRow("GBC4999", "GBC3000–GBC4999 (reserved)")]
    [DataRow("gbc0042", "GBC0000–GBC0099 (built-in rules)")]
    [DataRow("GBC00042", "GBC0000–GBC0099 (built-in rules)")]
    public async Task ReservedId_GBC2004(string id, string range) =>
        await VerifyAnalyzerAsync(RuleSource.Make(id: "{|#0:\"" + id + "\"|}"),
            Diagnostic(Descriptors.RuleIdReserved).WithLocation(0).WithArguments(id, range));

    [TestMethod]
    public async Task TwoRulesOneId_GBC2005OnTheSecond() =>
        await VerifyAnalyzerAsync(RuleSource.Make("First") + RuleSource.Make("Second", id: "{|#0:\"ACME0001\"|}"),
            Diagnostic(Descriptors.RuleIdDuplicated).WithLocation(0).WithArguments("ACME0001", "Second", "First"));

    [TestMethod]
    public async Task TwoRulesOneIdDifferingInCase_GBC2005OnTheSecond() =>
        await VerifyAnalyzerAsync(RuleSource.Make("First") + RuleSource.Make("Second", id: "{|#0:\"acme0001\"|}"),
            Diagnostic(Descriptors.RuleIdDuplicated).WithLocation(0).WithArguments("acme0001", "Second", "First"));

    [TestMethod]
    public async Task TwoRulesOneIdInTwoFiles_GBC2005OnTheSecond() =>
        await VerifyAnalyzerAsync([RuleSource.Make("First", id: "Ids.Sound") + "public static class Ids { public const string Sound = \"ACME0001\"; }",
                RuleSource.Make("Second", id: "{|#0:Ids.Sound|}")],
            Diagnostic(Descriptors.RuleIdDuplicated).WithLocation(0).WithArguments("ACME0001", "Second", "First"));

    [TestMethod]
    public async Task TwoRulesSharingOneDescriptorField_GBC2005OnTheSecondType()
    {
        const string source = """
            public static class Shared
            {
                public static readonly RuleDescriptor Sound = new()
                {
                    Id = "ACME0001", Name = "Sound", Title = "t", MessageFormat = "m", HelpText = "h", HelpUri = new Uri("https://acme.example/1"),
                };
            }

            public sealed class First : Rule
            {
                public override RuleDescriptor Descriptor => Shared.Sound;
                public override Verdict Evaluate(RuleContext context) => Verdict.Pass("x");
            }

            public sealed class {|#0:Second|} : Rule
            {
                public override RuleDescriptor Descriptor { get { return Shared.Sound; } }
                public override Verdict Evaluate(RuleContext context) => Verdict.Pass("x");
            }
            """;
        await VerifyAnalyzerAsync(source, Diagnostic(Descriptors.RuleIdDuplicated).WithLocation(0).WithArguments("ACME0001", "Second", "First"));
    }

    [TestMethod]
    public async Task TwoRulesTwoIds_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make("First") + RuleSource.Make("Second", id: "\"ACME0002\""));
}
