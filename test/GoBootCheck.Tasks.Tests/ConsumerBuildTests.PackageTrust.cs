using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;
using GoBootCheck.Reporting;
using GoBootCheck.Tasks.Tests.Infrastructure;

namespace GoBootCheck.Tasks.Tests;

// What people check before they trust a build-time dependency, on the package ConsumerBuildTests packs: repository
// metadata, SourceLink and the version all derive from the one property each in Directory.Build.props, and symbols
// ship as a .snupkg beside the package.
public sealed partial class ConsumerBuildTests
{
    /// <summary>A property of one of the repository's props files (Directory.Build.props, version.props), as written there.</summary>
    private static string BuildProperty(string name, string file = "Directory.Build.props") =>
        XDocument.Load(Path.Combine(ConsumerWorkspace.RepositoryRootDirectory, file)).Descendants(name).Single().Value;

    private static XElement Metadata(ZipArchive package, string nuspec)
    {
        using var reader = new StreamReader(package.GetEntry(nuspec)!.Open());
        return XDocument.Load(reader).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    [TestMethod]
    public void Package_RepositoryMetadataSarifAndHelpLinks_AllComeFromGoBootCheckRepositoryUrl()
    {
        string url = BuildProperty("GoBootCheckRepositoryUrl");

        using var zip = ZipFile.OpenRead(Workspace.Package);
        var metadata = Metadata(zip, "GoBootCheck.nuspec");
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");

        Assert.AreEqual(url, repository.Attribute("url")?.Value);
        Assert.AreEqual("git", repository.Attribute("type")?.Value);
        Assert.MatchesRegex("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "", "the commit the package was built from");
        Assert.AreEqual(url, metadata.Elements().Single(e => e.Name.LocalName == "projectUrl").Value);
        Assert.AreEqual(url, ProductInfo.RepositoryUrl, "the URL stamped into GoBootCheck.Rules (SARIF informationUri)");
        Assert.AreEqual($"{url}/blob/main/docs/rules/GBC0004.md", RuleHelp.LinkFor("GBC0004"));
        Assert.AreEqual($"{url}/blob/main/docs/troubleshooting.md#gbc1002", RuleHelp.LinkFor("GBC1002"));
    }

    [TestMethod]
    public void Package_VersionIsTheOneVersionProperty()
    {
        Assert.AreEqual(BuildProperty("GoBootCheckVersion", "version.props"), Workspace.Version);
        Assert.AreEqual(BuildProperty("GoBootCheckVersion", "version.props"), ToolVersion.Current);
    }

    [TestMethod]
    public void Symbols_SnupkgBesideThePackage_HasThePdbsWithSourceLinkToTheRepository()
    {
        string url = BuildProperty("GoBootCheckRepositoryUrl");
        string symbols = Path.ChangeExtension(Workspace.Package, ".snupkg");
        Assert.IsTrue(File.Exists(symbols), $"no symbol package beside {Workspace.Package}");

        using var zip = ZipFile.OpenRead(symbols);
        var pdbs = zip.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        // The task ships in its content-hash folder, tasks/net8.0/<hash>/ (a changed task never loads from an old path).
        Assert.IsTrue(pdbs.All(p => System.Text.RegularExpressions.Regex.IsMatch(p, "^tasks/net8\\.0/[0-9a-f]{16}/[^/]+$")), string.Join(", ", pdbs));
        CollectionAssert.AreEqual(new[] { "GoBootCheck.Rules.pdb", "GoBootCheck.Tasks.pdb" }, pdbs.Select(p => Path.GetFileName(p)).ToList());

        using var pdb = new MemoryStream();
        using (var entry = zip.GetEntry(pdbs.Single(p => p.EndsWith("/GoBootCheck.Tasks.pdb", StringComparison.Ordinal)))!.Open()) entry.CopyTo(pdb);
        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        string sourceLink = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == sourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .Single();
        // github.com/<owner>/<repo> → raw.githubusercontent.com/<owner>/<repo>/<commit>/*
        string ownerAndRepository = new Uri(url).AbsolutePath.Trim('/');
        StringAssert.Contains(sourceLink, $"https://raw.githubusercontent.com/{ownerAndRepository}/");
    }
}
