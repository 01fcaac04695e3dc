using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.RulePacks;

/// <summary>
/// test/RulePacks/FaultyRulePack, loaded from its path like any pack: each fault is reported once naming the rule and
/// the pack, its result is discarded, and the built-in rules and the pack's well-behaved rule still report.
/// </summary>
[TestClass]
public sealed class RulePackIsolationTests
{
    private static readonly VerificationOptions Options = Verification.Options with
    {
        RuleTimeBudget = TimeSpan.FromMilliseconds(300),
        RuleCancellationGrace = TimeSpan.FromMilliseconds(300),
    };

    [TestMethod]
    public void Verify_FaultyPack_EachFaultReportedOnceNamingRuleAndPack_BuiltInRulesStillReport()
    {
        using var catalog = RuleCatalog.Load([TestPacks.Faulty]);
        try
        {
            Assert.HasCount(1, catalog.Diagnostics, string.Join(Environment.NewLine, catalog.Diagnostics.Select(d => d.Diagnostic.Message)));
            var clash = catalog.Diagnostics[0];
            Assert.AreEqual(DiagnosticIds.RuleIdClash, clash.Diagnostic.Id, clash.Diagnostic.Message);
            Assert.AreEqual(TestPacks.Faulty, clash.PackPath);
            StringAssert.Contains(clash.Diagnostic.Message, "GBC0004 Clash of rule pack FaultyRulePack");
            StringAssert.Contains(clash.Diagnostic.Message, "GBC0004 PrologueChecksStackguard0 of the built-in rules");

            var verifier = new GoBinaryVerifier(catalog);
            var first = verifier.Verify("go1.22/default", Fixtures.Get("go1.22", "default").Bytes, Options);

            // Built-in rules: all five ran and passed, exactly as without the pack.
            foreach (string id in new[] { RuleIds.EntryReachesRt0Go, RuleIds.SettlsSucceeds, RuleIds.PrologueChecksStackguard0, RuleIds.UncheckedFrameWithinLimit })
                Assert.AreEqual(RuleStatus.Pass, first.Result(id).Status, first.Describe());
            Assert.AreEqual(RuleStatus.NotApplicable, first.Result(RuleIds.CgoStackGuard).Status, first.Describe());

            // Each fault once, naming rule and pack; the result is discarded (not verified, no findings).
            AssertFault(first, DiagnosticIds.RuleThrew, "FLT0001", "FLT0001 Throws of rule pack FaultyRulePack", "InvalidOperationException: deliberate fault in FLT0001");
            AssertFault(first, DiagnosticIds.RuleOverranBudget, "FLT0002", "FLT0002 Slow of rule pack FaultyRulePack", "stopped when cancelled");
            AssertFault(first, DiagnosticIds.RuleContractViolation, "FLT0004", "FLT0004 FailsSilently of rule pack FaultyRulePack", "returned Fail without reporting a finding");
            AssertFault(first, DiagnosticIds.RuleAbandoned, "FLT0009", "FLT0009 Stubborn of rule pack FaultyRulePack", "ignored cancellation");
            Assert.AreEqual(4, first.Diagnostics.Count(d => d.Message.Contains("FaultyRulePack", StringComparison.Ordinal)), first.Describe());

            // The well-behaved rule of the same pack reported its typed finding.
            var entry = first.Result("FLT0005");
            Assert.AreEqual(RuleStatus.Fail, entry.Status, first.Describe());
            Assert.AreEqual("_rt0_amd64_linux", entry.Findings.Single().Location?.Function);
            StringAssert.StartsWith(entry.Findings.Single().Message, "entry point at 0x4");
            Assert.AreEqual(Severity.Note, entry.Findings.Single().Severity);

            // The abandoned rule's pack is faulty for the rest of the build: on the next binary none of its rules run.
            var second = verifier.Verify("go1.24/pie", Fixtures.Get("go1.24", "pie").Bytes, Options);
            Assert.IsFalse(second.Diagnostics.Any(d => d.Message.Contains("FaultyRulePack", StringComparison.Ordinal)), second.Describe());
            foreach (string id in new[] { "FLT0001", "FLT0002", "FLT0004", "FLT0005", "FLT0009" })
            {
                Assert.AreEqual(RuleStatus.NotVerified, second.Result(id).Status, second.Describe());
                StringAssert.Contains(second.Result(id).Reason, "marked faulty");
            }
            Assert.AreEqual(RuleStatus.Pass, second.Result(RuleIds.PrologueChecksStackguard0).Status, second.Describe());
        }
        finally
        {
            Release(catalog);
        }
    }

