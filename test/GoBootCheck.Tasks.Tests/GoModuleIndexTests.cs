namespace GoBootCheck.Tasks.Tests;

/// <summary>How the repository's Go modules are found for mapping -trimpath source names to files.</summary>
[TestClass]
public sealed class GoModuleIndexTests
{
    [TestMethod]
    [DataRow("module example.com/hello", "example.com/hello")]
    [DataRow("module \"example.com/quoted\" // comment", "example.com/quoted")]
    [DataRow("// module example.com/commented\nmodule example.com/real", "example.com/real")]
    [DataRow("go 1.22", null)]
    [DataRow("modules example.com/x", null)]
    public void ModulePath_GoModDirective(string text, string? expected) =>
        Assert.AreEqual(expected, GoModuleIndex.ModulePath(text.Split('\n')));

    [TestMethod]
    public void Find_SkipsBuildOutputHiddenAndVendorDirectories()
    {
        string root = Path.Combine(Path.GetTempPath(), "gbc-mods-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            void Module(string relative, string path)
            {
                Directory.CreateDirectory(Path.Combine(root, relative));
                File.WriteAllText(Path.Combine(root, relative, "go.mod"), $"module {path}\n\ngo 1.22\n");
            }
            Module("go/server", "example.com/server");
            Module("tools/gen", "example.com/tools/gen");
            Module("go/server/vendor/example.com/dep", "example.com/dep");
            Module(".cache/x", "example.com/hidden");
            Module("obj/y", "example.com/obj");

            var modules = GoModuleIndex.Find(root);

            CollectionAssert.AreEquivalent(new[] { "example.com/server", "example.com/tools/gen" }, modules.Keys.ToList());
            Assert.AreEqual(Path.Combine(root, "go", "server"), modules["example.com/server"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
