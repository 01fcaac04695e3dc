namespace GoBootCheck.Emulation.Models;

/// <summary>
/// pthread_create(&amp;thread, attr, start, arg): creates a thread with a fresh stack and TCB; it runs when the
/// creating thread has returned to the loader (c-shared: _rt0_amd64_lib returns, then the new thread runs
/// _rt0_amd64_lib_go → rt0_go). Execution is one thread at a time, so the order is deterministic.
/// </summary>
internal sealed class PthreadCreate : ImportModel
{
    public override string Name => "pthread_create";

    private const int MaxThreads = 1024;

    public override ModelOutcome Invoke(ModelContext c)
    {
        var process = c.Process;
        // EAGAIN past a bound far above any start-up's needs: the thread areas and stacks have room for that many.
        if (process.Threads.Count >= MaxThreads) return ModelOutcome.Return(11);
        ulong attr = c.Argument(1);
        ulong size = attr == 0 ? AddressSpaceLayout.StackSize : process.Memory.PeekUInt64(attr + AttrLayout.StackSize) ?? AddressSpaceLayout.StackSize;
        size = Math.Clamp((size + 0xfff) & ~0xfffUL, 0x4000, 64UL << 20);
        ulong lo = AddressSpaceLayout.ThreadStackBase + (ulong)process.Threads.Count * (128UL << 20);
        process.Memory.Map(new MemoryRegion(lo, size, Binary.SegmentAccess.Read | Binary.SegmentAccess.Write, RegionKind.Stack,
            $"thread {process.Threads.Count} stack"));
        var thread = process.CreateThread(lo, size, c.Argument(2), c.Argument(3));
        return c.TryWrite(c.Argument(0), thread.Id) ? ModelOutcome.Return(0) : c.BadPointer(Name, c.Argument(0));
    }
}

/// <summary>pthread_detach(thread): nothing to track.</summary>
internal sealed class PthreadDetach : ImportModel
{
    public override string Name => "pthread_detach";

    public override ModelOutcome Invoke(ModelContext c) => ModelOutcome.Return(0);
}

/// <summary>pthread_sigmask(how, set, oldset): signals are not delivered in the emulation; the old mask reads as empty.</summary>
internal sealed class PthreadSigmask : ImportModel
{
    public override string Name => "pthread_sigmask";

    public override ModelOutcome Invoke(ModelContext c)
    {
        ulong old = c.Argument(2);
        if (old != 0 && !c.TryWrite(old, 0)) return c.BadPointer(Name, old);
        return ModelOutcome.Return(0);
    }
}

/// <summary>sigfillset(set): all 64 signals of the kernel's sigset (glibc's sigset_t is larger; the rest stays as is).</summary>
internal sealed class SigFillSet : ImportModel
{
    public override string Name => "sigfillset";

    public override ModelOutcome Invoke(ModelContext c) =>
        c.TryWrite(c.Argument(0), ulong.MaxValue) ? ModelOutcome.Return(0) : c.BadPointer(Name, c.Argument(0));
}

/// <summary>
/// sigaction(signum, act, oldact): the emulation delivers no signals, so a new action is only accepted; the old one
/// reads as a fresh process's (SIG_DFL, empty mask, no flags). Go 1.27's c-shared libInit reaches it through
/// runtime/cgo's x_cgo_sigaction when initsig saves the host's handlers before rt0_go runs.
/// </summary>
internal sealed class Sigaction : ImportModel
{
    /// <summary>glibc's x86-64 struct sigaction: handler 8, sa_mask 128, sa_flags 4 (+4 padding), sa_restorer 8.</summary>
    private const int StructSize = 152;

    public override string Name => "sigaction";

    public override ModelOutcome Invoke(ModelContext c)
    {
        ulong signum = c.Argument(0), oldact = c.Argument(2);
        // SIGKILL (9) and SIGSTOP (19) cannot take a handler, but reading their action is allowed.
        if (signum is 0 or > 64 || (c.Argument(1) != 0 && signum is 9 or 19)) return ModelOutcome.Return(ulong.MaxValue); // -1, EINVAL
        if (oldact != 0)
        {
            for (int offset = 0; offset < StructSize; offset += 8)
            {
                if (!c.TryWrite(oldact + (ulong)offset, 0)) return c.BadPointer(Name, oldact);
            }
        }
        return ModelOutcome.Return(0);
    }
}

/// <summary>sigemptyset(set): clears the kernel's 64 signals (the word glibc's sigset_t starts with).</summary>
internal sealed class SigEmptySet : ImportModel
{
    public override string Name => "sigemptyset";

    public override ModelOutcome Invoke(ModelContext c) =>
        c.TryWrite(c.Argument(0), 0) ? ModelOutcome.Return(0) : c.BadPointer(Name, c.Argument(0));
}

/// <summary>sigaddset(set, signum): sets bit signum−1 of the set; -1 for a signal number outside 1–64.</summary>
internal sealed class SigAddSet : ImportModel
{
    public override string Name => "sigaddset";

    public override ModelOutcome Invoke(ModelContext c)
    {
        ulong set = c.Argument(0), signum = c.Argument(1);
        if (signum is 0 or > 64) return ModelOutcome.Return(ulong.MaxValue);
        if (c.Process.Memory.PeekUInt64(set) is not ulong word) return c.BadPointer(Name, set);
        return c.TryWrite(set, word | (1UL << (int)(signum - 1))) ? ModelOutcome.Return(0) : c.BadPointer(Name, set);
    }
}

/// <summary>sigismember(set, signum): 1 if bit signum−1 of the set is set, else 0; -1 for a signal number outside 1–64.</summary>
internal sealed class SigIsMember : ImportModel
{
    public override string Name => "sigismember";

    public override ModelOutcome Invoke(ModelContext c)
    {
        ulong set = c.Argument(0), signum = c.Argument(1);
        if (signum is 0 or > 64) return ModelOutcome.Return(ulong.MaxValue);
        return c.Process.Memory.PeekUInt64(set) is ulong word
            ? ModelOutcome.Return((word >> (int)(signum - 1)) & 1)
            : ModelOutcome.Halt(c.Stop(StopKind.MemoryFault, $"sigismember was given the unreadable pointer 0x{set:x} (called from 0x{c.ReturnAddress:x})"));
    }
}
