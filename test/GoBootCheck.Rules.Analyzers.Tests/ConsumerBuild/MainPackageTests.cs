using System.Xml.Linq;

namespace GoBootCheck.Rules.Analyzers.Tests.ConsumerBuild;

/// <summary>
/// The main GoBootCheck package does not bring the rule-pack analyzer to projects that only consume it: it neither
/// carries the analyzer's assemblies nor depends on GoBootCheck.Sdk (whose package does). The package's full contents
/// are checked after packing by GoBootCheck.Tasks.Tests (its analyzers folder holds exactly the interop analyzer).
/// </summary>
[TestClass]
public sealed class MainPackageTests
{
    [TestMethod]
    public void MainNuspec_NeitherShipsTheRulePackAnalyzerNorDependsOnTheSdkPackage()
    {
        var nuspec = XDocument.Load(Path.Combine(SdkPackWorkspace.RepositoryRoot, "GoBootCheck.nuspec"));
        var files = nuspec.Descendants().Where(e => e.Name.LocalName == "file").Select(e => (string)e.Attribute("src")!).ToList();
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();

        Assert.IsNotEmpty(files, "the nuspec lists its files");
        Assert.IsEmpty(files.Where(f => f.Contains("GoBootCheck.Rules.Analyzers", StringComparison.Ordinal) || f.Contains("GoBootCheck.Rules.CodeFixes", StringComparison.Ordinal)).ToList());
        CollectionAssert.DoesNotContain(dependencies, "GoBootCheck.Sdk");
    }
}
