using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace GoBootCheck.Binary;

/// <summary>
/// The content of one DWARF section, decompressed. LibObjectFile does not decompress, so this does, for the three
/// storage forms Go's linkers produce (go-prologue-pclntab.md §6):
/// <list type="bullet">
/// <item>plain <c>.debug_X</c> (Go ≤ 1.10, or -ldflags=-compressdwarf=false);</item>
/// <item><c>.zdebug_X</c>: "ZLIB", an 8-byte big-endian uncompressed size, then a zlib stream (Go 1.11–1.18);</item>
/// <item><c>.debug_X</c> with SHF_COMPRESSED: an Elf64_Chdr (ch_type 1 = ZLIB, ch_size, ch_addralign), then a zlib
/// stream (Go 1.19+, and external linkers asked to compress).</item>
/// </list>
/// Every size read from the file is bounded before it drives an allocation: over the cap, or more than zlib can
/// expand the stored bytes to, is corrupt.
/// </summary>
internal static class DebugSections
{
    /// <summary>Largest decompressed section accepted (far above Go's biggest real .debug_info).</summary>
    internal const long MaxSectionSize = 512L * 1024 * 1024;

    /// <summary>zlib's best case is about 1032:1; a declared size beyond that cannot be produced by the stored bytes.</summary>
    private const long MaxZlibRatio = 1032;

    private const uint ELFCOMPRESS_ZLIB = 1;
    private const int Elf64ChdrSize = 24;
    private const int ZdebugHeaderSize = 12;

    /// <summary>
    /// Reads DWARF section <paramref name="suffix"/> ("info" for .debug_info or .zdebug_info).
    /// Returns <see cref="DebugSectionStatus.Missing"/> if neither exists, <see cref="DebugSectionStatus.OverBudget"/>
    /// without decompressing if its size exceeds <paramref name="budget"/>; <paramref name="error"/> says why otherwise.
    /// </summary>
    public static DebugSectionStatus TryRead(BinaryImage image, string suffix, long budget, out byte[]? content, out string? error)
    {
        content = null;
        error = null;
        var plain = image.FindSection(".debug_" + suffix);
        var gnu = plain is null ? image.FindSection(".zdebug_" + suffix) : null;
        var section = plain ?? gnu;
        if (section is null || section.IsNoBits) return DebugSectionStatus.Missing;

        // ElfLoader checked that every section's bytes lie inside the file.
        var stored = image.Bytes.Slice((int)section.FileOffset, (int)section.Size);
        if (gnu is not null) return ReadZdebug(section.Name, stored, budget, out content, out error);
        if (section.IsCompressed) return ReadChdr(section.Name, stored, budget, out content, out error);
        if ((long)section.Size > budget)
        {
            error = $"{section.Name} has {section.Size} bytes, over the {budget}-byte budget";
            return DebugSectionStatus.OverBudget;
        }
        content = stored.ToArray();
        return DebugSectionStatus.Read;
    }

    /// <summary>.zdebug_X: "ZLIB" + big-endian u64 size + zlib stream (Go 1.11–1.18, binutils zlib-gnu).</summary>
    internal static DebugSectionStatus ReadZdebug(string name, ReadOnlyMemory<byte> stored, long budget, out byte[]? content, out string? error)
    {
        content = null;
        if (stored.Length < ZdebugHeaderSize || !stored.Span[..4].SequenceEqual("ZLIB"u8))
        {
            error = $"{name} does not start with the \"ZLIB\" header of a GNU-compressed section";
            return DebugSectionStatus.Corrupt;
        }
        ulong size = BinaryPrimitives.ReadUInt64BigEndian(stored.Span[4..]);
        return Inflate(name, stored[ZdebugHeaderSize..], size, budget, out content, out error);
    }

    /// <summary>SHF_COMPRESSED: Elf64_Chdr { u32 ch_type; u32 ch_reserved; u64 ch_size; u64 ch_addralign; } + stream.</summary>
    internal static DebugSectionStatus ReadChdr(string name, ReadOnlyMemory<byte> stored, long budget, out byte[]? content, out string? error)
    {
        content = null;
        if (stored.Length < Elf64ChdrSize)
        {
            error = $"{name} is SHF_COMPRESSED but shorter than an Elf64_Chdr ({stored.Length} bytes)";
            return DebugSectionStatus.Corrupt;
        }
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(stored.Span);
        if (type != ELFCOMPRESS_ZLIB)
        {
            // ELFCOMPRESS_ZSTD (2) is valid ELF that Go does not write; the table is used.
            error = $"{name} uses compression type {type}; only ELFCOMPRESS_ZLIB (1) is read";
            return DebugSectionStatus.Unsupported;
        }
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(stored.Span[8..]);
        return Inflate(name, stored[Elf64ChdrSize..], size, budget, out content, out error);
    }

    private static DebugSectionStatus Inflate(string name, ReadOnlyMemory<byte> zlib, ulong declared, long budget, out byte[]? content, out string? error)
    {
        content = null;
        if (declared > (ulong)MaxSectionSize || declared > (ulong)zlib.Length * MaxZlibRatio + 64)
        {
            error = $"{name} declares an uncompressed size of {declared} bytes, more than {zlib.Length} compressed bytes can hold or above the {MaxSectionSize}-byte cap";
            return DebugSectionStatus.Corrupt;
        }
        if (declared > (ulong)budget)
        {
            error = $"{name} inflates to {declared} bytes, over the {budget}-byte budget";
            return DebugSectionStatus.OverBudget;
        }
        var buffer = new byte[declared];
        try
        {
            using var input = MemoryMarshal.TryGetArray(zlib, out var segment) && segment.Array is { } array
                ? new MemoryStream(array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(zlib.ToArray(), writable: false);
            using var inflater = new ZLibStream(input, CompressionMode.Decompress);
            int filled = 0;
            while (filled < buffer.Length)
            {
                int n = inflater.Read(buffer, filled, buffer.Length - filled);
                if (n == 0) break;
                filled += n;
            }
            if (filled != buffer.Length || inflater.Read(new byte[1], 0, 1) != 0)
            {
                error = $"{name} inflates to {(filled != buffer.Length ? filled.ToString(CultureInfo.InvariantCulture) : "more than " + filled.ToString(CultureInfo.InvariantCulture))} bytes, not the declared {declared}";
                return DebugSectionStatus.Corrupt;
            }
        }
        catch (InvalidDataException ex)
        {
            error = $"{name} is not a valid zlib stream ({ex.Message})";
            return DebugSectionStatus.Corrupt;
        }
        content = buffer;
        error = null;
        return DebugSectionStatus.Read;
    }
}

/// <summary>Outcome of <see cref="DebugSections.TryRead"/>.</summary>
internal enum DebugSectionStatus
{
    /// <summary>The section was read (and decompressed if needed).</summary>
    Read,
    /// <summary>The binary has no such section (stripped, -w).</summary>
    Missing,
    /// <summary>Valid ELF that this reader does not decode (e.g. zstd compression).</summary>
    Unsupported,
    /// <summary>The section's header or stream is inconsistent.</summary>
    Corrupt,
    /// <summary>The section is valid as far as checked but larger than the caller's budget; it was not decompressed.</summary>
    OverBudget,
}
