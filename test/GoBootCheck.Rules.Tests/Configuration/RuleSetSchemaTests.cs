using System.Text;
using System.Text.Json.Nodes;
using GoBootCheck.Configuration;
using GoBootCheck.Engine;
using Json.Schema;

namespace GoBootCheck.Tests.Configuration;

/// <summary>
/// The schema that ships in the package is generated from the built-in rules' specs (and current), and agrees with
/// the rule set reader: what the reader accepts validates, each structural mistake the reader rejects does not.
/// </summary>
[TestClass]
public sealed class RuleSetSchemaTests
{
    private static IReadOnlyList<RuleSpec> BuiltIn => RuleSpecs.From(new GoBinaryVerifier().RuleDescriptors);

    private static string ShippedPath()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "GoBootCheck.sln"))) return Path.Combine(d.FullName, "schema", "gobootcheck.ruleset.schema.json");
        throw new AssertFailedException("GoBootCheck.sln not found above the test assembly");
    }

    // Loaded once: the library registers a schema by its $id and refuses to register it again.
    private static readonly Lazy<JsonSchema> s_shipped = new(() => JsonSchema.FromText(File.ReadAllText(ShippedPath())));

    private static JsonSchema Shipped => s_shipped.Value;

    private static bool Validates(string json) =>
        Shipped.Evaluate(System.Text.Json.JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;

    private static int ReaderProblems(string json)
    {
        var problems = new List<RuleSetProblem>();
        RuleSetReader.Read("/r.json", Encoding.UTF8.GetBytes(json), BuiltIn, problems);
        return problems.Count;
    }

    [TestMethod]
    public void ShippedSchema_IsTheGeneratedOne()
    {
        string generated = RuleSetSchema.Generate(BuiltIn);
        string path = ShippedPath();
        if (Environment.GetEnvironmentVariable("GOBOOTCHECK_UPDATE_GENERATED") == "1") File.WriteAllText(path, generated);
        Assert.AreEqual(generated, File.Exists(path) ? File.ReadAllText(path) : "",
            $"{path} is out of date: run this test with GOBOOTCHECK_UPDATE_GENERATED=1 and commit the file");
    }

    [TestMethod]
    public void ShippedSchema_DescribesTheStackGuardParameterOfTheStackGuardRules()
    {
        var schema = JsonNode.Parse(File.ReadAllText(ShippedPath()))!;
        foreach (string rule in new[] { "GBC0003", "GBC0005" })
        {
            var stackGuard = schema["properties"]!["rules"]!["properties"]![rule]!["properties"]!["parameters"]!["properties"]!["StackGuard"]!;
            Assert.AreEqual("integer", (string?)stackGuard["type"]);
            Assert.AreEqual(0, (int)stackGuard["minimum"]!);
            Assert.AreEqual(1 << 20, (int)stackGuard["maximum"]!);
        }
        Assert.IsEmpty(schema["properties"]!["rules"]!["properties"]!["GBC0004"]!["properties"]!["parameters"]!["properties"]!.AsObject());
    }

    [TestMethod]
    [DataRow("""{ "$schema": "x", "rules": { "GBC0003": { "enabled": true, "severity": "warning", "parameters": { "StackGuard": 928 } } } }""")]
    [DataRow("""{ "rules": { "ACME0001": { "parameters": { "Anything": 1 } } } }""")]
    [DataRow("""{ "suppressions": [ { "rule": "GBC0004", "binary": "**/hello", "function": "main.*", "justification": "reviewed" } ] }""")]
    [DataRow("""{ "suppressions": [ { "rule": "GBC0004", "justification": "every function, every binary" } ] }""")]
    public void ValidFile_ReaderAndSchemaBothAccept(string json)
    {
        var specs = json.Contains("ACME0001", StringComparison.Ordinal)
            ? [.. BuiltIn, new RuleSpec("ACME0001", "Pack", "A pack rule.", Diagnostics.Severity.Warning, [new RuleParameterSpec("Anything", ParameterKind.Integer, "x")])]
            : BuiltIn;
        var problems = new List<RuleSetProblem>();
        RuleSetReader.Read("/r.json", Encoding.UTF8.GetBytes(json), specs, problems);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.IsTrue(Validates(json));
    }

    [TestMethod]
    [DataRow("""{ "rulez": {} }""")]
    [DataRow("""{ "rules": { "GBC0003": { "severity": "fatal" } } }""")]
    [DataRow("""{ "rules": { "GBC0003": { "parameters": { "StackGuard": "928" } } } }""")]
    [DataRow("""{ "rules": { "GBC0003": { "parameters": { "StackGuard": 2000000 } } } }""")]
    [DataRow("""{ "rules": { "GBC0001": { "parameters": { "Depth": 3 } } } }""")]
    [DataRow("""{ "rules": { "GBC0001": { "enabled": "yes" } } }""")]
    [DataRow("""{ "rules": { "GBC0007": {} } }""")]
    [DataRow("""{ "rules": { "gbc0004": {} } }""")]
    [DataRow("""{ "suppressions": [ { "rule": "GBC0004" } ] }""")]
    [DataRow("""{ "suppressions": [ { "rule": "GBC0004", "justification": "  " } ] }""")]
    [DataRow("""{ "suppressions": [ { "justification": "no rule" } ] }""")]
    [DataRow("""{ "suppressions": [ { "rule": "GBC0004", "binary": "", "justification": "x" } ] }""")]
    [DataRow("""{ "suppressions": [ { "rule": "GBC0004", "justification": "x", "reason": "y" } ] }""")]
    public void Mistake_ReaderAndSchemaBothReject(string json)
    {
        Assert.AreEqual(1, ReaderProblems(json));
        Assert.IsFalse(Validates(json));
    }
}
