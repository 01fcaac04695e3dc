using System.Buffers.Binary;

namespace GoBootCheck.Binary;

/// <summary>
/// The image's address space as the loader maps it at its link-time addresses: PT_LOAD segments over the file's
/// bytes, zero-filled past p_filesz. Reads never copy more than asked and never throw on bad addresses.
/// </summary>
public sealed class VirtualMemory
{
    private readonly ReadOnlyMemory<byte> _file;
    private readonly Segment[] _segments; // sorted by address, non-overlapping (checked at load)

    internal VirtualMemory(ReadOnlyMemory<byte> file, IReadOnlyList<Segment> loadSegments)
    {
        _file = file;
        _segments = [.. loadSegments.OrderBy(s => s.VirtualAddress)];
    }

    /// <summary>The PT_LOAD segments, sorted by address.</summary>
    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>The segment containing <paramref name="address"/>, or null if unmapped.</summary>
    public Segment? FindSegment(ulong address)
    {
        int lo = 0, hi = _segments.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var s = _segments[mid];
            if (address < s.VirtualAddress) hi = mid - 1;
            else if (address - s.VirtualAddress >= s.MemorySize) lo = mid + 1;
            else return s;
        }
        return null;
    }

    /// <summary>True if every byte of [address, address+length) is mapped.</summary>
    public bool IsMapped(ulong address, ulong length)
    {
        while (length > 0)
        {
            var s = FindSegment(address);
            if (s is null) return false;
            ulong n = Math.Min(length, s.End - address);
            address += n;
            length -= n;
        }
        return true;
    }

    /// <summary>
    /// The file-backed bytes at <paramref name="address"/> without copying, as many as are contiguous in the file
    /// up to <paramref name="maxLength"/> (fewer at the end of a segment's file image). Empty if unmapped or zero-filled.
    /// </summary>
    public ReadOnlySpan<byte> GetFileBacked(ulong address, int maxLength)
    {
        var s = FindSegment(address);
        if (s is null) return default;
        ulong rel = address - s.VirtualAddress;
        if (rel >= s.FileSize) return default;
        ulong n = Math.Min((ulong)maxLength, s.FileSize - rel);
        return _file.Span.Slice(checked((int)(s.FileOffset + rel)), (int)n);
    }

    /// <summary>
    /// Like <see cref="GetFileBacked"/>, as memory a decoder can keep between calls (still zero-copy).
    /// </summary>
    public ReadOnlyMemory<byte> GetFileBackedMemory(ulong address, int maxLength)
    {
        var s = FindSegment(address);
        if (s is null) return default;
        ulong rel = address - s.VirtualAddress;
        if (rel >= s.FileSize) return default;
        ulong n = Math.Min((ulong)maxLength, s.FileSize - rel);
        return _file.Slice(checked((int)(s.FileOffset + rel)), (int)n);
    }

    /// <summary>Copies [address, address+destination.Length) into <paramref name="destination"/>; false if any byte is unmapped.</summary>
    public bool TryRead(ulong address, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var s = FindSegment(address);
            if (s is null) return false;
            ulong rel = address - s.VirtualAddress;
            int n = (int)Math.Min((ulong)destination.Length, s.MemorySize - rel);
            int fromFile = rel >= s.FileSize ? 0 : (int)Math.Min((ulong)n, s.FileSize - rel);
            if (fromFile > 0)
                _file.Span.Slice(checked((int)(s.FileOffset + rel)), fromFile).CopyTo(destination);
            destination.Slice(fromFile, n - fromFile).Clear();
            destination = destination[n..];
            address += (ulong)n;
        }
        return true;
    }

    /// <summary>Reads a little-endian 64-bit word.</summary>
    public bool TryReadUInt64(ulong address, out ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        bool ok = TryRead(address, b);
        value = ok ? BinaryPrimitives.ReadUInt64LittleEndian(b) : 0;
        return ok;
    }

    /// <summary>Reads a little-endian 32-bit word.</summary>
    public bool TryReadUInt32(ulong address, out uint value)
    {
        Span<byte> b = stackalloc byte[4];
        bool ok = TryRead(address, b);
        value = ok ? BinaryPrimitives.ReadUInt32LittleEndian(b) : 0;
        return ok;
    }
}
