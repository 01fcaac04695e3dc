namespace GoBootCheck.Emulation;

/// <summary>
/// Where the modeled loader puts things. The values imitate a Linux x86-64 process (PIE near 0x5555…, libraries
/// and thread data near 0x7f…, the stack below 0x7fff_ffff_f000); the model regions sit where the image never is.
/// </summary>
internal static class AddressSpaceLayout
{
    /// <summary>Load bias of a position-independent executable (what Linux uses without ASLR).</summary>
    public const ulong PieBias = 0x5555_5555_4000;
    /// <summary>Load bias of a shared object (c-shared).</summary>
    public const ulong LibraryBias = 0x7f00_0000_0000;
    /// <summary>One past the highest address of the main thread's stack.</summary>
    public const ulong StackTop = 0x7fff_ffff_f000;
    /// <summary>Size of every thread stack (glibc's default from RLIMIT_STACK = 8 MiB).</summary>
    public const ulong StackSize = 8UL << 20;
    /// <summary>Entry points of import models, 16 bytes apart.</summary>
    public const ulong StubBase = 0x7e00_0000_0000;
    /// <summary>Size of the stub region.</summary>
    public const ulong StubSize = 0x10_0000;
    /// <summary>Memory of the malloc model.</summary>
    public const ulong HeapBase = 0x7e10_0000_0000;
    /// <summary>Size of the heap region (pages exist only once written).</summary>
    public const ulong HeapSize = 256UL << 20;
    /// <summary>Imported data objects (stdout, environ …), 0x100 bytes each.</summary>
    public const ulong ImportedDataBase = 0x7e20_0000_0000;
    /// <summary>Size of the imported data region.</summary>
    public const ulong ImportedDataSize = 0x10_0000;
    /// <summary>Per-thread static TLS block and TCB areas.</summary>
    public const ulong ThreadAreaBase = 0x7e30_0000_0000;
    /// <summary>Distance between thread areas.</summary>
    public const ulong ThreadAreaStride = 0x10_0000;
    /// <summary>Stacks of threads created by the pthread_create model.</summary>
    public const ulong ThreadStackBase = 0x7e40_0000_0000;
    /// <summary>The largest static TLS block a thread area holds (its stride less the TCB's pages).</summary>
    public const ulong MaxTlsBlock = ThreadAreaStride - 0x3000;

    /// <summary>
    /// True if [start, start+size) meets the regions the emulator itself uses (models, heap, thread areas and stacks,
    /// the main stack), where no image segment may be mapped.
    /// </summary>
    public static bool IsReserved(ulong start, ulong size)
    {
        ulong end = start + size;
        if (end < start) return true;
        const ulong ModelsStart = StubBase, ModelsEnd = LibraryBias; // stubs, heap, imported data, thread areas, thread stacks
        return (start < ModelsEnd && ModelsStart < end) || (start < StackTop && StackTop - StackSize < end);
    }

    /// <summary>The stack-protector canary glibc keeps at FS:0x28 (any value with a zero low byte, as glibc's).</summary>
    public const ulong StackCanary = 0x5a17_c0de_b007_c800;
}
