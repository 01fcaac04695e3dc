using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GoBootCheck.Tasks.Tests.Infrastructure;

namespace GoBootCheck.Tasks.Tests;

/// <summary>
/// A reused MSBuild node keeps a task assembly loaded for its whole life, by path: the package and the from-source
/// build therefore put the task in a folder named by the hash of its files, so that changed files mean a new path.
/// </summary>
[TestClass]
public sealed class TaskFolderTests
{
    [TestMethod]
    public void Package_TaskFolderIsTheHashOfTheShippedTaskFiles_AndThePropsNameIt()
    {
        var workspace = ConsumerWorkspace.Shared;
        using var zip = ZipFile.OpenRead(workspace.Package);
        var taskFiles = zip.Entries.Where(e => e.FullName.StartsWith("tasks/net8.0/", StringComparison.Ordinal) && e.Length > 0).ToList();
        string folder = taskFiles.Select(e => e.FullName.Split('/')[2]).Distinct().Single();

        // The recipe of GoBootCheck.Package's _GoBootCheckTaskFolder: "name=SHA-256" lines of the shipped files in its
        // order, written as a file and hashed; the first 16 hex digits name the folder.
        string[] order =
        [
            "GoBootCheck.Tasks.dll", "GoBootCheck.Rules.dll", "GoBootCheck.CgoHeaders.dll", "GoBootCheck.Sdk.dll", "GoBootCheck.Rules.BuiltIn.dll",
            "Iced.dll", "LibObjectFile.dll", "GoBootCheck.Tasks.deps.json",
            "System.Text.Encoding.CodePages.dll", "runtimes/win/lib/net8.0/System.Text.Encoding.CodePages.dll",
        ];
        var text = new StringBuilder();
        foreach (string name in order)
        {
            var entry = zip.GetEntry($"tasks/net8.0/{folder}/{name}") ?? throw new AssertFailedException($"{name} is not in tasks/net8.0/{folder}/");
            text.Append(Path.GetFileName(name)).Append('=').Append(Convert.ToHexString(SHA256.HashData(Read(entry)))).Append('\n');
        }
        string expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16].ToLowerInvariant();
        using var props = new StreamReader(zip.GetEntry("build/GoBootCheck.TaskFolder.props")!.Open());

        Assert.AreEqual(expected, folder, "the folder is named by the hash of the task's files");
        StringAssert.Contains(props.ReadToEnd(), $"$(MSBuildThisFileDirectory)../tasks/net8.0/{folder}/");
        // The pdbs the nuspec lists go to the symbols package (snupkg), not here.
        Assert.HasCount(order.Length, taskFiles, "the task files, nothing else: " + string.Join(", ", taskFiles.Select(e => e.FullName)));
    }

    /// <summary>
    /// The task's code ships ReadyToRun (a ManagedNativeHeader in each image), the task assembly included: a cold build
    /// jitted 117 of its methods when it shipped as IL.
    /// </summary>
    [TestMethod]
    public void Package_TaskAssembliesArePrecompiled()
    {
        using var zip = ZipFile.OpenRead(ConsumerWorkspace.Shared.Package);
        foreach (string name in new[] { "GoBootCheck.Tasks.dll", "GoBootCheck.Rules.dll", "GoBootCheck.Sdk.dll", "GoBootCheck.Rules.BuiltIn.dll", "GoBootCheck.CgoHeaders.dll", "Iced.dll", "LibObjectFile.dll" })
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith("tasks/net8.0/", StringComparison.Ordinal) && e.Name == name);
            using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(Read(entry)));
            Assert.IsTrue(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{name} has no ReadyToRun code");
        }
    }

    [TestMethod]
    public void FromSource_TheBuildWritesAHashedCopyAndThePropsNameIt()
    {
        string output = Path.Combine(ConsumerWorkspace.RepositoryRoot(), "src", "Tasks", "GoBootCheck.Tasks", "bin", "Release", "net8.0");
        string props = File.ReadAllText(Path.Combine(output, "GoBootCheck.TaskFolder.props"));
        string hash = System.Text.RegularExpressions.Regex.Match(props, @"hashed/([0-9a-f]{16})/").Groups[1].Value;
        Assert.AreEqual(16, hash.Length, props);
        string copy = Path.Combine(output, "hashed", hash);

        foreach (string name in new[] { "GoBootCheck.Tasks.dll", "GoBootCheck.Rules.dll", "Iced.dll", "LibObjectFile.dll" })
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(output, name)), File.ReadAllBytes(Path.Combine(copy, name)), name);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
