using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class HelpTests
{
    private static string WithoutNew(string rule) => rule.Replace("Descriptor { get; } = new()", "Descriptor { get; } = {|#0:new()|}");

    [TestMethod]
    public async Task NoHelpAtAll_GBC2011() =>
        await VerifyAnalyzerAsync(WithoutNew(RuleSource.Make(help: "")),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "help text (HelpText) nor help link (HelpUri)"));

    [TestMethod]
    public async Task NoHelpLink_GBC2011() =>
        await VerifyAnalyzerAsync(WithoutNew(RuleSource.Make(help: "        HelpText = \"Why the rule exists.\",\n")),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "help link (HelpUri)"));

    [TestMethod]
    public async Task EmptyHelpText_GBC2011() =>
        await VerifyAnalyzerAsync(WithoutNew(RuleSource.Make(help: "        HelpText = \"\",\n        HelpUri = new Uri(\"https://acme.example/1\"),\n")),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "help text (HelpText)"));

    [TestMethod]
    public async Task ExplicitDescriptorTypeWithoutHelp_GBC2011AtNewAndType() =>
        await VerifyAnalyzerAsync(RuleSource.Make(help: "").Replace("Descriptor { get; } = new()", "Descriptor { get; } = {|#0:new RuleDescriptor|}"),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "help text (HelpText) nor help link (HelpUri)"));

    [TestMethod]
    public async Task HelpTextAndLink_NoDiagnostic() => await VerifyAnalyzerAsync(RuleSource.Make());
}
