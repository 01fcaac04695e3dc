using System.Buffers.Binary;
using System.Text;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Binary;

/// <summary>
/// The .debug_info LibObjectFile gets: the named units only, each with its root DIE and the constants and structure
/// types asked for (their members included); every reference in what is kept points at the unit's root DIE.
/// </summary>
[TestClass]
public sealed class DwarfPruneTests
{
    // Abbreviations (tag, children, attributes as (DW_AT, DW_FORM)):
    // 1 compile_unit {name string}; 2 constant {name string, type ref4, const_value data1};
    // 3 structure_type {name string}; 4 member {name string, type ref_udata, data_member_location data1};
    // 5 base_type {name string}; 6 constant {name strp, type ref_addr, const_value data1}.
    private static readonly byte[] Abbrev =
    [
        1, 0x11, 1, 0x03, 0x08, 0, 0,
        2, 0x27, 0, 0x03, 0x08, 0x49, 0x13, 0x1c, 0x0b, 0, 0,
        3, 0x13, 1, 0x03, 0x08, 0, 0,
        4, 0x0d, 0, 0x03, 0x08, 0x49, 0x15, 0x38, 0x0b, 0, 0,
        5, 0x24, 0, 0x03, 0x08, 0, 0,
        6, 0x27, 0, 0x03, 0x0e, 0x49, 0x10, 0x1c, 0x0b, 0, 0,
        0,
    ];

    private static readonly byte[] Str = [.. "x\0runtime.stackNosplit\0"u8];

    private static byte[] Z(string s) => [.. Encoding.UTF8.GetBytes(s), 0];

    /// <summary>A DWARF 4 unit named <paramref name="name"/> with the DIEs of <see cref="Abbrev"/>; base_type "int" at unit offset 11 + root.</summary>
    private static byte[] Unit(string name, long unitOffset)
    {
        var body = new List<byte>();
        body.AddRange([1, .. Z(name)]);
        int intAt = 11 + body.Count;
        body.AddRange([5, .. Z("int")]);
        body.AddRange([2, .. Z("runtime.other"), .. U32(intAt), 7]);
        body.AddRange([3, .. Z("runtime.g")]);
        body.AddRange([4, .. Z("stack"), (byte)(0x80 | intAt), 0, 0]); // ref_udata padded to two bytes
        body.AddRange([4, .. Z("stackguard0"), (byte)intAt, 16]);
        body.Add(0);
        body.AddRange([2, .. Z("runtime.stackGuard"), .. U32(intAt), 0x40]);
        body.AddRange([6, .. U32(2), .. U32((int)unitOffset + intAt), 0x30]); // runtime.stackNosplit via .debug_str, ref_addr
        body.AddRange([3, .. Z("other.T")]);
        body.AddRange([4, .. Z("x"), (byte)intAt, 0]);
        body.Add(0);
        body.Add(0);
        byte[] header = [.. U32(7 + body.Count), 4, 0, 0, 0, 0, 0, 8];
        return [.. header, .. body];
    }

