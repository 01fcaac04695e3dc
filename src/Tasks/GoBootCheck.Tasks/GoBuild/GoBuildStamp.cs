using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GoBootCheck.Tasks.GoBuild;

/// <summary>
/// The up-to-date record of one GoProgram, kept in obj/: the key (toolchain identity, environment, every setting of
/// the go build command line), the output as written, and the state of every input file and directory when the
/// build started. A build is up to date exactly when all of it still holds; checking it starts no process.
/// </summary>
internal sealed class GoBuildStamp
{
    /// <summary>A state that never matches a real file: recorded for inputs that changed while go was running.</summary>
    public const long Changed = -2;

    /// <summary>A state of a file that does not exist (go.sum or go.work that may appear later).</summary>
    public const long Missing = -1;

    // Read-only after construction: safe to share between builds of a reused node.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Key { get; set; } = "";
    public string Output { get; set; } = "";
    public long OutputLength { get; set; }
    public long OutputTicks { get; set; }
    public string? Header { get; set; }
    /// <summary>Path → "length:ticks" (or a sentinel).</summary>
    public SortedDictionary<string, string> Files { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Directory → ticks of its last write.</summary>
    public SortedDictionary<string, long> Directories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A short hash of the key's text (the text itself is stored for people and tests).</summary>
    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();

    /// <summary>The stamp at <paramref name="path"/>, or null if there is none or it cannot be read (then go builds).</summary>
    public static GoBuildStamp? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<GoBuildStamp>(File.ReadAllBytes(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes beside and moves, so a cancelled build never leaves half a stamp.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Indented));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The state of a file as the stamp records it: "length:ticks", Missing, or Changed if written after <paramref name="since"/>.</summary>
    public static string FileState(string path, DateTime since)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return Missing.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (info.LastWriteTimeUtc >= since) return Changed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
    }

    /// <summary>A directory's last-write ticks, Missing, or Changed if written after <paramref name="since"/>.</summary>
    public static long DirectoryState(string path, DateTime since)
    {
        var info = new DirectoryInfo(path);
        if (!info.Exists) return Missing;
        return info.LastWriteTimeUtc >= since ? Changed : info.LastWriteTimeUtc.Ticks;
    }

    /// <summary>Null if the build is up to date with <paramref name="key"/>, else the first reason it is not.</summary>
    public string? WhyNotUpToDate(string key, string output, string? header)
    {
        if (Key != key) return "the toolchain, environment or settings changed";
        if (!string.Equals(Output, output, StringComparison.Ordinal) || !string.Equals(Header, header, StringComparison.Ordinal)) return "the output path changed";
        var written = new FileInfo(output);
        if (!written.Exists) return $"{output} does not exist";
        if (written.Length != OutputLength || written.LastWriteTimeUtc.Ticks != OutputTicks) return $"{output} was changed after go build wrote it";
        if (header is not null && !File.Exists(header)) return $"{header} does not exist";
        foreach (var (directory, ticks) in Directories)
        {
            if (DirectoryState(directory, DateTime.MaxValue) != ticks) return $"{directory} changed (a file was added, removed or renamed)";
        }
        foreach (var (file, state) in Files)
        {
            if (FileState(file, DateTime.MaxValue) != state) return $"{file} changed";
        }
        return null;
    }
}
