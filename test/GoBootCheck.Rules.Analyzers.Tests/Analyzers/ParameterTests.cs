using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class ParameterTests
{
    private const string Depth = "    public static readonly RuleParameter<int> MaxDepth = new(\"MaxDepth\", 8, \"How deep\") { Minimum = 1, Maximum = 64 };\n";

    [TestMethod]
    public async Task DeclaredParameterRead_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(descriptor: "        Parameters = [MaxDepth],\n", members: Depth,
            evaluate: "return context.GetParameter(MaxDepth) > 4 ? Verdict.Pass(\"deep\") : Verdict.Fail();"));

    [TestMethod]
    public async Task DeclaredInArrayOfAnotherType_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(descriptor: "        Parameters = new RuleParameter[] { Settings.MaxDepth },\n",
                evaluate: "return context.GetParameter(Settings.MaxDepth) > 4 ? Verdict.Pass(\"deep\") : Verdict.Fail();")
            + "public static class Settings {\n" + Depth + "}\n");

    [TestMethod]
    public async Task ParameterReadWithoutParametersEntry_GBC2006() =>
        await VerifyAnalyzerAsync(RuleSource.MarkDescriptor(RuleSource.Make(members: Depth,
                evaluate: "return context.GetParameter({|#0:MaxDepth|}) > 4 ? Verdict.Pass(\"deep\") : Verdict.Fail();")),
            Diagnostic(Descriptors.ParameterNotDeclared).WithLocation(0).WithLocation(1).WithArguments("SoundFunctions", "MaxDepth"));

    [TestMethod]
    public async Task ParameterReadMissingFromList_GBC2006() =>
        await VerifyAnalyzerAsync(RuleSource.MarkDescriptor(RuleSource.Make(descriptor: "        Parameters = [MaxDepth],\n",
                members: Depth + "    public static readonly RuleParameter<bool> Strict = new(\"Strict\", false, \"Strictly\");\n",
                evaluate: "return context.GetParameter({|#0:Strict|}) ? Verdict.Pass(\"strict\") : Verdict.Pass(\"lax\");")),
            Diagnostic(Descriptors.ParameterNotDeclared).WithLocation(0).WithLocation(1).WithArguments("SoundFunctions", "Strict"));

    [TestMethod]
    public async Task ParameterCreatedAtTheRead_GBC2006() =>
        await VerifyAnalyzerAsync(RuleSource.MarkDescriptor(RuleSource.Make(
                evaluate: "return context.GetParameter({|#0:new RuleParameter<int>(\"Inline\", 1, \"d\")|}) > 0 ? Verdict.Pass(\"x\") : Verdict.Fail();")),
            Diagnostic(Descriptors.ParameterNotDeclared).WithLocation(0).WithLocation(1).WithArguments("SoundFunctions", "Inline"));

    [TestMethod]
    public async Task ParametersFromAListBuiltElsewhere_NotJudged() =>
        await VerifyAnalyzerAsync(RuleSource.Make(descriptor: "        Parameters = All,\n",
            members: Depth + "    private static readonly RuleParameter[] All = [MaxDepth];\n",
            evaluate: "return context.GetParameter(MaxDepth) > 4 ? Verdict.Pass(\"deep\") : Verdict.Fail();"));

    [TestMethod]
    [DataRow("0", "1", "64")]
    [DataRow("65", "1", "64")]
    [DataRow("-1", "0", "(none)")]
    [DataRow("100", "(none)", "64")]
    public async Task DefaultOutsideRange_GBC2007(string value, string minimum, string maximum)
    {
        string range = (minimum == "(none)" ? "" : $"Minimum = {minimum}, ") + (maximum == "(none)" ? "" : $"Maximum = {maximum}");
        await VerifyAnalyzerAsync(RuleSource.Make(descriptor: "        Parameters = [MaxDepth],\n",
                members: $"    public static readonly RuleParameter<int> MaxDepth = new(\"MaxDepth\", {{|#0:{value}|}}, \"How deep\") {{ {range} }};\n"),
            Diagnostic(Descriptors.ParameterDefaultOutOfRange).WithLocation(0).WithArguments("MaxDepth", value, minimum, maximum));
    }

    [TestMethod]
    public async Task EmptyRange_GBC2007() =>
        await VerifyAnalyzerAsync(RuleSource.Make(descriptor: "        Parameters = [Limit],\n",
                members: "    public static readonly RuleParameter<long> Limit = new(\"Limit\", {|#0:10L|}, \"d\") { Minimum = 20L, Maximum = 5L };\n"),
            Diagnostic(Descriptors.ParameterDefaultOutOfRange).WithLocation(0).WithArguments("Limit", "10L", "20L", "5L"));

    [TestMethod]
    [DataRow("1")]
    [DataRow("64")]
    [DataRow("8")]
    public async Task DefaultWithinRange_NoDiagnostic(string value) =>
        await VerifyAnalyzerAsync(RuleSource.Make(descriptor: "        Parameters = [MaxDepth],\n",
            members: $"    public static readonly RuleParameter<int> MaxDepth = new(\"MaxDepth\", {value}, \"How deep\") {{ Minimum = 1, Maximum = 64 }};\n"));
}
