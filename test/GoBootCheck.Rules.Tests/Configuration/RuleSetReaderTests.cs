using System.Text;
using GoBootCheck.Configuration;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;

namespace GoBootCheck.Tests.Configuration;

[TestClass]
public sealed class RuleSetReaderTests
{
    private const string File = "/repo/gobootcheck.ruleset.json";

    private static IReadOnlyList<RuleSpec> BuiltIn => RuleSpecs.From(new GoBinaryVerifier().RuleDescriptors);

    private static (RuleSet RuleSet, List<RuleSetProblem> Problems) Read(string json, IReadOnlyList<RuleSpec>? rules = null)
    {
        var problems = new List<RuleSetProblem>();
        var ruleSet = RuleSetReader.Read(File, Encoding.UTF8.GetBytes(json), rules ?? BuiltIn, problems);
        return (ruleSet, problems);
    }

    private static string[] Placed(IEnumerable<RuleSetProblem> problems) => [.. problems.Select(p => $"{p.Line}:{p.Column} {p.Id}")];

    [TestMethod]
    public void Read_ValidFile_HasEverySettingTypedAndNoProblem()
    {
        var (ruleSet, problems) = Read("""
            {
              // Comments and trailing commas are allowed, as in other .NET configuration files.
              "$schema": "../schema/gobootcheck.ruleset.schema.json",
              "rules": {
                "GBC0003": { "severity": "warning", "parameters": { "StackGuard": 928 } },
                "GBC0005": { "enabled": false },
              },
              "suppressions": [
                { "rule": "GBC0004", "binary": "**/hello", "function": "main.*", "justification": "hand-written assembly, reviewed" }
              ]
            }
            """);

        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.AreEqual(Severity.Warning, ruleSet.Rules["GBC0003"].Severity);
        Assert.AreEqual(928, ruleSet.Parameter("GBC0003", "StackGuard"), "typed as the descriptor declares it (int)");
        Assert.IsTrue(ruleSet.Rules["GBC0003"].Enabled);
        Assert.IsFalse(ruleSet.IsEnabled("GBC0005"));
        Assert.IsTrue(ruleSet.IsEnabled("GBC0001"));
        var suppression = ruleSet.Suppressions.Single();
        Assert.AreEqual("GBC0004", suppression.RuleId);
        Assert.AreEqual("**/hello", suppression.Binary!.Pattern);
        Assert.AreEqual("main.*", suppression.Function!.Pattern);
        Assert.AreEqual("hand-written assembly, reviewed", suppression.Justification);
        Assert.AreEqual(9, suppression.Line);
    }

    [TestMethod]
    public void Read_EveryKindOfMistake_EachItsErrorAtItsLineAndColumn()
    {
        var (ruleSet, problems) = Read("""
            {
              "rulez": {},
              "rules": {
                "GBC0003": { "severity": "fatal", "parameters": { "StackGuard": "928" } },
                "GBC0001": { "enabled": "yes", "parameters": { "Depth": 3 } },
                "GBC0005": { "parameters": { "StackGuard": 2000000 }, "level": "error" },
                "gbc0004": {},
                "GBC9999": { "enabled": false }
              },
              "suppressions": [
                { "rule": "GBC0004", "function": "main.spin" },
                { "rule": "GBC0004", "function": "main.spin", "justification": "   " },
                { "binary": "hello", "justification": "no rule" },
                { "rule": "GBC0002", "binary": "", "justification": "empty glob" },
                { "rule": "GBC0002", "justification": "twice", "justification": "twice" },
                "GBC0004"
              ]
            }
            """);

        CollectionAssert.AreEqual(new[]
        {
            "2:3 GBC1102",   // unknown top-level key
            "4:30 GBC1103",  // severity "fatal"
            "4:69 GBC1103",  // StackGuard given as a string
            "5:29 GBC1103",  // enabled "yes"
            "5:52 GBC1108",  // GBC0001 has no parameter Depth
            "6:48 GBC1103",  // StackGuard above its maximum
            "6:59 GBC1102",  // unknown key in a rule
            "7:5 GBC1104",   // rule id in the wrong case
            "8:5 GBC1104",   // no such rule
            "11:5 GBC1105",  // no justification
            "12:68 GBC1105", // blank justification
            "13:5 GBC1106",  // no rule
            "14:36 GBC1103", // empty binary glob
            "15:52 GBC1107", // duplicate key
            "16:5 GBC1103",  // a string where a suppression object belongs
        }, Placed(problems), string.Join("\n", problems));
        Assert.IsTrue(problems.All(p => p.File == File && p.Severity == Severity.Error));
        StringAssert.Contains(problems.Single(p => p.Line == 7).Message, "did you mean \"GBC0004\"?");
        StringAssert.Contains(problems.Single(p => p.Line == 6 && p.Id == "GBC1103").Message, "from 0 to 1048576");
        // What was valid still counts: GBC0003 and GBC0005 keep their (empty) settings, the twice-justified suppression stays.
        CollectionAssert.AreEquivalent(new[] { "GBC0001", "GBC0003", "GBC0005" }, ruleSet.Rules.Keys.ToArray());
        Assert.AreEqual("GBC0002", ruleSet.Suppressions.Single().RuleId);
    }

