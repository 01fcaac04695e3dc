namespace GoBootCheck.Emulation.Models;

/// <summary>
/// The kernel's side of the system calls on the start-up path, with Linux x86-64 semantics
/// (arch/x86/kernel/process_64.c do_arch_prctl_64). Any other number stops the run naming it: the tool does not
/// guess what a system call it does not model would have done.
/// </summary>
internal static class LinuxSyscalls
{
    /// <summary>Syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl).</summary>
    public const ulong ArchPrctl = 158, Exit = 60, ExitGroup = 231;

    /// <summary>arch_prctl codes (arch/x86/include/uapi/asm/prctl.h).</summary>
    public const ulong ArchSetGs = 0x1001, ArchSetFs = 0x1002, ArchGetFs = 0x1003, ArchGetGs = 0x1004;

    private const ulong TaskSizeMax = 0x7fff_ffff_f000; // addresses at or above fail with EPERM
    private const ulong EINVAL = 22, EPERM = 1, EFAULT = 14;

    /// <summary>Performs the call in RAX; returns null to continue or the stop, and sets <paramref name="fsChanged"/>.</summary>
    public static StopReason? Run(EmulatedProcess process, ulong pc, out bool fsChanged)
    {
        fsChanged = false;
        var s = process.State;
        ulong number = s.Get(MachineState.Rax), a0 = s.Get(MachineState.Rdi), a1 = s.Get(MachineState.Rsi);
        switch (number)
        {
            case ArchPrctl:
                s.Set(MachineState.Rax, ArchPrctlCall(process, a0, a1, ref fsChanged));
                return null;
            case Exit or ExitGroup:
                return new StopReason(StopKind.ProcessExit, pc, $"the program called exit{(number == ExitGroup ? "_group" : "")}({(long)a0}) at 0x{pc:x}");
            default:
                return new StopReason(StopKind.UnmodeledSyscall, pc, $"system call {number} at 0x{pc:x} has no model (rdi=0x{a0:x}, rsi=0x{a1:x})");
        }
    }

    private static ulong ArchPrctlCall(EmulatedProcess process, ulong code, ulong address, ref bool fsChanged)
    {
        var s = process.State;
        switch (code)
        {
            case ArchSetFs or ArchSetGs:
                if (address >= TaskSizeMax) return Error(EPERM);
                if (code == ArchSetFs)
                {
                    s.FsBase = address;
                    fsChanged = true;
                }
                else s.GsBase = address;
                return 0;
            case ArchGetFs or ArchGetGs:
                return process.Memory.WriteUInt(address, 8, code == ArchGetFs ? s.FsBase : s.GsBase) is null ? 0 : Error(EFAULT);
            default:
                return Error(EINVAL);
        }
    }

    private static ulong Error(ulong errno) => (ulong)-(long)errno;
}
