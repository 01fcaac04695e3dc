using System.Text.Json;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Reporting;

/// <summary>The SARIF sink over hand-made reports; every log is validated against the SARIF 2.1.0 schema.</summary>
[TestClass]
public sealed class SarifWriterTests
{
    private const string Base = "/work/project";
    private const string Repository = "https://example.org/fork/GoBootCheck";

    private static JsonElement WriteRun(params BinaryReport[] reports) => Write(new SarifRun
    {
        Reports = reports,
        Rules = ReportSamples.Rules,
        ToolVersion = typeof(SarifWriter).Assembly.GetName().Version!.ToString(3),
        RepositoryRoot = Base,
        RepositoryUrl = Repository,
        GoModules = new Dictionary<string, string> { ["example.com/hello"] = $"{Base}/go/hello" },
        Artifacts = new Dictionary<string, ArtifactFacts> { [$"{Base}/bin/hello"] = new(1234, new string('a', 64)) },
    });

    private static JsonElement Write(SarifRun run)
    {
        using var stream = new MemoryStream();
        SarifWriter.Write(stream, run);
        return SarifSchema.Parse(stream.ToArray());
    }

    private static JsonElement Run(JsonElement log) => log.GetProperty("runs")[0];

    private static List<JsonElement> Results(JsonElement log) => [.. Run(log).GetProperty("results").EnumerateArray()];

    private static JsonElement Invocation(JsonElement log) => Run(log).GetProperty("invocations")[0];

    private static string Fingerprint(JsonElement result) => result.GetProperty("partialFingerprints").GetProperty(SarifFingerprint.Key).GetString()!;