    [TestMethod]
    public void Read_InvalidJson_OneSyntaxErrorAtItsLine()
    {
        var (ruleSet, problems) = Read("""
            {
              "rules": {
                "GBC0003": { "severity": "warning" }
                "GBC0005": { "enabled": false }
              }
            }
            """);

        Assert.AreEqual("4:5 GBC1101", Placed(problems).Single());
        Assert.IsEmpty(ruleSet.Rules);
    }

    [TestMethod]
    public void Read_TopLevelNotAnObject_IsABadValue()
    {
        var (_, problems) = Read("\n  [1, 2]");

        Assert.AreEqual("2:3 GBC1103", Placed(problems).Single());
    }

    [TestMethod]
    public void Read_PackRuleWithEnumAndBoolParameters_ValidatedAgainstItsDescriptor()
    {
        RuleSpec pack = new("ACME0001", "NoPanics", "No panics.", Severity.Warning,
        [
            new RuleParameterSpec("Mode", ParameterKind.Enum, "How strict.", "Lenient", Values: ["Lenient", "Strict"]),
            new RuleParameterSpec("Exported", ParameterKind.Boolean, "Only exported functions.", false),
        ]);
        var (ruleSet, problems) = Read("""
            { "rules": {
                "ACME0001": { "parameters": { "Mode": "Strict", "Exported": true } },
                "GBC0003": { "parameters": { "Mode": "Paranoid" } }
            } }
            """, [.. BuiltIn, pack]);

        Assert.AreEqual("3:34 GBC1108", Placed(problems).Single());
        Assert.AreEqual("Strict", ruleSet.Parameter("ACME0001", "Mode"));
        Assert.AreEqual(true, ruleSet.Parameter("ACME0001", "Exported"));

        var (_, bad) = Read("""{ "rules": { "ACME0001": { "parameters": { "Mode": "Paranoid", "Exported": 1 } } } }""", [pack]);
        CollectionAssert.AreEqual(new[] { "1:52 GBC1103", "1:76 GBC1103" }, Placed(bad));
        StringAssert.Contains(bad[0].Message, "expected one of \"Lenient\", \"Strict\"");
    }

    [TestMethod]
    public void Read_Utf8ByteOrderMarkAndNonAsciiText_ColumnsCountCharacters()
    {
        // "ü" is two UTF-8 bytes: counted in bytes the column would be 74.
        var (_, problems) = Read("\uFEFF{ \"suppressions\": [ { \"rule\": \"GBC0004\", \"justification\": \"überprüft\", \"x\": 1 } ] }");

        Assert.AreEqual("1:72 GBC1102", Placed(problems).Single());
    }
}
