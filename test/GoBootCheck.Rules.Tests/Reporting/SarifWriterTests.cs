using System.Text.Json;
using GoBootCheck.Diagnostics;
using GoBootCheck.Reporting;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Tests.Reporting;

[TestClass]
public sealed class SarifWriterTests
{
    private const string Base = "/work/project";

    private static JsonElement WriteRun(params GoBootCheck.Engine.BinaryReport[] reports)
    {
        var run = new SarifRun
        {
            Reports = reports,
            Rules = ReportSamples.Rules,
            ToolVersion = "0.1.0",
            BaseDirectory = Base,
            Artifacts = new Dictionary<string, ArtifactFacts> { [$"{Base}/bin/hello"] = new(1234, new string('a', 64)) },
        };
        using var stream = new MemoryStream();
        SarifWriter.Write(stream, run);
        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    private static JsonElement Run(JsonElement log) => log.GetProperty("runs")[0];

    private static List<JsonElement> ResultsFor(JsonElement log, int artifact) =>
        [.. Run(log).GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("index").GetInt32() == artifact)];

    [TestMethod]
    public void Write_Log_IsSarif210WithOneRun()
    {
        var log = WriteRun(ReportSamples.Failing($"{Base}/bin/hello"));

        Assert.AreEqual("2.1.0", log.GetProperty("version").GetString());
        Assert.AreEqual("https://json.schemastore.org/sarif-2.1.0.json", log.GetProperty("$schema").GetString());
        Assert.AreEqual(1, log.GetProperty("runs").GetArrayLength());
        Assert.AreEqual($"file://{Base}/", Run(log).GetProperty("originalUriBaseIds").GetProperty("PROJECTROOT").GetProperty("uri").GetString());
    }