    [TestMethod]
    public void Write_Log_IsSarif210WithRepositoryRootAsSrcRoot()
    {
        var log = WriteRun(ReportSamples.Failing($"{Base}/bin/hello"));

        Assert.AreEqual("2.1.0", log.GetProperty("version").GetString());
        Assert.AreEqual("https://json.schemastore.org/sarif-2.1.0.json", log.GetProperty("$schema").GetString());
        Assert.AreEqual(1, log.GetProperty("runs").GetArrayLength());
        Assert.AreEqual($"file://{Base}/", Run(log).GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
    }

    [TestMethod]
    public void Write_Driver_RulesHaveDescriptionsHelpAndAbsoluteHelpUriFromTheRepositoryUrl()
    {
        var driver = Run(WriteRun(ReportSamples.Failing($"{Base}/bin/hello"))).GetProperty("tool").GetProperty("driver");

        Assert.AreEqual("GoBootCheck", driver.GetProperty("name").GetString());
        Assert.AreEqual(Repository, driver.GetProperty("informationUri").GetString());
        CollectionAssert.AreEqual(new[] { "GBC0001", "GBC0004", "GBC0003" },
            driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList());
        var first = driver.GetProperty("rules")[0];
        Assert.AreEqual("EntryReachesRt0Go", first.GetProperty("name").GetString());
        Assert.AreEqual("The entry point reaches runtime.rt0_go.", first.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.AreEqual("Full description of GBC0001.", first.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.AreEqual("error", first.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.AreEqual($"{Repository}/blob/main/docs/rules/GBC0001.md", first.GetProperty("helpUri").GetString());
        Assert.StartsWith("Full description of GBC0001.", first.GetProperty("help").GetProperty("text").GetString());
        Assert.Contains($"]({Repository}/blob/main/docs/rules/GBC0001.md)", first.GetProperty("help").GetProperty("markdown").GetString()!);
        // A rule without a HelpUri of its own links to its page by id.
        Assert.AreEqual($"{Repository}/blob/main/docs/rules/GBC0004.md", driver.GetProperty("rules")[1].GetProperty("helpUri").GetString());

        var notifications = driver.GetProperty("notifications").EnumerateArray().ToList();
        CollectionAssert.AreEqual(ToolDiagnosticDescriptors.All.Select(d => d.Id).ToList(), notifications.Select(n => n.GetProperty("id").GetString()).ToList());
        Assert.AreEqual($"{Repository}/blob/main/docs/troubleshooting.md#gbc1004",
            notifications.Single(n => n.GetProperty("id").GetString() == DiagnosticIds.UnsupportedTarget).GetProperty("helpUri").GetString());
    }

    [TestMethod]
    public void Write_Artifacts_RelativeToSrcRootInsideTheRepositoryAbsoluteOutside()
    {
        var log = WriteRun(ReportSamples.Failing($"{Base}/bin/hello"), ReportSamples.NotElf($"{Base}/notes.txt"), ReportSamples.Arm64("/elsewhere/arm64 bin"));

        var artifacts = Run(log).GetProperty("artifacts").EnumerateArray().ToList();
        Assert.HasCount(3, artifacts);
        Assert.AreEqual("bin/hello", artifacts[0].GetProperty("location").GetProperty("uri").GetString());
        Assert.AreEqual("%SRCROOT%", artifacts[0].GetProperty("location").GetProperty("uriBaseId").GetString());
        Assert.AreEqual(1234, artifacts[0].GetProperty("length").GetInt64());
        Assert.AreEqual(new string('a', 64), artifacts[0].GetProperty("hashes").GetProperty("sha-256").GetString());
        Assert.AreEqual("go1.22.12", artifacts[0].GetProperty("properties").GetProperty("goVersion").GetString());
        Assert.AreEqual("notes.txt", artifacts[1].GetProperty("location").GetProperty("uri").GetString());
        Assert.IsFalse(artifacts[1].TryGetProperty("hashes", out _));
        Assert.AreEqual("file:///elsewhere/arm64%20bin", artifacts[2].GetProperty("location").GetProperty("uri").GetString());
        Assert.IsFalse(artifacts[2].GetProperty("location").TryGetProperty("uriBaseId", out _));
    }

    [TestMethod]
    public void Write_FindingWithSourceInTheRepository_FirstLocationIsTheSourceLineAndTheBinaryIsRelated()
    {
        var log = WriteRun(ReportSamples.WithFindings($"{Base}/bin/hello", ReportSamples.PrologueFinding("main.work", $"{Base}/go/hello/main.go", 12, 0x4812a0)));

        var result = Results(log).Single();
        Assert.AreEqual("GBC0004", result.GetProperty("ruleId").GetString());
        Assert.AreEqual(1, result.GetProperty("ruleIndex").GetInt32());
        Assert.AreEqual("error", result.GetProperty("level").GetString());
        Assert.AreEqual("main.work compares SP with g.stackguard1 instead of g.stackguard0", result.GetProperty("message").GetProperty("text").GetString());
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("go/hello/main.go", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.AreEqual(12, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        var logical = result.GetProperty("locations")[0].GetProperty("logicalLocations")[0];
        Assert.AreEqual("work", logical.GetProperty("name").GetString());
        Assert.AreEqual("main.work", logical.GetProperty("fullyQualifiedName").GetString());
        Assert.AreEqual("function", logical.GetProperty("kind").GetString());

        var related = result.GetProperty("relatedLocations")[0];
        Assert.AreEqual("bin/hello", related.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual(0, related.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("index").GetInt32());
        Assert.AreEqual(0x812a0, related.GetProperty("physicalLocation").GetProperty("region").GetProperty("byteOffset").GetInt64());
        Assert.AreEqual(0x4812a0, related.GetProperty("physicalLocation").GetProperty("address").GetProperty("absoluteAddress").GetInt64());
        Assert.AreEqual("hello at 0x4812a0 (file offset 0x812a0)", related.GetProperty("message").GetProperty("text").GetString());
    }

    [TestMethod]
    public void Write_TrimpathSourceOfARepositoryModule_MapsThroughTheModuleDirectory()
    {
        var log = WriteRun(ReportSamples.WithFindings($"{Base}/bin/hello", ReportSamples.PrologueFinding("main.work", "example.com/hello/cmd/main.go", 7, 0x4812a0)));

        var physical = Results(log).Single().GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("go/hello/cmd/main.go", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual(7, physical.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [TestMethod]
    [DataRow("/src/hello/main.go", DisplayName = "absolute path of another machine")]
    [DataRow("runtime/asm_amd64.s", DisplayName = "standard library under -trimpath")]
    [DataRow("example.com/other@v1.2.3/x.go", DisplayName = "another module")]
    public void Write_SourceOutsideTheRepository_FirstLocationIsTheBinaryWithAByteOffset(string sourceFile)
    {
        var log = WriteRun(ReportSamples.WithFindings($"{Base}/bin/hello", ReportSamples.PrologueFinding("main.work", sourceFile, 12, 0x4812a0)));

        var result = Results(log).Single();
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("bin/hello", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual(0x812a0, physical.GetProperty("region").GetProperty("byteOffset").GetInt64());
        Assert.AreEqual(0x4812a0, physical.GetProperty("address").GetProperty("absoluteAddress").GetInt64());
        Assert.AreEqual("main.work", physical.GetProperty("address").GetProperty("fullyQualifiedName").GetString());
        Assert.AreEqual(sourceFile, result.GetProperty("properties").GetProperty("sourceFile").GetString());
        Assert.AreEqual("0x4812a0", result.GetProperty("properties").GetProperty("address").GetString());
    }

    [TestMethod]
    public void Write_Fingerprints_DependOnRuleBinaryNameFunctionAndOccurrenceOnly()
    {
        var here = WriteRun(ReportSamples.WithFindings($"{Base}/bin/hello",
            ReportSamples.PrologueFinding("main.work", $"{Base}/go/hello/main.go", 12, 0x4812a0),
            ReportSamples.PrologueFinding("main.work", $"{Base}/go/hello/main.go", 12, 0x4812c0),
            ReportSamples.PrologueFinding("main.other", $"{Base}/go/hello/main.go", 30, 0x481300)));
        // Another machine: another directory, addresses and lines moved, absolute paths.
        var there = Write(new SarifRun
        {
            Reports = [ReportSamples.WithFindings("/ci/build/out/hello",
                ReportSamples.PrologueFinding("main.work", "/ci/build/go/hello/main.go", 14, 0x4913a0),
                ReportSamples.PrologueFinding("main.work", "/ci/build/go/hello/main.go", 14, 0x4913c8),
                ReportSamples.PrologueFinding("main.other", "/ci/build/go/hello/main.go", 33, 0x491400))],
            Rules = ReportSamples.Rules,
            ToolVersion = "1.0.0",
            RepositoryRoot = "/ci/build",
        });

        var a = Results(here).Select(Fingerprint).ToList();
        CollectionAssert.AreEqual(a, Results(there).Select(Fingerprint).ToList());
        Assert.HasCount(3, a.Distinct().ToList());
        Assert.AreEqual(SarifFingerprint.Compute("GBC0004", "hello", "main.work", "1"), a[0]);
        Assert.AreEqual(SarifFingerprint.Compute("GBC0004", "hello", "main.work", "2"), a[1]);
        Assert.AreEqual($"{a[0][..16]}:1", Results(here)[0].GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString());
    }

    [TestMethod]
    public void Write_FindingWithADiscriminator_FingerprintUsesIt()
    {
        var finding = ReportSamples.PrologueFinding("main.work", null, null, 0x4812a0) with { Discriminator = "stackguard-slot" };

        var result = Results(WriteRun(ReportSamples.WithFindings($"{Base}/bin/hello", finding))).Single();

        Assert.AreEqual(SarifFingerprint.Compute("GBC0004", "hello", "main.work", "stackguard-slot"), Fingerprint(result));
        Assert.AreEqual("stackguard-slot", result.GetProperty("properties").GetProperty("discriminator").GetString());
    }

    [TestMethod]
    public void Write_PassNotApplicableAndNotVerified_AreInvocationPropertiesNotResults()
    {
        var report = ReportSamples.Failing($"{Base}/bin/hello") with
        {
            Results =
            [
                RuleResult.Pass(ReportSamples.EntryRule, "the entry reaches runtime.rt0_go"),
                RuleResult.NotVerified(ReportSamples.PrologueRule, "3 function entries did not decode"),
                RuleResult.NotApplicable(ReportSamples.CgoRule, "the binary does not link runtime/cgo"),
            ],
        };

        var log = WriteRun(report);

        Assert.IsEmpty(Results(log));
        var statuses = Invocation(log).GetProperty("properties").GetProperty("ruleStatuses")[0];
        Assert.AreEqual(0, statuses.GetProperty("artifactIndex").GetInt32());
        Assert.AreEqual("hello", statuses.GetProperty("binary").GetString());
        CollectionAssert.AreEqual(new[] { ("GBC0001", "pass"), ("GBC0004", "notVerified"), ("GBC0003", "notApplicable") },
            statuses.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("ruleId").GetString(), r.GetProperty("status").GetString())).ToList());
        Assert.AreEqual("the binary does not link runtime/cgo", statuses.GetProperty("rules")[2].GetProperty("reason").GetString());
    }

    [TestMethod]
    public void Write_ToolDiagnostics_AreNotificationsAtTheBinaryWithoutRegionNotResults()
    {
        var log = WriteRun(ReportSamples.NotElf($"{Base}/notes.txt"), ReportSamples.Arm64($"{Base}/arm64"));

        Assert.IsEmpty(Results(log));
        var invocation = Invocation(log);
        Assert.IsTrue(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notifications = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { ("GBC1002", "error"), ("GBC1004", "warning") },
            notifications.Select(n => (n.GetProperty("descriptor").GetProperty("id").GetString(), n.GetProperty("level").GetString())).ToList());
        Assert.AreEqual("not an ELF file (first bytes 48656C6C)", notifications[0].GetProperty("message").GetProperty("text").GetString());
        var physical = notifications[1].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("arm64", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual(1, physical.GetProperty("artifactLocation").GetProperty("index").GetInt32());
        Assert.IsFalse(physical.TryGetProperty("region", out _));
        var descriptors = Run(log).GetProperty("tool").GetProperty("driver").GetProperty("notifications");
        Assert.AreEqual("GBC1004", descriptors[notifications[1].GetProperty("descriptor").GetProperty("index").GetInt32()].GetProperty("id").GetString());
    }

    [TestMethod]
    public void Write_SuppressedFinding_CarriesAnExternalSuppressionWithTheJustification()
    {
        var finding = ReportSamples.PrologueFinding("main.work", null, null, 0x4812a0) with
        {
            Suppression = new FindingSuppression("the rewriter's trampoline checks the stack itself"),
        };

        var result = Results(WriteRun(ReportSamples.WithFindings($"{Base}/bin/hello", finding))).Single();

        var suppression = result.GetProperty("suppressions").EnumerateArray().Single();
        Assert.AreEqual("external", suppression.GetProperty("kind").GetString());
        Assert.AreEqual("the rewriter's trampoline checks the stack itself", suppression.GetProperty("justification").GetString());
    }

    [TestMethod]
    public void Write_InternalError_MarksInvocationUnsuccessful()
    {
        var report = new BinaryReport($"{Base}/bin/hello", null, [ToolDiagnostic.Broken(DiagnosticIds.InternalError, "boom")], [], TimeSpan.Zero);

        Assert.IsFalse(Invocation(WriteRun(report)).GetProperty("executionSuccessful").GetBoolean());
    }

    [TestMethod]
    public void Write_CancelledRun_IsUnsuccessfulWithANotification()
    {
        var log = Write(new SarifRun { Reports = [], Rules = ReportSamples.Rules, ToolVersion = "1.0.0", Cancelled = true });

        var invocation = Invocation(log);
        Assert.IsFalse(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.AreEqual("verification was cancelled after 0 binaries; the rest were not verified",
            invocation.GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString());
    }

    [TestMethod]
    public void Write_ConfigurationProblem_IsAToolConfigurationNotification()
    {
        var problem = new ToolDiagnostic(DiagnosticIds.InvalidConfiguration, Severity.Error, DiagnosticKind.Broken, "GoBootCheckInstructionBudget is 'lots'");

        var log = Write(new SarifRun { Reports = [], Rules = ReportSamples.Rules, ToolVersion = "1.0.0", ConfigurationDiagnostics = [problem] });

        var notification = Invocation(log).GetProperty("toolConfigurationNotifications").EnumerateArray().Single();
        Assert.AreEqual("GBC1013", notification.GetProperty("descriptor").GetProperty("id").GetString());
        Assert.AreEqual("GoBootCheckInstructionBudget is 'lots'", notification.GetProperty("message").GetProperty("text").GetString());
    }

    [TestMethod]
    public void Write_NoBinaries_WritesEmptyArtifactsAndResults()
    {
        var log = WriteRun();

        Assert.AreEqual(0, Run(log).GetProperty("artifacts").GetArrayLength());
        Assert.AreEqual(0, Run(log).GetProperty("results").GetArrayLength());
    }

    [TestMethod]
    public void Schema_LogWithAnInvalidLevel_IsRejected()
    {
        using var stream = new MemoryStream();
        SarifWriter.Write(stream, new SarifRun { Reports = [ReportSamples.Failing($"{Base}/bin/hello")], Rules = ReportSamples.Rules, ToolVersion = "1.0.0" });
        byte[] broken = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\"level\": \"error\"", "\"level\": \"fatal\"", StringComparison.Ordinal));

        var failure = Assert.ThrowsExactly<AssertFailedException>(() => SarifSchema.Parse(broken));

        Assert.Contains("/level", failure.Message);
    }
}
