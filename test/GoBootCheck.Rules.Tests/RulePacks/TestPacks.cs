namespace GoBootCheck.Tests.RulePacks;

/// <summary>The rule packs the test project builds and copies to packs/ (test/RulePacks).</summary>
internal static class TestPacks
{
    public static string Faulty => Path("FaultyRulePack");

    public static string Sample => Path("Acme.GoRules");

    private static string Path(string name)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "packs", name, name + ".dll");
        return File.Exists(path) ? path : throw new AssertFailedException($"the test rule pack {path} was not built next to the tests");
    }
}
