using GoBootCheck.Binary;
using GoBootCheck.Go;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Go;

[TestClass]
public sealed class PclntabTests
{
    public static IEnumerable<object[]> Unstripped => Fixtures.All.Where(f => !f.Stripped).Select(f => new object[] { f.ToString(), f.Path });

    /// <summary>Unstripped release binaries: the Go 1.2-layout variants (1.7 to 1.13) and a go1.24 build.</summary>
    public static IEnumerable<object[]> UnstrippedRelease => Fixtures.Release.Where(r => !r.Stripped).Select(r => new object[] { r.ToString(), r.Path });

    public static IEnumerable<object[]> StrippedPairs =>
        Fixtures.All.Where(f => f.Variant is "stripped" or "cgo-stripped")
            .Select(f => new object[] { Fixtures.Get(f.Toolchain, f.Variant == "stripped" ? "default" : "cgo"), f });

    /// <summary>
    /// pclntab's functions are exactly the ELF symbol table's functions inside the Go text range
    /// [runtime.text, runtime.etext), matched by entry address, ABI suffixes removed.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Unstripped))]
    [DynamicData(nameof(UnstrippedRelease))]
    public void Functions_Unstripped_EqualSymbolTableFunctions(string name, string path)
    {
        var go = Load.Go(path);
        var image = go.Image;
        ulong text = image.FindSymbol("runtime.text")!.Value, etext = image.FindSymbol("runtime.etext")!.Value;
        var symbols = image.Symbols
            .Where(s => !s.IsDynamic && s.Kind == SymbolKind.Function && s.IsDefined && s.Value >= text && s.Value < etext)
            .GroupBy(s => s.Value)
            .ToDictionary(g => g.Key, g => g.Select(s => StripAbi(s.Name)).ToHashSet());

        // Zero-length host-object functions of the race runtime can share an entry with the next function.
        var byEntry = go.Functions.GroupBy(f => f.Entry).ToDictionary(g => g.Key, g => g.ToList());
        var missingInPclntab = symbols.Keys.Where(a => !byEntry.ContainsKey(a)).Select(a => $"0x{a:x} {string.Join(",", symbols[a])}").ToList();
        var missingInSymtab = go.Functions.Where(f => !symbols.ContainsKey(f.Entry)).Select(f => f.ToString()).ToList();
        var misnamed = go.Functions.Where(f => symbols.TryGetValue(f.Entry, out var names) && !names.Any(n => SameName(f.Name, n)))
            .Select(f => $"{f} vs {string.Join(",", symbols[f.Entry])}").ToList();

        Assert.AreEqual(0, missingInPclntab.Count, "symbols without pclntab entry: " + string.Join("; ", missingInPclntab.Take(10)));
        Assert.AreEqual(0, missingInSymtab.Count, "pclntab entries without symbol: " + string.Join("; ", missingInSymtab.Take(10)));
        Assert.AreEqual(0, misnamed.Count, "names differ: " + string.Join("; ", misnamed.Take(10)));
        Assert.IsTrue(go.Functions.Count > 1000, $"only {go.Functions.Count} functions");
    }

    [TestMethod]
    [DynamicData(nameof(StrippedPairs))]
    public void Functions_StrippedTwin_SameFunctions(Fixture unstripped, Fixture stripped)
    {
        var a = Load.Go(unstripped.Path);
        var b = Load.Go(stripped.Path);
        Assert.IsFalse(a.IsStripped);
        Assert.IsTrue(b.IsStripped);
        CollectionAssert.AreEqual(
            a.Functions.Select(f => (f.Name, f.Size, f.FuncId, f.Flags)).ToList(),
            b.Functions.Select(f => (f.Name, f.Size, f.FuncId, f.Flags)).ToList());
    }

    [TestMethod]
    [DynamicData(nameof(Fixtures.AllRows), typeof(Fixtures))]
    public void SourceAt_MainMain_IsInMainGo(Fixture fixture)
    {
        var go = Load.Go(fixture.Path);
        var main = go.FunctionsNamed("main.main").Single();
        var source = go.Pclntab.SourceAt(main, main.Entry);
        Assert.IsNotNull(source);
        StringAssert.EndsWith(source.Value.File, "main.go");
        Assert.IsTrue(source.Value.Line > 0);
        if (go.Pclntab.Layout >= PclntabLayout.Go120) Assert.IsTrue(main.StartLine > 0 && main.StartLine <= source.Value.Line);
    }

    [TestMethod]
    [DynamicData(nameof(Fixtures.AllRows), typeof(Fixtures))]
    public void Layout_MatchesToolchain(Fixture fixture)
    {
        var go = Load.Go(fixture.Path);
        var expected = go.Version!.Minor >= 20 ? PclntabLayout.Go120 : go.Version.Minor >= 18 ? PclntabLayout.Go118 : go.Version.Minor >= 16 ? PclntabLayout.Go116 : PclntabLayout.Go12;
        Assert.AreEqual(expected, go.Pclntab.Layout);
        Assert.AreEqual(fixture.GoVersion, go.Version.Text);
    }

    /// <summary>
    /// pclntab shortens bracketed type arguments (generic shapes, array lengths in type..eq names) to "[...]"
    /// where the symbol table keeps them in full (cmd/link/internal/ld/pcln.go).
    /// </summary>
    private static bool SameName(string pclntabName, string symbolName)
    {
        if (pclntabName == symbolName || pclntabName.Replace('·', '.') == symbolName) return true;
        if (!pclntabName.Contains("[...]", StringComparison.Ordinal)) return false;
        var pattern = "^" + string.Join(@"\[.*?\]", pclntabName.Split("[...]").Select(System.Text.RegularExpressions.Regex.Escape)) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(symbolName, pattern);
    }

    private static string StripAbi(string name) =>
        name.EndsWith(".abi0", StringComparison.Ordinal) ? name[..^5] :
        name.EndsWith(".abiinternal", StringComparison.Ordinal) ? name[..^12] : name;
}
