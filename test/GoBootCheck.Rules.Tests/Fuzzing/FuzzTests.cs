using GoBootCheck.Fuzzing;

namespace GoBootCheck.Tests.Fuzzing;

/// <summary>
/// A bounded fuzz run in the test command (the long run is test/fuzz/run-fuzz.sh): mutated real binaries and random
/// ELF files through the whole pipeline, each ending in rule results or diagnostics naming the file — never an
/// exception, an internal error, a hang or memory past its bound.
/// </summary>
[TestClass]
public sealed class FuzzTests
{
    private const int RunSeed = 20261202;
    private const int Cases = 3000;

    private static readonly Lazy<IReadOnlyList<Seed>> _seeds = new(() => Seeds.Load(Seeds.Default));

    [TestMethod]
    public void BoundedRun_EveryCaseEndsInAVerdictOrADiagnosticNamingTheFile()
    {
        var harness = new FuzzHarness(_seeds.Value, new FuzzOptions(RunSeed, InstructionBudget: 1_000_000, CaseLimit: TimeSpan.FromSeconds(20)));
        var summary = FuzzRun.Execute(harness, 0, Cases);

        Assert.AreEqual(0, summary.Crashes.Count, string.Join("\n", summary.Crashes.Select(c => $"case {c.Index} ({c.Input}): {c.Problem}")));
        Assert.AreEqual(Cases, summary.Cases);
        // The run reached every part of the pipeline: some inputs were verified by the rules, others stopped at the
        // ELF reader, the Go metadata reader or the target check; every mutation kind and random ELF files were drawn.
        Assert.IsTrue(summary.Outcomes.GetValueOrDefault("verified") > Cases / 4, summary.ToString());
        foreach (string id in new[] { "GBC1003", "GBC1004", "GBC1006" })
            Assert.IsTrue(summary.Outcomes.ContainsKey(id), $"no case ended in {id}: {summary}");
        foreach (string kind in Mutator.Kinds.Append("random-elf"))
            Assert.IsTrue(summary.Kinds.GetValueOrDefault(kind) > 0, $"no case used {kind}: {string.Join(", ", summary.Kinds)}");
    }

    [TestMethod]
    public void MakeInput_SameSeedAndCase_SameBytes()
    {
        var a = new FuzzHarness(_seeds.Value, new FuzzOptions(RunSeed));
        var b = new FuzzHarness(_seeds.Value, new FuzzOptions(RunSeed));
        for (int i = 0; i < 20; i++)
        {
            CollectionAssert.AreEqual(a.MakeInput(i, out string da), b.MakeInput(i, out string db), $"case {i}");
            Assert.AreEqual(da, db);
        }
    }

    [TestMethod]
    public void Minimizer_DescribeThenApply_RebuildsTheInput()
    {
        var seed = _seeds.Value[0];
        var harness = new FuzzHarness(_seeds.Value, new FuzzOptions(RunSeed));
        int checkedCases = 0;
        for (int i = 0; checkedCases < 10; i++)
        {
            var input = harness.MakeInput(i, out _, out var origin);
            if (origin is null) continue;
            CollectionAssert.AreEqual(input, Minimizer.Apply(origin.Bytes, Minimizer.Describe(input, origin)), $"case {i}");
            checkedCases++;
        }
        // Minimizing against a predicate that only needs byte 0x12 changed keeps just that byte.
        var mutated = (byte[])seed.Bytes.Clone();
        mutated[0x12] ^= 0xff;
        mutated[0x1000] ^= 0xff;
        mutated[^1] ^= 0xff;
        var minimal = Minimizer.Minimize(mutated, seed, candidate => candidate[0x12] != seed.Bytes[0x12]);
        Assert.AreEqual($"{seed.Name} length={seed.Bytes.Length} 0x12:{seed.Bytes[0x12] ^ 0xff:x2}", Minimizer.Describe(minimal, seed));
    }
}
