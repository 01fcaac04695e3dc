namespace GoBootCheck.Tasks.Tests;

/// <summary>Outputs are never half-written: the old file or the whole new one, and no temporary file left behind.</summary>
[TestClass]
public sealed class AtomicFileTests
{
    private static string NewDirectory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gbc-atomic-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    [TestMethod]
    public void Write_FailsMidway_KeepsThePreviousFileAndLeavesNoTemporary()
    {
        string directory = NewDirectory();
        try
        {
            string path = Path.Combine(directory, "GoBootCheck.sarif");
            File.WriteAllText(path, "previous log");
            Assert.ThrowsExactly<IOException>(() => AtomicFile.Write(path, stream =>
            {
                stream.Write("half of a new lo"u8);
                throw new IOException("disk full");
            }));
            Assert.AreEqual("previous log", File.ReadAllText(path));
            CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Write_ManyWritersAtOnce_FileIsOneWholeContentAndNoTemporaryRemains()
    {
        string directory = NewDirectory();
        try
        {
            string path = Path.Combine(directory, "GoBootCheck.sarif");
            var contents = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 100_000)).ToArray();
            Parallel.ForEach(contents, new ParallelOptions { MaxDegreeOfParallelism = 8 }, text => AtomicFile.Write(path, stream =>
            {
                var bytes = System.Text.Encoding.ASCII.GetBytes(text);
                for (int i = 0; i < bytes.Length; i += 4096) stream.Write(bytes, i, Math.Min(4096, bytes.Length - i)); // interleaves with other writers
            }));
            CollectionAssert.Contains(contents, File.ReadAllText(path));
            CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Write_KilledBeforeTheRename_TargetKeepsItsOldContent()
    {
        // A process killed while writing leaves its temporary file (unique name) and never touches the target; a later
        // build writes its own temporary file and replaces the target whole.
        string directory = NewDirectory();
        try
        {
            string path = Path.Combine(directory, "GoBootCheck.sarif");
            File.WriteAllText(path, "previous log");
            File.WriteAllText($"{path}.4242.{Guid.NewGuid():N}.tmp", "{\"half"); // what a killed writer leaves
            Assert.AreEqual("previous log", File.ReadAllText(path));
            AtomicFile.Write(path, stream => stream.Write("{\"new\":1}"u8));
            Assert.AreEqual("{\"new\":1}", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
