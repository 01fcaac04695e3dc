namespace GoBootCheck.Tasks;

/// <summary>
/// Writes an output file so that a reader only ever sees the previous content or the complete new one: the content
/// goes to a temporary file of a unique name beside the target (two projects of one <c>-m</c> build, or two builds of
/// one project, never share one), which is then renamed over the target. A build cancelled or killed mid-way leaves
/// the old file (and at most a stray temporary file, never a truncated target); a failed write deletes its temporary file.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; the file system's exceptions reach the caller.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless, the target is intact.
        }
    }
}
