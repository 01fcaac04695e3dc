using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

/// <summary>What the loader or RuleParameter's constructor would refuse at run time, reported at compile time.</summary>
[TestClass]
public sealed class LoaderRefusalTests
{
    [TestMethod]
    [DataRow("soundFunctions")]
    [DataRow("Sound-Functions")]
    [DataRow("Sound Functions")]
    [DataRow("")]
    public async Task NameNotPascalCase_GBC2014(string name) =>
        await VerifyAnalyzerAsync(RuleSource.Make().Replace("Name = \"SoundFunctions\",", "Name = {|#0:\"" + name + "\"|},"),
            Diagnostic(Descriptors.RuleNameMalformed).WithLocation(0).WithArguments(name));

    [TestMethod]
    public async Task NameFromNameof_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make().Replace("Name = \"SoundFunctions\",", "Name = nameof(SoundFunctions),"));

    [TestMethod]
    [DataRow("Function {0 is not sound")]
    [DataRow("Function {x} is not sound")]
    [DataRow("Function {32} is not sound")]
    [DataRow("Function } is not sound")]
    public async Task MessageFormatInvalid_GBC2015(string format) =>
        await VerifyAnalyzerAsync(RuleSource.Make().Replace("MessageFormat = \"Function {0} is not sound\",", "MessageFormat = {|#0:\"" + format + "\"|},"),
            Diagnostic(Descriptors.MessageFormatInvalid).WithLocation(0).WithMessage(null));

    [TestMethod]
    [DataRow("Function {0:x} at {1,8} is {{not}} sound")]
    [DataRow("Function {31} is not sound")]
    [DataRow("No placeholder at all")]
    public async Task MessageFormatValid_NoDiagnostic(string format) =>
        await VerifyAnalyzerAsync(RuleSource.Make().Replace("MessageFormat = \"Function {0} is not sound\",", "MessageFormat = \"" + format + "\","));

    private static string WithParameter(string declaration) =>
        RuleSource.Make(members: "    public static readonly " + declaration + "\n", descriptor: "        Parameters = [P],\n");

    [TestMethod]
    [DataRow("1st")]
    [DataRow("max depth")]
    [DataRow("max.depth")]
    [DataRow("")]
    public async Task ParameterNameMalformed_GBC2016(string name) =>
        await VerifyAnalyzerAsync(WithParameter($"RuleParameter<int> P = new({{|#0:\"{name}\"|}}, 1, \"d\");"),
            Diagnostic(Descriptors.ParameterInvalid).WithLocation(0).WithArguments(name, "a name is a letter, then letters, digits, '-' or '_'"));

    [TestMethod]
    public async Task ParameterOfUnsupportedType_GBC2016() =>
        await VerifyAnalyzerAsync(WithParameter("RuleParameter<double> P = {|#0:new(\"ratio\", 0.5, \"d\")|};"),
            Diagnostic(Descriptors.ParameterInvalid).WithLocation(0).WithArguments("ratio", "double is not a parameter type (long, int, bool, string or an enum)"));

    [TestMethod]
    public async Task RangeOnABoolParameter_GBC2016() =>
        await VerifyAnalyzerAsync(WithParameter("RuleParameter<bool> P = new(\"strict\", false, \"d\") { {|#0:Maximum = true|} };"),
            Diagnostic(Descriptors.ParameterInvalid).WithLocation(0).WithArguments("strict", "only long and int parameters have a Maximum; this one is bool"));

    [TestMethod]
    [DataRow("RuleParameter<int> P = new(\"max-depth\", 1, \"d\") { Minimum = 0, Maximum = 9 };")]
    [DataRow("RuleParameter<long> P = new(\"Limit_2\", 1L, \"d\");")]
    [DataRow("RuleParameter<string> P = new(\"prefix\", \"go\", \"d\");")]
    [DataRow("RuleParameter<DayOfWeek> P = new(\"day\", DayOfWeek.Monday, \"d\");")]
    public async Task ValidParameters_NoDiagnostic(string declaration) => await VerifyAnalyzerAsync(WithParameter(declaration));
}
