using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class EvaluationTests
{
    [TestMethod]
    public async Task ThrowInEvaluate_GBC2012() =>
        await VerifyAnalyzerAsync(RuleSource.Make(evaluate: "if (context.Go.Functions.Count == 0) {|#0:throw|} new InvalidOperationException(\"no pclntab\");\n        return Verdict.Pass(\"x\");"),
            Diagnostic(Descriptors.ThrowInsteadOfNotVerified).WithLocation(0).WithArguments("Evaluate", "InvalidOperationException"));

    [TestMethod]
    public async Task ThrowExpressionInHelper_GBC2012() =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: "    private static GoFunction Main(RuleContext c) => c.Go.Functions.Count > 0 ? c.Go.Functions[0] : {|#0:throw|} new ArgumentException(\"none\");\n",
                evaluate: "return Verdict.Pass(Main(context).Name);"),
            Diagnostic(Descriptors.ThrowInsteadOfNotVerified).WithLocation(0).WithArguments("Main", "ArgumentException"));

    [TestMethod]
    public async Task Rethrow_GBC2012() =>
        await VerifyAnalyzerAsync(RuleSource.Make(evaluate: "try { return Verdict.Pass(context.Go.Functions[0].Name); }\n        catch (ArgumentOutOfRangeException) { {|#0:throw|}; }"),
            Diagnostic(Descriptors.ThrowInsteadOfNotVerified).WithLocation(0).WithArguments("Evaluate", "the caught ArgumentOutOfRangeException again"));

    [TestMethod]
    public async Task NotVerifiedAndAllowedThrows_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(evaluate: """
            if (context.Go.Functions.Count == 0) return Verdict.NotVerified("no function table");
                    if (context.Cancellation.IsCancellationRequested) throw new OperationCanceledException(context.Cancellation);
                    try { if (context.Go.PclntabLayout.Length == 0) throw new FormatException("x"); }
                    catch (FormatException) { return Verdict.NotVerified("no version"); }
                    return context.Go.PclntabLayout.Length switch
                    {
                        > 0 => Verdict.Pass("x"),
                        _ => throw new System.Diagnostics.UnreachableException(),
                    };
            """));

    [TestMethod]
    public async Task ThrowInConstructor_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: "    public SoundFunctions() { if (Descriptor is null) throw new InvalidOperationException(); }\n"));

    [TestMethod]
    public async Task ForEachOverFunctionsWithoutToken_GBC2013() =>
        await VerifyAnalyzerAsync(RuleSource.Make(evaluate: """
            int count = 0;
                    {|#0:foreach|} (var function in context.Go.Functions) count += function.Name.Length;
                    return Verdict.Pass(count.ToString());
            """),
            Diagnostic(Descriptors.LoopIgnoresCancellation).WithLocation(0).WithArguments("GoFunction", "context.Cancellation"));

    [TestMethod]
    public async Task ForOverInstructionsWithoutToken_GBC2013() =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: """
                private static int Count(IReadOnlyList<Instruction> instructions, System.Threading.CancellationToken cancellation)
                {
                    int n = 0;
                    {|#0:for|} (int i = 0; i < instructions.Count; i++) n++;
                    return n;
                }

            """, evaluate: "return Verdict.Pass(\"x\");"),
            Diagnostic(Descriptors.LoopIgnoresCancellation).WithLocation(0).WithArguments("Instruction", "cancellation"));

    [TestMethod]
    public async Task LoopsObservingTheToken_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(evaluate: """
            int count = 0;
                    foreach (var function in context.Go.Functions)
                    {
                        if (context.Cancellation.IsCancellationRequested) return Verdict.NotVerified("cancelled");
                        var instructions = context.Decode(function);
                        for (int i = 0; i < instructions.Count; i++) count += instructions[i].Length;
                    }
                    foreach (var tag in Descriptor.Tags) count += tag.Length;
                    return Verdict.Pass(count.ToString());
            """));
}
