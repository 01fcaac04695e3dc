using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.CodeFixes;

[TestClass]
public sealed class CodeFixTests
{
    private const string Depth = "    public static readonly RuleParameter<int> MaxDepth = new(\"MaxDepth\", 8, \"How deep\") { Minimum = 1, Maximum = 64 };\n";

    [TestMethod]
    public async Task MakeRuleIdConstant_StaticReadonlyFieldBecomesConst() =>
        await VerifyCodeFixAsync(
            RuleSource.Make(id: "{|#0:Ids.Sound|}") + "public static class Ids { public static readonly string Sound = \"ACME0001\"; }\n",
            [Diagnostic(Descriptors.RuleIdNotConstant).WithLocation(0)],
            RuleSource.Make(id: "Ids.Sound") + "public static class Ids { public const string Sound = \"ACME0001\"; }\n");

    private const string StubLeft = "a stub for its help link; point HelpUri at the rule's documentation";

    [TestMethod]
    public async Task AddHelpLink_StubOnItsOwnLineAndStillReportedAsAStub() =>
        await VerifyCodeFixAsync(
            RuleSource.Make(help: "").Replace("= new()", "= {|#0:new()|}"),
            [Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "no help text (HelpText) nor help link (HelpUri)")],
            RuleSource.Make(help: "        HelpUri = new Uri(\"https://example.com/rules/ACME0001\"),\n").Replace("= new()", "= {|#0:new()|}"),
            [Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", StubLeft)]);

    [TestMethod]
    public async Task AddHelpLink_OneLineInitializer() =>
        await VerifyCodeFixAsync("""
            public static class Shared
            {
                public static readonly RuleDescriptor Sound = {|#0:new RuleDescriptor|} { Id = "ACME0001", Name = "Sound", Title = "t", MessageFormat = "m" };
            }
            """,
            [Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "no help text (HelpText) nor help link (HelpUri)")],
            """
            public static class Shared
            {
                public static readonly RuleDescriptor Sound = {|#0:new RuleDescriptor|} { Id = "ACME0001", Name = "Sound", Title = "t", MessageFormat = "m", HelpUri = new Uri("https://example.com/rules/ACME0001") };
            }
            """,
            [Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", StubLeft)]);

    [TestMethod]
    public async Task DeclareParameter_ParametersEntryAdded() =>
        await VerifyCodeFixAsync(
            RuleSource.MarkDescriptor(RuleSource.Make(members: Depth, evaluate: "return context.GetParameter({|#0:MaxDepth|}) > 4 ? Verdict.Pass(\"deep\") : Verdict.Fail();")),
            [Diagnostic(Descriptors.ParameterNotDeclared).WithLocation(0).WithLocation(1).WithArguments("SoundFunctions", "MaxDepth")],
            RuleSource.Make(members: Depth, descriptor: "        Parameters = [MaxDepth],\n",
                evaluate: "return context.GetParameter(MaxDepth) > 4 ? Verdict.Pass(\"deep\") : Verdict.Fail();"), hasFixAll: false);

    [TestMethod]
    public async Task DeclareParameter_AppendedToTheList() =>
        await VerifyCodeFixAsync(
            RuleSource.MarkDescriptor(RuleSource.Make(members: Depth + "    public static readonly RuleParameter<bool> Strict = new(\"Strict\", false, \"Strictly\");\n",
                descriptor: "        Parameters = [MaxDepth],\n",
                evaluate: "return context.GetParameter({|#0:Strict|}) ? Verdict.Pass(\"strict\") : Verdict.Pass(\"lax\");")),
            [Diagnostic(Descriptors.ParameterNotDeclared).WithLocation(0).WithLocation(1).WithArguments("SoundFunctions", "Strict")],
            RuleSource.Make(members: Depth + "    public static readonly RuleParameter<bool> Strict = new(\"Strict\", false, \"Strictly\");\n",
                descriptor: "        Parameters = [MaxDepth, Strict],\n",
                evaluate: "return context.GetParameter(Strict) ? Verdict.Pass(\"strict\") : Verdict.Pass(\"lax\");"), hasFixAll: false);

    [TestMethod]
    public async Task ObserveCancellation_StatementBodyBecomesABlock() =>
        await VerifyCodeFixAsync(
            RuleSource.Make(evaluate: """
                int count = 0;
                        {|#0:foreach|} (var function in context.Go.Functions) count += function.Name.Length;
                        return Verdict.Pass(count.ToString());
                """),
            [Diagnostic(Descriptors.LoopIgnoresCancellation).WithLocation(0).WithArguments("GoFunction", "context.Cancellation")],
            RuleSource.Make(evaluate: """
                int count = 0;
                        foreach (var function in context.Go.Functions)
                        {
                            context.Cancellation.ThrowIfCancellationRequested();
                            count += function.Name.Length;
                        }
                        return Verdict.Pass(count.ToString());
                """));

    [TestMethod]
    public async Task ObserveCancellation_FirstStatementOfTheBlock() =>
        await VerifyCodeFixAsync(
            RuleSource.Make(evaluate: """
                int count = 0;
                        {|#0:foreach|} (var function in context.Go.Functions)
                        {
                            count += function.Name.Length;
                        }
                        return Verdict.Pass(count.ToString());
                """),
            [Diagnostic(Descriptors.LoopIgnoresCancellation).WithLocation(0).WithArguments("GoFunction", "context.Cancellation")],
            RuleSource.Make(evaluate: """
                int count = 0;
                        foreach (var function in context.Go.Functions)
                        {
                            context.Cancellation.ThrowIfCancellationRequested();
                            count += function.Name.Length;
                        }
                        return Verdict.Pass(count.ToString());
                """));
}
