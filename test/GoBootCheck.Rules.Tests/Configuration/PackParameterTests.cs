using System.Text;
using GoBootCheck.Configuration;

namespace GoBootCheck.Tests.Configuration;

/// <summary>
/// A rule pack's parameters, declared with the Sdk's typed RuleParameter&lt;T&gt;, are validated by the rule set reader
/// against the descriptor and come out typed as the rule reads them (long, bool, the enum itself).
/// </summary>
[TestClass]
public sealed class PackParameterTests
{
    public enum Strictness { Lenient, Strict }

    private static readonly Sdk.RuleParameter<Strictness> Mode = new("Mode", Strictness.Lenient, "How strict.");
    private static readonly Sdk.RuleParameter<bool> ExportedOnly = new("ExportedOnly", false, "Only exported functions.");
    private static readonly Sdk.RuleParameter<long> MaxFrame = new("MaxFrame", 4096, "Largest frame, in bytes.") { Minimum = 0, Maximum = 65536 };

    private static readonly Sdk.RuleDescriptor Pack = new()
    {
        Id = "ACME0001", Name = "NoBigFrames", Title = "No big frames.", MessageFormat = "{0}", DefaultSeverity = Sdk.Severity.Warning,
        Parameters = [Mode, ExportedOnly, MaxFrame],
    };

    private static (RuleSet RuleSet, List<RuleSetProblem> Problems) Read(string json)
    {
        var problems = new List<RuleSetProblem>();
        var ruleSet = RuleSetReader.Read("/r.json", Encoding.UTF8.GetBytes(json), RuleSpecs.From([Pack]), problems);
        return (ruleSet, problems);
    }

    [TestMethod]
    public void ValidValues_TypedAsTheDescriptorDeclares()
    {
        var (ruleSet, problems) = Read("""{ "rules": { "ACME0001": { "parameters": { "Mode": "Strict", "ExportedOnly": true, "MaxFrame": 8192 } } } }""");

        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.AreEqual(Strictness.Strict, ruleSet.Parameter("ACME0001", "Mode"));
        Assert.AreEqual(true, ruleSet.Parameter("ACME0001", "ExportedOnly"));
        Assert.AreEqual(8192L, ruleSet.Parameter("ACME0001", "MaxFrame"));
    }

    [TestMethod]
    public void WrongKindOrRange_EachGbc1103AtItsValue()
    {
        var (_, problems) = Read("""
            { "rules": { "ACME0001": { "parameters": {
                "Mode": "Paranoid",
                "ExportedOnly": "true",
                "MaxFrame": 70000
            } } } }
            """);

        CollectionAssert.AreEqual(new[] { "2:13 GBC1103", "3:21 GBC1103", "4:17 GBC1103" }, problems.Select(p => $"{p.Line}:{p.Column} {p.Id}").ToArray(),
            string.Join("\n", problems));
        StringAssert.Contains(problems[0].Message, "expected one of \"Lenient\", \"Strict\"");
        StringAssert.Contains(problems[2].Message, "from 0 to 65536");
    }

    [TestMethod]
    public void Schema_DescribesPackParametersWithTheirTypes()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(RuleSetSchema.Generate(RuleSpecs.From([Pack])))!;
        var parameters = schema["properties"]!["rules"]!["properties"]!["ACME0001"]!["properties"]!["parameters"]!["properties"]!;

        Assert.AreEqual("string", (string?)parameters["Mode"]!["type"]);
        CollectionAssert.AreEqual(new[] { "Lenient", "Strict" }, parameters["Mode"]!["enum"]!.AsArray().Select(v => (string?)v).ToArray());
        Assert.AreEqual("boolean", (string?)parameters["ExportedOnly"]!["type"]);
        Assert.AreEqual(65536, (int)parameters["MaxFrame"]!["maximum"]!);
        Assert.AreEqual(4096, (int)parameters["MaxFrame"]!["default"]!);
    }
}
