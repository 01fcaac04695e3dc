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
