using System.Text.Json;
using GoBootCheck.Engine;
using GoBootCheck.Reporting;
using GoBootCheck.RulePacks;
using GoBootCheck.Rules.BuiltIn;
using GoBootCheck.Tasks.Tests.Infrastructure;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// Code scanning keeps one alert per finding only if the finding's identity survives a rebuild elsewhere: the same Go
/// source built in two directories (two clones, two CI machines), with the same real fault patched in, must give the
/// same fingerprints and the same repository-relative locations.
/// </summary>
[TestClass]
public sealed class SarifFingerprintTests
{
    private const string Toolchain = "go1.22";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>A repository with the hello fixture under go/hello, built into bin/hello with a GBC0004 fault patched in.</summary>
    internal static (string Root, string Binary, int Line) PatchedRepository(string root, params string[] flags)
    {
        string module = Path.Combine(root, "go", "hello");
        Infrastructure.GoBuild.CopyProgram("hello", module);
        string binary = Path.Combine(root, "bin", "hello");
        Infrastructure.GoBuild.Build(Infrastructure.GoBuild.GoRoot(Toolchain), module, binary, flags);

        // The real fault: main.mediumFrame's check compares with g.stackguard1 ([r14+0x18]) instead of stackguard0 ([r14+0x10]).
        byte[] bytes = File.ReadAllBytes(binary);
        var go = Load.Go(binary, bytes.ToArray());
        var f = go.FunctionsNamed("main.mediumFrame").Single();
        var cmp = CodePatching.Decode(go, f, go.Pclntab.CodeEnd(f))
            .First(i => i.Mnemonic == Mnemonic.Cmp && i.MemoryBase == Register.R14 && i.MemoryDisplacement64 == 0x10);
        int displacement = CodePatching.FileOffset(go, cmp.IP, cmp.Length) + cmp.Length - 1;
        Assert.AreEqual(0x10, bytes[displacement], "expected the disp8 of [r14+0x10] to end the instruction");
        bytes[displacement] = 0x18;
        File.WriteAllBytes(binary, bytes);
        return (root, binary, go.Locate(f.Entry).Line!.Value);
    }

    private static JsonElement Verify(string root, string binary)
    {
        string sarif = Path.Combine(root, "obj", "GoBootCheck.sarif");
        var sink = new RecordingSink();
        new VerificationRun(new GoBinaryVerifier(), sink, ToolVersion.Current).Execute(new TaskInputs([binary], sarif, root, false, null, null), CancellationToken.None);
        return SarifSchema.ParseFile(sarif).GetProperty("runs")[0];
    }

    [TestMethod]
    [DataRow(true, DisplayName = "-trimpath (module paths in pclntab)")]
    [DataRow(false, DisplayName = "absolute source paths in pclntab")]
    public void TwoBuildsInDifferentDirectories_SameFingerprintAndRepositoryRelativeLocation(bool trimpath)
    {
        string temp = Path.Combine(Path.GetTempPath(), "gbc-fp-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string[] flags = trimpath ? ["-trimpath"] : [];
            var first = PatchedRepository(Path.Combine(temp, "clone-one"), flags);
            var second = PatchedRepository(Path.Combine(temp, "elsewhere", "second-clone"), flags);

            var runs = new[] { Verify(first.Root, first.Binary), Verify(second.Root, second.Binary) };

            var results = runs.Select(r => r.GetProperty("results").EnumerateArray().Single()).ToList();
            foreach (var result in results)
            {
                TestContext.WriteLine(result.ToString());
                Assert.AreEqual(RuleIds.PrologueChecksStackguard0, result.GetProperty("ruleId").GetString());
                var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                Assert.AreEqual("go/hello/main.go", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
                Assert.AreEqual("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
                Assert.AreEqual(first.Line, physical.GetProperty("region").GetProperty("startLine").GetInt32());
                Assert.AreEqual("main.mediumFrame", result.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
                var related = result.GetProperty("relatedLocations")[0].GetProperty("physicalLocation");
                Assert.AreEqual("bin/hello", related.GetProperty("artifactLocation").GetProperty("uri").GetString());
                Assert.IsTrue(related.GetProperty("region").GetProperty("byteOffset").GetInt64() > 0);
            }
            Assert.AreNotEqual(runs[0].GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString(),
                runs[1].GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
            Assert.AreEqual(SarifFingerprint.Compute("GBC0004", "hello", "main.mediumFrame", "form"), results[0].GetProperty("partialFingerprints").GetProperty(SarifFingerprint.Key).GetString());
            Assert.AreEqual(results[0].GetProperty("partialFingerprints").ToString(), results[1].GetProperty("partialFingerprints").ToString());
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Keeps the entries; nothing else.</summary>
    private sealed class RecordingSink : IVerificationSink
    {
        public List<LogEntry> Entries { get; } = [];

        public void Write(LogEntry entry) => Entries.Add(entry);

        public void Message(string message) { }
    }
}
