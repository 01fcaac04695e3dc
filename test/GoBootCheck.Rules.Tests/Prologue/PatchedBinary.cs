using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.Go;
using GoBootCheck.RulePacks;
using Iced.Intel;

namespace GoBootCheck.Tests.Prologue;

/// <summary>
/// A copy of a real binary with bytes patched at virtual addresses: how the fault-injection tests make real faults.
/// Every patch first asserts the bytes it replaces, so a rebuilt fixture with a different layout fails loudly.
/// </summary>
internal sealed class PatchedBinary
{
    private readonly byte[] _bytes;
    private readonly string _name;

    public PatchedBinary(string path)
    {
        _bytes = File.ReadAllBytes(path);
        _name = path + " (patched)";
        Original = TestSupport.Load.Go(path, _bytes.ToArray()); // its own copy: patches must not change the original
    }

    /// <summary>The unpatched binary's Go model (addresses, functions, pclntab).</summary>
    public GoBinary Original { get; }

    /// <summary>The Go function called <paramref name="name"/> whose source file ends with <paramref name="file"/> (ABI wrappers share names).</summary>
    public GoFunction Function(string name, string file)
    {
        var matches = Original.FunctionsNamed(name).Where(f => Original.Locate(f.Entry).SourceFile?.EndsWith(file, StringComparison.Ordinal) == true).ToList();
        Assert.AreEqual(1, matches.Count, $"expected one {name} in {file}");
        return matches[0];
    }

    /// <summary>The function's instructions, decoded linearly from its entry to the end of its pcsp table.</summary>
    public IReadOnlyList<Instruction> Decode(GoFunction f) => TestSupport.CodePatching.Decode(Original, f, Original.Pclntab.CodeEnd(f));

    /// <summary>The first instruction of <paramref name="f"/> that satisfies <paramref name="match"/>.</summary>
    public Instruction Find(GoFunction f, Func<Instruction, bool> match) => Decode(f).First(match);

    /// <summary>Replaces the bytes at <paramref name="address"/>, after checking they are <paramref name="expected"/>.</summary>
    public void Patch(ulong address, byte[] expected, byte[] replacement)
    {
        int offset = TestSupport.CodePatching.FileOffset(Original, address, expected.Length);
        CollectionAssert.AreEqual(expected, _bytes.AsSpan(offset, expected.Length).ToArray(), $"unexpected bytes at 0x{address:x}");
        replacement.CopyTo(_bytes, offset);
    }

    /// <summary>Replaces <paramref name="count"/> bytes at <paramref name="address"/> with NOPs.</summary>
    public void Nop(ulong address, int count) => _bytes.AsSpan(TestSupport.CodePatching.FileOffset(Original, address, count), count).Fill(0x90);

    /// <summary>Runs every built-in rule on the patched copy.</summary>
    public BinaryReport Verify() => new GoBinaryVerifier().Verify(_name, _bytes, new VerificationOptions());

    /// <summary>
    /// Exactly one rule fails, <paramref name="ruleId"/>, with exactly one finding naming <paramref name="function"/>,
    /// its source <paramref name="file"/>:<paramref name="line"/> and <paramref name="address"/>; returns its message.
    /// </summary>
    public string AssertOnlyFinding(string ruleId, string function, string file, int line, ulong address)
    {
        var report = Verify();
        var failing = report.Results.Where(r => r.Status == RuleStatus.Fail).ToList();
        string all = string.Join(Environment.NewLine, report.Results.SelectMany(r => r.Findings).Select(f => f.Message));
        Assert.AreEqual(1, failing.Count, $"expected only {ruleId} to fail:{Environment.NewLine}{all}");
        Assert.AreEqual(ruleId, failing[0].Rule.Id, all);
        var finding = failing[0].Findings.Single();
        Assert.AreEqual(function, finding.Location?.Function, finding.Message);
        Assert.IsTrue(finding.Location?.SourceFile?.EndsWith("/" + file, StringComparison.Ordinal) == true || finding.Location?.SourceFile == file, finding.Message);
        Assert.AreEqual(line, finding.Location?.Line, finding.Message);
        Assert.AreEqual(address, finding.Location?.Address, finding.Message);
        StringAssert.Contains(finding.Message, function);
        // The location is typed; sinks place it, so the message never repeats it.
        Assert.IsFalse(finding.Message.Contains($"0x{address:x} ", StringComparison.Ordinal) || finding.Message.EndsWith($"0x{address:x}", StringComparison.Ordinal), finding.Message);
        Assert.IsFalse(report.Diagnostics.Any(d => d.Id == DiagnosticIds.UndecodableCode), "no undecodable entries expected");
        return finding.Message;
    }

    /// <summary>rel32/rel8 of a branch at <paramref name="branch"/> re-aimed at <paramref name="target"/>.</summary>
    public static byte[] Rel32(in Instruction branch, ulong target) => BitConverter.GetBytes(checked((int)((long)target - (long)branch.NextIP)));
}
