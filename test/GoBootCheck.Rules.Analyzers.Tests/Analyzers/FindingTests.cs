using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class FindingTests
{
    private static string Reporting(string finding, string format = "Function {0} is not sound") =>
        RuleSource.Make(evaluate: $"context.Report({finding});\n        return Verdict.Fail();")
            .Replace("MessageFormat = \"Function {0} is not sound\",", $"MessageFormat = \"{format}\",");

    [TestMethod]
    public async Task FindingWithoutArguments_GBC2017() =>
        await VerifyAnalyzerAsync(Reporting("{|#0:new Finding()|} { Function = \"main.main\" }"),
            Diagnostic(Descriptors.FindingArgumentsMissing).WithLocation(0).WithArguments("SoundFunctions", 0, "ACME0001", 1));

    [TestMethod]
    public async Task FindingWithOneArgumentOfTwo_GBC2017() =>
        await VerifyAnalyzerAsync(Reporting("{|#0:new Finding(\"main.main\")|}", "Function {0} has frame {1:x}"),
            Diagnostic(Descriptors.FindingArgumentsMissing).WithLocation(0).WithArguments("SoundFunctions", 1, "ACME0001", 2));

    [TestMethod]
    [DataRow("new Finding(\"main.main\")", "Function {0} is not sound")]
    [DataRow("new Finding(\"main.main\", 16)", "Function {0} has frame {1:x}")]
    [DataRow("new Finding(\"main.main\", 16)", "Function {0} is not sound")]
    [DataRow("new Finding()", "Functions are not sound")]
    [DataRow("new Finding(Array.Empty<object?>())", "Function {0} is not sound")]
    public async Task EnoughArgumentsOrNotListed_NoDiagnostic(string finding, string format) =>
        await VerifyAnalyzerAsync(Reporting(finding, format));
}
