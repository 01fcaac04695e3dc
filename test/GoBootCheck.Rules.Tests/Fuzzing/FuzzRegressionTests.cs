using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Fuzzing;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Tests.Fuzzing;

/// <summary>
/// Every crash the fuzzer found, minimized against its seed (test/fuzz/run-fuzz.sh writes these patch lines), run
/// through the same judge: it must now end in a verdict or a diagnostic naming the file, within its time and memory.
/// </summary>
[TestClass]
public sealed class FuzzRegressionTests
{
    private static readonly Lazy<IReadOnlyList<Seed>> _seeds = new(() => Seeds.Load(Seeds.Default));

    private static CaseResult Judge(string patch)
    {
        string seedName = patch[..patch.IndexOf(' ', StringComparison.Ordinal)];
        var seed = _seeds.Value.Single(s => s.Name == seedName);
        var harness = new FuzzHarness(_seeds.Value, new FuzzOptions(0));
        return harness.Check(0, patch, Minimizer.Apply(seed.Bytes, patch));
    }

    [TestMethod]
    // .note.go.buildid's sh_size 0x64 → 0x2064: LibObjectFile's note parser took a garbage n_namesz and allocated 1.5 GiB.
    [DataRow("go1.23/cgo-internal length=2192104 0xa59:20")]
    // .note.gnu.build-id's sh_size 0x24 → 0x49: the same, 512 MiB.
    [DataRow("go1.24/noopt length=2187789 0x6b0:49")]
    public void CorruptNoteSectionSize_IsVerifiedWithinMemoryBound(string patch)
    {
        var result = Judge(patch);
        Assert.IsNull(result.Problem, result.Problem);
        Assert.AreEqual("verified", result.Outcome); // notes are not read by any rule: the binary is still verified
        Assert.IsTrue(result.Allocated < 64L << 20, $"allocated {result.Allocated >> 20} MiB");
    }

    [TestMethod]
    // A call to itself at _rt0_amd64_linux: every emulated push allocated a store record past the trace's cap (89 MiB per million instructions).
    [DataRow("go1.24/noopt length=2187789 0x77f80:e8fbff")]
    public void CallToItselfAtEntry_StopsAtTheBudgetWithinMemoryBound(string patch)
    {
        var result = Judge(patch);
        Assert.IsNull(result.Problem, result.Problem);
        Assert.AreEqual("verified", result.Outcome);
        Assert.IsTrue(result.Allocated < FuzzHarness.MemoryBound(result.Length), $"allocated {result.Allocated >> 20} MiB");
        var seed = _seeds.Value.Single(s => s.Name == "go1.24/noopt");
        var report = new GoBinaryVerifier().Verify("self-call", Minimizer.Apply(seed.Bytes, patch), new VerificationOptions { InstructionBudget = 200_000, Parallelism = 1 });
        var limit = report.Diagnostics.Single(d => d.Id == DiagnosticIds.EmulationLimit);
        StringAssert.Contains(limit.Message, "instruction budget");
    }

    [TestMethod]
    public void TlsSegmentOfTwoToThe56Bytes_LoaderFailsInsteadOfInternalError()
    {
        // PT_TLS p_memsz 8 → 0x0100000000000008: the emulator's TLS area overlapped its own mappings and threw (GBC1099).
        const string patch = "go1.22/cgo length=1918128 0x267:01";
        var result = Judge(patch);
        Assert.IsNull(result.Problem, result.Problem);
        var seed = _seeds.Value.Single(s => s.Name == "go1.22/cgo");
        var report = new GoBinaryVerifier().Verify("huge-tls", Minimizer.Apply(seed.Bytes, patch), new VerificationOptions { Parallelism = 1 });
        var entry = report.Results.Single(r => r.Rule.Id == "GBC0001");
        Assert.AreEqual(RuleStatus.Fail, entry.Status, entry.Reason);
        StringAssert.Contains(entry.Findings.Single().Message, "static TLS block");
    }

    [TestMethod]
    // e_shoff moved 0x1d bytes on: the last header ran past the end and LibObjectFile allocated 1.9 GiB reading the rest.
    [DataRow("go1.22/c-shared length=2012264 0x28:05a9")]
    // Long run seed 1, case 9332: e_shnum 0 (the gABI's extended numbering: the count is sh_size of entry 0) in a file
    // truncated before its section header table. LibObjectFile read relocation tables for over a minute and 4 GiB.
    [DataRow("go1.25/cgo-pie length=2443705 0x3c:0000")]
    // Long run seed 1, case 59920: EI_CLASS 0x11 and a section's sh_size 2^63 − 1. The section check skipped a file that
    // is not ELFCLASS64, LibObjectFile read it as one anyway, and threw OutOfMemoryException.
    [DataRow("go1.22/cgo length=1918128 0x4:11 0x1d4410:ffffffffffffff7f")]
    // Long run seed 3, cases 23752 and 72593: e_phentsize 0x7fff and e_phnum 0x41a7 (538 MiB), e_phnum 0x8006 and
    // e_phentsize 0x74c1 (956 MiB): LibObjectFile read a program header table of e_phnum × e_phentsize bytes.
    [DataRow("go1.19/default length=1851821 0x36:ff7f 0x38:a741")]
    [DataRow("go1.24/noopt length=2187789 0x36:c174 0x38:0680")]
    public void CorruptElfHeaders_AreMalformedAtOnceWithoutAllocating(string patch)
    {
        var result = Judge(patch);
        Assert.IsNull(result.Problem, result.Problem);
        Assert.AreEqual(DiagnosticIds.MalformedElf, result.Outcome);
        Assert.IsTrue(result.Elapsed < TimeSpan.FromSeconds(5), $"took {result.Elapsed.TotalSeconds:F1} s");
        Assert.IsTrue(result.Allocated < 16L << 20, $"allocated {result.Allocated >> 20} MiB");
    }

    [TestMethod]
    public void MisalignedFirstLoadSegment_StaysWithinMemoryBound()
    {
        // Long run seed 1, case 63437: phdr[2].p_offset 0 → 1 shifts the text by a byte, and every function decodes
        // differently: about 3 400 findings (GBC0001 at the entry's int3, GBC0004, GBC0005). The verification and its
        // SARIF log took 39 MiB; the 113 MiB reported were mostly the harness parsing that log back, which the bound
        // no longer counts.
        const string patch = "go1.24/noopt length=2187789 0xb8:01";
        var result = Judge(patch);
        Assert.IsNull(result.Problem, result.Problem);
        Assert.AreEqual("verified", result.Outcome);
        Assert.IsTrue(result.Allocated < FuzzHarness.MemoryBound(result.Length), $"allocated {result.Allocated >> 20} MiB");
    }

    [TestMethod]
    public void ZeroSectionCountWithTheTableInTheFile_EntryZeroGivesTheCount()
    {
        // The same e_shnum 0 on the whole file: entry 0 (SHT_NULL, sh_size 0) says there are no sections, and the binary
        // is still read through its segments.
        var seed = _seeds.Value.Single(s => s.Name == "go1.25/cgo-pie");
        var result = Judge($"go1.25/cgo-pie length={seed.Bytes.Length} 0x3c:0000");
        Assert.IsNull(result.Problem, result.Problem);
        Assert.IsTrue(result.Elapsed < TimeSpan.FromSeconds(20), $"took {result.Elapsed.TotalSeconds:F1} s");
    }
}
