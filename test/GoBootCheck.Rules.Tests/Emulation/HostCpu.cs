using System.Runtime.InteropServices;

namespace GoBootCheck.Tests.Emulation;

/// <summary>
/// Runs a generated snippet on the host CPU (x86-64 Linux only): copies it into an executable mapping and calls it
/// with a pointer to a 2-word output buffer. Used only by differential tests of the emulator's semantics.
/// </summary>
internal static unsafe partial class HostCpu
{
    private const int ProtReadWriteExec = 7, MapPrivateAnonymous = 0x22;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc")]
    private static partial int munmap(nint address, nuint length);

    public static bool Available => RuntimeInformation.ProcessArchitecture == Architecture.X64 && OperatingSystem.IsLinux();

    /// <summary>Calls <paramref name="code"/> as void f(ulong* out) and returns out[0], out[1].</summary>
    public static (ulong, ulong) Run(byte[] code)
    {
        nint page = mmap(0, 4096, ProtReadWriteExec, MapPrivateAnonymous, -1, 0);
        if (page == -1) throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
        Marshal.Copy(code, 0, page, code.Length);
        var output = stackalloc ulong[2];
        ((delegate* unmanaged<ulong*, void>)page)(output);
        if (munmap(page, 4096) != 0) throw new InvalidOperationException("munmap failed");
        return (output[0], output[1]);
    }
}
