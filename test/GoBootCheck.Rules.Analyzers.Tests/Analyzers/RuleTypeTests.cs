using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class RuleTypeTests
{
    [TestMethod]
    public async Task InternalRule_GBC2001() =>
        await VerifyAnalyzerAsync(RuleSource.Make("Hidden", declaredAs: "{|#0:Hidden|}", modifiers: "internal sealed"),
            Diagnostic(Descriptors.RuleNotCreatable).WithLocation(0).WithArguments("Hidden", "it is not public"));

    [TestMethod]
    public async Task RuleNestedInInternalType_GBC2001() =>
        await VerifyAnalyzerAsync("internal static class Outer {\n" + RuleSource.Make("Nested", declaredAs: "{|#0:Nested|}") + "}\n",
            Diagnostic(Descriptors.RuleNotCreatable).WithLocation(0).WithArguments("Nested", "it is nested in a type that is not public"));

    [TestMethod]
    public async Task RuleWithoutParameterlessConstructor_GBC2001() =>
        await VerifyAnalyzerAsync(RuleSource.Make("Configured", declaredAs: "{|#0:Configured|}", members: "    public Configured(int depth) => _ = depth;\n"),
            Diagnostic(Descriptors.RuleNotCreatable).WithLocation(0).WithArguments("Configured", "it has no public parameterless constructor"));

    [TestMethod]
    public async Task RuleWithPrivateConstructor_GBC2001() =>
        await VerifyAnalyzerAsync(RuleSource.Make("Singleton", declaredAs: "{|#0:Singleton|}", members: "    private Singleton() { }\n"),
            Diagnostic(Descriptors.RuleNotCreatable).WithLocation(0).WithArguments("Singleton", "it has no public parameterless constructor"));

    [TestMethod]
    public async Task GenericRule_GBC2001() =>
        await VerifyAnalyzerAsync(RuleSource.Make("Generic", declaredAs: "{|#0:Generic|}<T>"),
            Diagnostic(Descriptors.RuleNotCreatable).WithLocation(0).WithArguments("Generic", "it is generic"));

    [TestMethod]
    public async Task AbstractRuleNobodyDerivesFrom_GBC2001() =>
        await VerifyAnalyzerAsync(RuleSource.Make("Forgotten", declaredAs: "{|#0:Forgotten|}", modifiers: "public abstract"),
            Diagnostic(Descriptors.RuleNotCreatable).WithLocation(0).WithArguments("Forgotten", "it is abstract and no rule of the pack derives from it"));

    [TestMethod]
    public async Task AbstractBaseWithConcreteRule_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make("FunctionRule", modifiers: "public abstract") + "public sealed class Concrete : FunctionRule { }\n");

    [TestMethod]
    public async Task PublicRuleWithExplicitParameterlessConstructor_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make("Explicit", members: "    public Explicit() { }\n    public Explicit(int depth) => _ = depth;\n"));
}
