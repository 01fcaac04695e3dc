using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Go;

[TestClass]
public sealed class BuildInfoTests
{
    /// <summary>Build info read from the binary alone equals what `go version -m` prints for it.</summary>
    [TestMethod]
    [DynamicData(nameof(Fixtures.AllRows), typeof(Fixtures))]
    public void BuildInfo_EqualsGoVersionM(Fixture fixture)
    {
        var go = Load.Go(fixture.Path);
        var expected = fixture.GoVersionM.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsNotNull(go.BuildInfo);
        StringAssert.EndsWith(expected[0], ": " + go.BuildInfo.GoVersion);
        CollectionAssert.AreEqual(
            expected.Skip(1).Select(l => l.TrimStart('\t').TrimEnd()).ToList(),
            go.BuildInfo.ModInfoLines.Select(l => l.TrimEnd()).ToList());
    }

    /// <summary>
    /// Build mode is recorded since Go 1.20; before, it is inferred from the ELF (EXEC → exe, DYN with entry → pie,
    /// DYN without → c-shared). Race and stripping are read from the binary.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Fixtures.AllRows), typeof(Fixtures))]
    public void BuildInfo_SettingsReflectVariant(Fixture fixture)
    {
        var go = Load.Go(fixture.Path);
        Assert.AreEqual(go.Version!.Minor >= 20, go.BuildInfo!.Setting("-buildmode") is not null);
        Assert.AreEqual(fixture.BuildMode, GoBootCheck.Go.GoBinary.BuildModeName(go.BuildMode));
        Assert.AreEqual(fixture.Variant == "race", go.IsRace);
        Assert.AreEqual(fixture.Stripped, go.IsStripped);
    }
}
