using LibObjectFile.Elf;

namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>Broken and foreign inputs, made in a test's own directory.</summary>
internal static class TestFiles
{
    /// <summary>A text file: not ELF (GBC1002).</summary>
    public static string Text(string directory, string name = "notes.txt")
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, "Hello, this is not a Go binary.\n");
        return path;
    }

    /// <summary>The first half of a real Go binary: ELF headers that point past the end (GBC1003).</summary>
    public static string Truncated(string directory, string goBinary, string name = "hello-truncated")
    {
        byte[] bytes = File.ReadAllBytes(goBinary);
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        return path;
    }

    /// <summary>A small, valid ELF64 AArch64 executable made with LibObjectFile: a valid input of another architecture (GBC1004).</summary>
    public static string Arm64Elf(string directory, string name = "hello-arm64")
    {
        var elf = new ElfFile(ElfArch.AARCH64) { FileType = ElfFileType.Executable };
        // mov x0, #0; mov x8, #93 (exit); svc #0
        byte[] code = [0x00, 0x00, 0x80, 0xd2, 0xa8, 0x0b, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4];
        elf.Add(new ElfStreamSection(ElfSectionSpecialType.Text, new MemoryStream(code)));
        elf.Add(new ElfSectionHeaderStringTable());
        elf.Add(new ElfSectionHeaderTable());
        string path = Path.Combine(directory, name);
        using (var stream = File.Create(path))
        {
            elf.Write(stream);
        }
        return path;
    }
}