    [TestMethod]
    public void Load_Pack_RulesLiveInTheirOwnLoadContextSharingOnlyTheSdk()
    {
        using var catalog = RuleCatalog.Load([TestPacks.Sample]);
        var packRules = catalog.Rules.Where(r => r.Pack.IsIsolated).ToList();
        Assert.HasCount(5, packRules);
        var context = AssemblyLoadContext.GetLoadContext(packRules[0].Rule.GetType().Assembly);
        Assert.IsInstanceOfType<PackLoadContext>(context);
        Assert.IsTrue(context!.IsCollectible);
        Assert.AreSame(typeof(Sdk.Rule).Assembly, packRules[0].Rule.GetType().BaseType!.Assembly);
        CollectionAssert.DoesNotContain(context.Assemblies.Select(a => a.GetName().Name).ToList(), "GoBootCheck.Sdk");
        var builtIn = catalog.Rules.Where(r => !r.Pack.IsIsolated).ToList();
        Assert.HasCount(5, builtIn);
        Assert.AreNotSame(context, AssemblyLoadContext.GetLoadContext(builtIn[0].Rule.GetType().Assembly));
    }

    [TestMethod]
    public void Load_PackBuiltAgainstNewerSdk_Gbc1019AndNoRuleOfItLoads()
    {
        string directory = Directory.CreateTempSubdirectory("gbc-newer-").FullName;
        try
        {
            // The real pack with its reference to GoBootCheck.Sdk patched to version 99.0.0.0, as a newer SDK would build it.
            string path = Path.Combine(directory, "FaultyRulePack.dll");
            File.WriteAllBytes(path, WithSdkReferenceVersion(File.ReadAllBytes(TestPacks.Faulty), 99));

            using var catalog = RuleCatalog.Load([path]);

            var d = catalog.Diagnostics.Single();
            Assert.AreEqual(DiagnosticIds.RulePackNeedsNewerApi, d.Diagnostic.Id);
            StringAssert.Contains(d.Diagnostic.Message, "built against GoBootCheck.Sdk 99.0.0.0, newer than this GoBootCheck's 1.0.0.0");
            Assert.IsFalse(catalog.Rules.Any(r => r.Pack.IsIsolated));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Load_MissingFileAndNonAssembly_Gbc1015Each()
    {
        string missing = Path.Combine(Path.GetTempPath(), "gbc-no-such-pack.dll");
        string goBinary = Fixtures.Get("go1.22", "default").Path;

        using var catalog = RuleCatalog.Load([missing, goBinary]);

        CollectionAssert.AreEqual(new[] { (DiagnosticIds.RulePackUnloadable, missing), (DiagnosticIds.RulePackUnloadable, goBinary) },
            catalog.Diagnostics.Select(d => (d.Diagnostic.Id, d.PackPath)).ToList());
        StringAssert.Contains(catalog.Diagnostics[0].Diagnostic.Message, "the file does not exist");
        StringAssert.Contains(catalog.Diagnostics[1].Diagnostic.Message, "it is not a .NET assembly");
        Assert.HasCount(5, catalog.Rules);
    }

    [TestMethod]
    public void Load_SamePackTwice_Gbc1030ForEachRuleOfTheSecond()
    {
        using var catalog = RuleCatalog.Load([TestPacks.Sample, TestPacks.Sample]);

        Assert.HasCount(5, catalog.Diagnostics);
        Assert.IsTrue(catalog.Diagnostics.All(d => d.Diagnostic.Id == DiagnosticIds.RuleIdClash));
        Assert.HasCount(10, catalog.Rules);
    }

    private static void AssertFault(BinaryReport report, string diagnosticId, string ruleId, string names, string what)
    {
        var d = report.Diagnostics.Single(x => x.Id == diagnosticId);
        StringAssert.Contains(d.Message, names, report.Describe());
        StringAssert.Contains(d.Message, TestPacks.Faulty, report.Describe());
        StringAssert.Contains(d.Message, what, report.Describe());
        var result = report.Result(ruleId);
        Assert.AreEqual(RuleStatus.NotVerified, result.Status, report.Describe());
        Assert.IsEmpty(result.Findings);
    }

    /// <summary>Lets the abandoned evaluation end (its thread would spin until the test process exits).</summary>
    private static void Release(RuleCatalog catalog)
    {
        var stubborn = catalog.Rules.FirstOrDefault(r => r.Descriptor.Id == "FLT0009")?.Rule.GetType();
        stubborn?.GetField("Release", BindingFlags.Public | BindingFlags.Static)!.SetValue(null, true);
    }

    /// <summary>Rewrites the version of the GoBootCheck.Sdk row of the AssemblyRef table (ECMA-335 II.22.5) in place.</summary>
    private static byte[] WithSdkReferenceVersion(byte[] image, ushort major)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        int row = reader.AssemblyReferences.Select((h, i) => (h, i)).Single(x => reader.GetString(reader.GetAssemblyReference(x.h).Name) == "GoBootCheck.Sdk").i;
        int offset = pe.PEHeaders.MetadataStartOffset + reader.GetTableMetadataOffset(TableIndex.AssemblyRef) + row * reader.GetTableRowSize(TableIndex.AssemblyRef);
        var patched = (byte[])image.Clone();
        BitConverter.GetBytes(major).CopyTo(patched, offset);
        BitConverter.GetBytes((ushort)0).CopyTo(patched, offset + 2);
        return patched;
    }
}
