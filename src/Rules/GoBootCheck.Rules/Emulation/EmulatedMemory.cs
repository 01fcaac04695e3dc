using System.Buffers.Binary;
using GoBootCheck.Binary;

namespace GoBootCheck.Emulation;

/// <summary>Why a memory access failed.</summary>
internal enum MemoryFaultKind
{
    /// <summary>No region maps the address.</summary>
    Unmapped,
    /// <summary>A write to a region mapped without write permission.</summary>
    ReadOnly,
    /// <summary>An instruction fetch from a region mapped without execute permission.</summary>
    NotExecutable,
}

/// <summary>A failed access: the first faulting address and why.</summary>
internal readonly record struct MemoryFault(ulong Address, MemoryFaultKind Kind, MemoryRegion? Region);

/// <summary>
/// The emulated address space: regions with permissions, 4 KiB pages materialized on first write
/// (copy-on-write over the image, zero elsewhere). Nothing outside the regions exists.
/// </summary>
internal sealed class EmulatedMemory
{
    private const int PageShift = 12;
    private const ulong PageSize = 1UL << PageShift;

    private readonly List<MemoryRegion> _regions = [];
    private readonly Dictionary<ulong, byte[]> _pages = [];
    private MemoryRegion? _lastHit;

    /// <summary>The regions, in mapping order.</summary>
    public IReadOnlyList<MemoryRegion> Regions => _regions;

    /// <summary>Number of pages written so far (a measure of the run's footprint).</summary>
    public int MaterializedPages => _pages.Count;

    /// <summary>Maps a region; regions must not overlap (a loader bug otherwise).</summary>
    public MemoryRegion Map(MemoryRegion region)
    {
        if (_regions.Any(r => r.Start < region.End && region.Start < r.End))
            throw new InvalidOperationException($"region {region.Name} at 0x{region.Start:x} overlaps an existing mapping");
        _regions.Add(region);
        return region;
    }

    /// <summary>The region containing <paramref name="address"/>, or null.</summary>
    public MemoryRegion? FindRegion(ulong address)
    {
        if (_lastHit is { } h && h.Contains(address)) return h;
        foreach (var r in _regions)
        {
            if (r.Contains(address)) return _lastHit = r;
        }
        return null;
    }

    /// <summary>Reads bytes; on failure, the first unmapped address.</summary>
    public MemoryFault? Read(ulong address, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var region = FindRegion(address);
            if (region is null) return new MemoryFault(address, MemoryFaultKind.Unmapped, null);
            ulong pageEnd = (address | (PageSize - 1)) + 1;
            int n = (int)Math.Min((ulong)destination.Length, Math.Min(pageEnd, region.End) - address);
            if (_pages.TryGetValue(address >> PageShift, out var page))
                page.AsSpan((int)(address & (PageSize - 1)), n).CopyTo(destination);
            else
                ReadPristine(region, address, destination[..n]);
            destination = destination[n..];
            address += (ulong)n;
        }
        return null;
    }

    /// <summary>Writes bytes with the program's permissions: read-only regions fault.</summary>
    public MemoryFault? Write(ulong address, ReadOnlySpan<byte> source) => Write(address, source, enforce: true);

    /// <summary>Writes bytes as the loader or a model does, ignoring write protection (relocations, auxv).</summary>
    public MemoryFault? Poke(ulong address, ReadOnlySpan<byte> source) => Write(address, source, enforce: false);

    /// <summary>Checks that [address, address+length) is mapped with all of <paramref name="access"/>.</summary>
    public MemoryFault? Check(ulong address, ulong length, SegmentAccess access)
    {
        ulong end = address + length;
        while (address < end)
        {
            var region = FindRegion(address);
            if (region is null) return new MemoryFault(address, MemoryFaultKind.Unmapped, null);
            if ((region.Access & access) != access)
                return new MemoryFault(address, access.HasFlag(SegmentAccess.Execute) ? MemoryFaultKind.NotExecutable : MemoryFaultKind.ReadOnly, region);
            address = region.End;
        }
        return null;
    }

    /// <summary>Reads a little-endian word of 1, 2, 4 or 8 bytes.</summary>
    public MemoryFault? ReadUInt(ulong address, int bytes, out ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        b.Clear();
        var fault = Read(address, b[..bytes]);
        value = BinaryPrimitives.ReadUInt64LittleEndian(b);
        return fault;
    }

    /// <summary>Writes a little-endian word of 1, 2, 4 or 8 bytes with the program's permissions.</summary>
    public MemoryFault? WriteUInt(ulong address, int bytes, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        return Write(address, b[..bytes]);
    }

    /// <summary>Writes a 64-bit word ignoring protection (loader, models).</summary>
    public void PokeUInt64(ulong address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        if (Poke(address, b) is { } f) throw new InvalidOperationException($"loader write to unmapped 0x{f.Address:x}");
    }

    /// <summary>Reads a 64-bit word, or null if unmapped.</summary>
    public ulong? PeekUInt64(ulong address) => ReadUInt(address, 8, out ulong v) is null ? v : null;

    private MemoryFault? Write(ulong address, ReadOnlySpan<byte> source, bool enforce)
    {
        if (enforce && Check(address, (ulong)source.Length, SegmentAccess.Write) is { } fault) return fault;
        while (!source.IsEmpty)
        {
            var region = FindRegion(address);
            if (region is null) return new MemoryFault(address, MemoryFaultKind.Unmapped, null);
            ulong pageEnd = (address | (PageSize - 1)) + 1;
            int n = (int)Math.Min((ulong)source.Length, Math.Min(pageEnd, region.End) - address);
            source[..n].CopyTo(PageFor(region, address).AsSpan((int)(address & (PageSize - 1)), n));
            source = source[n..];
            address += (ulong)n;
        }
        return null;
    }

    private byte[] PageFor(MemoryRegion region, ulong address)
    {
        ulong number = address >> PageShift;
        if (_pages.TryGetValue(number, out var page)) return page;
        page = new byte[PageSize];
        // Only the part of the page inside the region has content; a region boundary inside a page reads as zero.
        ulong pageStart = number << PageShift;
        ulong from = Math.Max(pageStart, region.Start), to = Math.Min(pageStart + PageSize, region.End);
        ReadPristine(region, from, page.AsSpan((int)(from - pageStart), (int)(to - from)));
        foreach (var other in _regions)
        {
            if (other == region || other.End <= pageStart || other.Start >= pageStart + PageSize) continue;
            ulong f = Math.Max(pageStart, other.Start), t = Math.Min(pageStart + PageSize, other.End);
            ReadPristine(other, f, page.AsSpan((int)(f - pageStart), (int)(t - f)));
        }
        _pages[number] = page;
        return page;
    }

    private static void ReadPristine(MemoryRegion region, ulong address, Span<byte> destination)
    {
        if (region.Backing is null || !region.Backing.TryRead(address - region.LoadBias, destination))
            destination.Clear();
    }
}