    [TestMethod]
    public void Write_Driver_DescribesVerifierRulesThenToolDiagnostics()
    {
        var driver = Run(WriteRun(ReportSamples.Failing($"{Base}/bin/hello"))).GetProperty("tool").GetProperty("driver");

        Assert.AreEqual("GoBootCheck", driver.GetProperty("name").GetString());
        Assert.AreEqual("0.1.0", driver.GetProperty("version").GetString());
        Assert.AreEqual(SarifWriter.InformationUri, driver.GetProperty("informationUri").GetString());
        var ids = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        CollectionAssert.AreEqual(
            new[] { "GBC0001", "GBC0004", "GBC0003" }.Concat(ToolDiagnosticDescriptors.All.Select(d => d.Id)).ToList(), ids);

        var first = driver.GetProperty("rules")[0];
        Assert.AreEqual("EntryReachesRt0Go", first.GetProperty("name").GetString());
        Assert.AreEqual("The entry point reaches runtime.rt0_go.", first.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.AreEqual("Full description of GBC0001.", first.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.AreEqual("error", first.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.AreEqual($"{SarifWriter.InformationUri}/blob/main/docs/rules/GBC0001.md", first.GetProperty("helpUri").GetString());

        var arm = driver.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == DiagnosticIds.UnsupportedTarget);
        Assert.AreEqual("warning", arm.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.AreEqual("tool", arm.GetProperty("properties").GetProperty("category").GetString());
    }

    [TestMethod]
    public void Write_ThreeBinaries_ListsEveryBinaryInArtifacts()
    {
        var log = WriteRun(ReportSamples.Failing($"{Base}/bin/hello"), ReportSamples.NotElf($"{Base}/notes.txt"), ReportSamples.Arm64("/elsewhere/arm64 bin"));

        var artifacts = Run(log).GetProperty("artifacts").EnumerateArray().ToList();
        Assert.HasCount(3, artifacts);
        Assert.AreEqual("bin/hello", artifacts[0].GetProperty("location").GetProperty("uri").GetString());
        Assert.AreEqual("PROJECTROOT", artifacts[0].GetProperty("location").GetProperty("uriBaseId").GetString());
        Assert.AreEqual(1234, artifacts[0].GetProperty("length").GetInt64());
        Assert.AreEqual(new string('a', 64), artifacts[0].GetProperty("hashes").GetProperty("sha-256").GetString());
        Assert.AreEqual("go1.22.12", artifacts[0].GetProperty("properties").GetProperty("goVersion").GetString());
        Assert.AreEqual(1557, artifacts[0].GetProperty("properties").GetProperty("functionCount").GetInt32());
        Assert.IsFalse(artifacts[0].GetProperty("properties").GetProperty("stripped").GetBoolean());
        Assert.AreEqual("notes.txt", artifacts[1].GetProperty("location").GetProperty("uri").GetString());
        Assert.IsFalse(artifacts[1].TryGetProperty("hashes", out _));
        Assert.AreEqual("file:///elsewhere/arm64%20bin", artifacts[2].GetProperty("location").GetProperty("uri").GetString());
        Assert.IsFalse(artifacts[2].GetProperty("location").TryGetProperty("uriBaseId", out _));
    }

    [TestMethod]
    public void Write_Finding_IsFailResultWithFunctionAddressAndSource()
    {
        var log = WriteRun(ReportSamples.Failing($"{Base}/bin/hello"));

        var fail = Run(log).GetProperty("results").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "fail");
        Assert.AreEqual("GBC0004", fail.GetProperty("ruleId").GetString());
        Assert.AreEqual(1, fail.GetProperty("ruleIndex").GetInt32());
        Assert.AreEqual("error", fail.GetProperty("level").GetString());
        Assert.AreEqual("main.work compares SP with g.stackguard1 instead of g.stackguard0", fail.GetProperty("message").GetProperty("text").GetString());
        var location = fail.GetProperty("locations")[0];
        Assert.AreEqual("bin/hello", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual(0x4812a0, location.GetProperty("physicalLocation").GetProperty("address").GetProperty("absoluteAddress").GetInt64());
        var logical = location.GetProperty("logicalLocations")[0];
        Assert.AreEqual("work", logical.GetProperty("name").GetString());
        Assert.AreEqual("main.work", logical.GetProperty("fullyQualifiedName").GetString());
        Assert.AreEqual("function", logical.GetProperty("kind").GetString());
        Assert.AreEqual("0x4812a0", location.GetProperty("properties").GetProperty("address").GetString());
        Assert.AreEqual("/src/hello/main.go:12", location.GetProperty("properties").GetProperty("source").GetString());
        Assert.AreEqual(12, location.GetProperty("properties").GetProperty("line").GetInt32());
    }

    [TestMethod]
    public void Write_PassAndNotApplicable_AreRecordedWithReason()
    {
        var results = ResultsFor(WriteRun(ReportSamples.Failing($"{Base}/bin/hello")), 0);

        Assert.HasCount(3, results);
        var pass = results.Single(r => r.GetProperty("ruleId").GetString() == "GBC0001");
        Assert.AreEqual("pass", pass.GetProperty("kind").GetString());
        Assert.AreEqual("none", pass.GetProperty("level").GetString());
        Assert.AreEqual("GBC0001 EntryReachesRt0Go passed: the entry reaches runtime.rt0_go with argc in DI and argv in SI",
            pass.GetProperty("message").GetProperty("text").GetString());
        var notApplicable = results.Single(r => r.GetProperty("ruleId").GetString() == "GBC0003");
        Assert.AreEqual("notApplicable", notApplicable.GetProperty("kind").GetString());
        Assert.AreEqual("GBC0003 CgoStackGuard not applicable: the binary does not link runtime/cgo",
            notApplicable.GetProperty("message").GetProperty("text").GetString());
    }

    [TestMethod]
    public void Write_NotVerified_IsOpenResult()
    {
        var report = ReportSamples.Failing($"{Base}/bin/hello") with
        {
            Results = [RuleResult.NotVerified(ReportSamples.EntryRule, "the emulation stopped at an unmodeled import")],
        };

        var result = ResultsFor(WriteRun(report), 0).Single();

        Assert.AreEqual("open", result.GetProperty("kind").GetString());
        Assert.AreEqual("GBC0001 EntryReachesRt0Go not verified: the emulation stopped at an unmodeled import",
            result.GetProperty("message").GetProperty("text").GetString());
    }

    [TestMethod]
    public void Write_ToolDiagnostic_IsResultWithOwnRuleAndNotification()
    {
        var log = WriteRun(ReportSamples.Failing($"{Base}/bin/hello"), ReportSamples.NotElf($"{Base}/notes.txt"), ReportSamples.Arm64($"{Base}/arm64"));

        var notElf = ResultsFor(log, 1).Single();
        Assert.AreEqual("GBC1002", notElf.GetProperty("ruleId").GetString());
        Assert.AreEqual("error", notElf.GetProperty("level").GetString());
        Assert.AreEqual("not an ELF file (first bytes 48656C6C)", notElf.GetProperty("message").GetProperty("text").GetString());
        var rules = Run(log).GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.AreEqual("GBC1002", rules[notElf.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        var arm = ResultsFor(log, 2).Single();
        Assert.AreEqual("GBC1004", arm.GetProperty("ruleId").GetString());
        Assert.AreEqual("warning", arm.GetProperty("level").GetString());

        var invocation = Run(log).GetProperty("invocations")[0];
        Assert.IsTrue(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notifications = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { "GBC1002", "GBC1004" }, notifications.Select(n => n.GetProperty("associatedRule").GetProperty("id").GetString()).ToList());
        Assert.AreEqual(2, notifications[1].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("index").GetInt32());
    }

    [TestMethod]
    public void Write_InternalError_MarksInvocationUnsuccessful()
    {
        var report = new GoBootCheck.Engine.BinaryReport($"{Base}/bin/hello", null,
            [ToolDiagnostic.Broken(DiagnosticIds.InternalError, "boom")], [], TimeSpan.Zero);

        var invocation = Run(WriteRun(report)).GetProperty("invocations")[0];

        Assert.IsFalse(invocation.GetProperty("executionSuccessful").GetBoolean());
    }

    [TestMethod]
    public void Write_NoBinaries_WritesEmptyArtifactsAndResults()
    {
        var log = WriteRun();

        Assert.AreEqual(0, Run(log).GetProperty("artifacts").GetArrayLength());
        Assert.AreEqual(0, Run(log).GetProperty("results").GetArrayLength());
    }
}
