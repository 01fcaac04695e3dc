using GoBootCheck.Binary;

namespace GoBootCheck.Emulation;

/// <summary>What a region of emulated memory is for; named in stop reasons and the trace.</summary>
internal enum RegionKind
{
    /// <summary>A PT_LOAD segment of the verified image.</summary>
    Image,
    /// <summary>A thread stack (the initial process stack or one created by a pthread_create model).</summary>
    Stack,
    /// <summary>A thread control block with the static TLS block below it.</summary>
    ThreadControlBlock,
    /// <summary>Memory handed out by the malloc model.</summary>
    Heap,
    /// <summary>Entry points of import models; executing one runs the model.</summary>
    ModelStubs,
    /// <summary>Data objects imported by name (stdout, environ …), zero-filled.</summary>
    ImportedData,
}

/// <summary>
/// One mapping of the emulated address space. Image regions read through to the file's bytes until a page is
/// written (copy-on-write); every other region reads as zero until written.
/// </summary>
/// <param name="Start">First address.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Access">Permissions, as the loader or kernel would map it.</param>
/// <param name="Kind">What the region is for.</param>
/// <param name="Name">For messages: "PT_LOAD 0x400000 r-x", "main thread stack".</param>
/// <param name="Backing">For image regions: the image's memory at link-time addresses.</param>
/// <param name="LoadBias">Added to link-time addresses (0 for ET_EXEC).</param>
internal sealed record MemoryRegion(ulong Start, ulong Size, SegmentAccess Access, RegionKind Kind, string Name,
    VirtualMemory? Backing = null, ulong LoadBias = 0)
{
    /// <summary>One past the last address.</summary>
    public ulong End => Start + Size;

    /// <summary>True if <paramref name="address"/> is inside.</summary>
    public bool Contains(ulong address) => address >= Start && address - Start < Size;

    /// <summary>"r-x" style permissions.</summary>
    public string Permissions =>
        $"{((Access & SegmentAccess.Read) != 0 ? 'r' : '-')}{((Access & SegmentAccess.Write) != 0 ? 'w' : '-')}{((Access & SegmentAccess.Execute) != 0 ? 'x' : '-')}";
}
