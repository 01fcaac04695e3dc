using GoBootCheck.Rules.Analyzers.Tests.Support;
using static GoBootCheck.Rules.Analyzers.Tests.Support.RuleVerifier;

namespace GoBootCheck.Rules.Analyzers.Tests.Analyzers;

[TestClass]
public sealed class DeterminismTests
{
    [TestMethod]
    [DataRow("System.IO.File.ReadAllText(\"/etc/os-release\")", "File.ReadAllText", "file system")]
    [DataRow("System.IO.Directory.Exists(\"/tmp\")", "Directory.Exists", "file system")]
    [DataRow("System.IO.Path.GetTempPath()", "Path.GetTempPath", "file system")]
    [DataRow("Environment.GetEnvironmentVariable(\"CI\")", "Environment.GetEnvironmentVariable", "environment")]
    [DataRow("Environment.ProcessorCount", "Environment.ProcessorCount", "environment")]
    [DataRow("DateTime.Now", "DateTime.Now", "clock")]
    [DataRow("DateTimeOffset.UtcNow", "DateTimeOffset.UtcNow", "clock")]
    [DataRow("System.Diagnostics.Stopwatch.GetTimestamp()", "Stopwatch.GetTimestamp", "clock")]
    [DataRow("new Random()", "new Random", "randomness")]
    [DataRow("Random.Shared", "Random.Shared", "randomness")]
    [DataRow("Guid.NewGuid()", "Guid.NewGuid", "randomness")]
    [DataRow("new System.Net.Http.HttpClient()", "new HttpClient", "network")]
    [DataRow("System.Net.Dns.GetHostName()", "Dns.GetHostName", "network")]
    [DataRow("System.Diagnostics.Process.Start(\"go\", \"version\")", "Process.Start", "processes")]
    [DataRow("Console.ReadLine()", "Console.ReadLine", "console")]
    public async Task NonDeterministicApiInEvaluate_GBC2008(string expression, string member, string category)
    {
        // An invocation's diagnostic covers the member access, not the arguments.
        int call = expression.IndexOf('(');
        string marked = expression.StartsWith("new ", StringComparison.Ordinal) || call < 0
            ? "{|#0:" + expression + "|}"
            : "{|#0:" + expression[..call] + "|}" + expression[call..];
        await VerifyAnalyzerAsync(RuleSource.Make(evaluate: $"object seen = {marked};\n        return Verdict.Pass(seen.ToString()!);"),
            Diagnostic(Descriptors.NonDeterministicApi).WithLocation(0).WithArguments(member, category));
    }

    [TestMethod]
    public async Task NonDeterministicApiInHelperOfTheRule_GBC2008() =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: "    private static string Host() => {|#0:Environment.MachineName|};\n",
                evaluate: "return Verdict.Pass(Host());"),
            Diagnostic(Descriptors.NonDeterministicApi).WithLocation(0).WithArguments("Environment.MachineName", "environment"));

    [TestMethod]
    public async Task DeterministicApis_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(evaluate: """
            var seen = new HashSet<string>();
                    foreach (var function in context.Go.Functions)
                    {
                        context.Cancellation.ThrowIfCancellationRequested();
                        seen.Add(System.IO.Path.GetFileName(function.Name) + Environment.NewLine + DateTime.UnixEpoch.Year);
                    }
                    return Verdict.Pass(string.Join(",", seen));
            """));

    [TestMethod]
    public async Task NonDeterministicApiOutsideRules_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make() + "public static class Tooling { public static string Now() => DateTime.Now.ToString(); }\n");

    [TestMethod]
    [DataRow("private static int {|#0:s_count|};", "s_count")]
    [DataRow("private static readonly Dictionary<string, int> {|#0:Cache|} = new();", "Cache")]
    [DataRow("public static int {|#0:Seen|} { get; set; }", "Seen")]
    public async Task MutableStaticState_GBC2009(string member, string name) =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: "    " + member + "\n"),
            Diagnostic(Descriptors.MutableStaticState).WithLocation(0).WithArguments(name, "SoundFunctions"));

    [TestMethod]
    public async Task ImmutableStatics_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: """
                private const int Limit = 4;
                private static readonly string[] Names = ["runtime.main"];
                private static readonly IReadOnlyList<string> More = ["runtime.rt0_go"];
                private static string Text => "x";

            """));

    [TestMethod]
    [DataRow("{|#0:_calls|}++;")]
    [DataRow("{|#0:_calls|} += 1;")]
    [DataRow("{|#0:this._calls|} = 2;")]
    [DataRow("System.Threading.Interlocked.Increment(ref {|#0:_calls|});")]
    public async Task InstanceFieldWrittenInEvaluate_GBC2010(string statement) =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: "    private int _calls;\n", evaluate: statement + "\n        return Verdict.Pass(_calls.ToString());"),
            Diagnostic(Descriptors.InstanceFieldWrite).WithLocation(0).WithArguments("Evaluate", "_calls"));

    [TestMethod]
    public async Task AutoPropertyWrittenInEvaluate_GBC2010() =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: "    public string? Last { get; private set; }\n",
                evaluate: "{|#0:Last|} = context.Go.PclntabLayout;\n        return Verdict.Pass(\"x\");"),
            Diagnostic(Descriptors.InstanceFieldWrite).WithLocation(0).WithArguments("Evaluate", "Last"));

    [TestMethod]
    public async Task InstanceFieldsSetInConstructorAndLocalsInEvaluate_NoDiagnostic() =>
        await VerifyAnalyzerAsync(RuleSource.Make(members: "    private readonly int _limit;\n    private int _mode;\n    public SoundFunctions() { _limit = 4; _mode = 1; }\n",
            evaluate: "int count = _limit + _mode;\n        count++;\n        return Verdict.Pass(count.ToString());"));
}
