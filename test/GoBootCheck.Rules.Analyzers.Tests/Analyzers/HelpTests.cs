using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class HelpTests
{
    private const string NoHelp = "help text (HelpText) nor help link (HelpUri)";
    private const string Stub = "a stub for its help link; point HelpUri at the rule's documentation";

    private static string MarkNew(string rule) => rule.Replace("Descriptor { get; } = new()", "Descriptor { get; } = {|#0:new()|}");

    [TestMethod]
    public async Task NoHelpAtAll_GBC2011() =>
        await VerifyAnalyzerAsync(MarkNew(RuleSource.Make(help: "")),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "no " + NoHelp));

    [TestMethod]
    public async Task EmptyHelpTextAndNullLink_GBC2011() =>
        await VerifyAnalyzerAsync(MarkNew(RuleSource.Make(help: "        HelpText = \"\",\n        HelpUri = null,\n")),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "no " + NoHelp));

    [TestMethod]
    public async Task ExplicitDescriptorTypeWithoutHelp_GBC2011AtNewAndType() =>
        await VerifyAnalyzerAsync(RuleSource.Make(help: "").Replace("Descriptor { get; } = new()", "Descriptor { get; } = {|#0:new RuleDescriptor|}"),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", "no " + NoHelp));

    [TestMethod]
    public async Task HelpLinkStubLeftInPlace_GBC2011() =>
        await VerifyAnalyzerAsync(MarkNew(RuleSource.Make(help: "        HelpText = \"Why.\",\n        HelpUri = new Uri(\"https://example.com/rules/ACME0001\"),\n")),
            Diagnostic(Descriptors.MissingHelp).WithLocation(0).WithArguments("ACME0001", Stub));

    [TestMethod]
    public async Task HelpTextAndLink_NoDiagnostic() => await VerifyAnalyzerAsync(RuleSource.Make());

    [TestMethod]
    public async Task HelpTextOnly_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(help: "        HelpText = \"Why the rule exists.\",\n"));

    [TestMethod]
    public async Task HelpLinkOnly_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(help: "        HelpUri = new Uri(\"https://acme.example/rules/ACME0001\"),\n"));
}