    private static byte[] U32(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, v);
        return b;
    }

    private static (byte[] Info, int Units)? Prune(byte[] info)
    {
        var units = DwarfUnits.Scan(info, out var error)!;
        Assert.IsNotNull(units, error);
        var facts = DwarfStructure.Walk(info, Abbrev, units, out error);
        Assert.IsNotNull(facts, error);
        return DwarfStructure.Prune(info, Abbrev, Str, units, facts, new HashSet<string> { "runtime" },
            new HashSet<string> { "runtime.stackGuard", "runtime.stackNosplit" }, new HashSet<string> { "runtime.g" });
    }

    [TestMethod]
    public void Prune_KeepsRootAskedConstantsAndStructures_RefsPointAtRoot()
    {
        byte[] first = Unit("internal/cpu", 0);
        byte[] info = [.. first, .. Unit("runtime", first.Length)];

        var pruned = Prune(info);

        Assert.IsNotNull(pruned);
        Assert.AreEqual(1, pruned.Value.Units);
        byte[] expected =
        [
            .. U32(0), 4, 0, 0, 0, 0, 0, 8, // unit_length patched below
            1, .. Z("runtime"),
            3, .. Z("runtime.g"),
            4, .. Z("stack"), 0x80 | 11, 0, 0,
            4, .. Z("stackguard0"), 11, 16,
            0,
            2, .. Z("runtime.stackGuard"), .. U32(11), 0x40,
            6, .. U32(2), .. U32(11), 0x30,
            0,
        ];
        BinaryPrimitives.WriteInt32LittleEndian(expected, expected.Length - 4);
        CollectionAssert.AreEqual(expected, pruned.Value.Info);
        // What is handed on is itself well formed.
        var units = DwarfUnits.Scan(pruned.Value.Info, out var error);
        Assert.IsNotNull(DwarfStructure.Walk(pruned.Value.Info, Abbrev, units!, out error), error);
    }

    /// <summary>
    /// Real DWARF with bits flipped inside its runtime units (a Go 1.22 fixture's decompressed .debug_info, seeded):
    /// whatever the walk accepts, pruning never throws, and what it keeps is well formed for the walk again.
    /// </summary>
    [TestMethod]
    public void Prune_MutatedRealDwarf_NeverThrowsAndStaysWellFormed()
    {
        var diagnostics = new DiagnosticBag();
        Assert.IsTrue(BinaryImage.TryLoad("hello", Fixtures.Get("go1.22", "default").Bytes, diagnostics, out var image), Load.Describe(diagnostics));
        Assert.AreEqual(DebugSectionStatus.Read, DebugSections.TryRead(image!, "info", long.MaxValue, out var info, out _));
        Assert.AreEqual(DebugSectionStatus.Read, DebugSections.TryRead(image!, "abbrev", long.MaxValue, out var abbrev, out _));
        DebugSections.TryRead(image!, "str", long.MaxValue, out var str, out _); // Go writes names inline: no .debug_str
        var roots = new HashSet<string> { "runtime", "internal/abi" };
        var units = DwarfUnits.Scan(info!, out _)!;
        var facts = DwarfStructure.Walk(info!, abbrev!, units, out _)!;
        var targets = units.Where((u, i) => facts[i].Name is { } n && roots.Contains(n)).ToList();
        Assert.IsNotEmpty(targets);

        var random = new Random(20261202);
        int walked = 0, kept = 0;
        for (int round = 0; round < 400; round++)
        {
            var copy = (byte[])info!.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                var unit = targets[random.Next(targets.Count)];
                copy[random.Next((int)unit.FirstDie, (int)unit.End)] ^= (byte)(1 << random.Next(8));
            }
            if (DwarfUnits.Scan(copy, out _) is not { } mutatedUnits) continue;
            var readable = mutatedUnits.TakeWhile(u => u.Version is 3 or 4).ToList();
            if (DwarfStructure.Walk(copy, abbrev, readable, out _) is not { } mutatedFacts) continue;
            walked++;
            var pruned = DwarfStructure.Prune(copy, abbrev, str, readable, mutatedFacts, roots,
                new HashSet<string> { "runtime.stackGuard", "internal/abi.StackSmall" }, new HashSet<string> { "runtime.g", "runtime.m" });
            if (pruned is null) continue;
            kept++;
            var prunedUnits = DwarfUnits.Scan(pruned.Value.Info, out var error);
            Assert.IsNotNull(prunedUnits, $"round {round}: {error}");
            Assert.IsNotNull(DwarfStructure.Walk(pruned.Value.Info, abbrev, prunedUnits, out error), $"round {round}: {error}");
        }
        Assert.IsTrue(walked > 100 && kept > 100, $"{walked} mutated sections passed the walk, {kept} were pruned");
    }

    [TestMethod]
    public void Prune_NoUnitNamed_Null()
    {
        byte[] info = Unit("internal/cpu", 0);
        Assert.IsNull(Prune(info));
    }
}
