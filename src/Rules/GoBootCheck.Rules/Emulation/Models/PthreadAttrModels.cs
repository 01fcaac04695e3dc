namespace GoBootCheck.Emulation.Models;

/// <summary>
/// The layout the models give pthread_attr_t (opaque to callers; 32 of its 56 bytes): stack address at +8,
/// stack size at +16. glibc's own layout differs, but only these models read it.
/// </summary>
internal static class AttrLayout
{
    public const ulong StackAddress = 8, StackSize = 16;
}

/// <summary>pthread_attr_init(attr): default attributes, stack size = glibc's default (8 MiB from RLIMIT_STACK).</summary>
internal sealed class PthreadAttrInit : ImportModel
{
    public override string Name => "pthread_attr_init";

    public override ModelOutcome Invoke(ModelContext c)
    {
        ulong attr = c.Argument(0);
        if (!c.TryWrite(attr, 0) || !c.TryWrite(attr + AttrLayout.StackAddress, 0) || !c.TryWrite(attr + AttrLayout.StackSize, AddressSpaceLayout.StackSize))
            return c.BadPointer(Name, attr);
        return ModelOutcome.Return(0);
    }
}

/// <summary>pthread_attr_destroy(attr): nothing to release.</summary>
internal sealed class PthreadAttrDestroy : ImportModel
{
    public override string Name => "pthread_attr_destroy";

    public override ModelOutcome Invoke(ModelContext c) => ModelOutcome.Return(0);
}

/// <summary>pthread_attr_getstacksize(attr, &amp;size).</summary>
internal sealed class PthreadAttrGetStackSize : ImportModel
{
    public override string Name => "pthread_attr_getstacksize";

    public override ModelOutcome Invoke(ModelContext c)
    {
        ulong? size = c.Process.Memory.PeekUInt64(c.Argument(0) + AttrLayout.StackSize);
        if (size is null) return c.BadPointer(Name, c.Argument(0));
        return c.TryWrite(c.Argument(1), size.Value) ? ModelOutcome.Return(0) : c.BadPointer(Name, c.Argument(1));
    }
}

/// <summary>pthread_attr_setstacksize(attr, size).</summary>
internal sealed class PthreadAttrSetStackSize : ImportModel
{
    public override string Name => "pthread_attr_setstacksize";

    public override ModelOutcome Invoke(ModelContext c) =>
        c.TryWrite(c.Argument(0) + AttrLayout.StackSize, c.Argument(1)) ? ModelOutcome.Return(0) : c.BadPointer(Name, c.Argument(0));
}

/// <summary>pthread_attr_getstack(attr, &amp;addr, &amp;size): the lowest stack address and the size.</summary>
internal sealed class PthreadAttrGetStack : ImportModel
{
    public override string Name => "pthread_attr_getstack";

    public override ModelOutcome Invoke(ModelContext c)
    {
        var memory = c.Process.Memory;
        ulong attr = c.Argument(0);
        ulong? address = memory.PeekUInt64(attr + AttrLayout.StackAddress), size = memory.PeekUInt64(attr + AttrLayout.StackSize);
        if (address is null || size is null) return c.BadPointer(Name, attr);
        if (!c.TryWrite(c.Argument(1), address.Value)) return c.BadPointer(Name, c.Argument(1));
        return c.TryWrite(c.Argument(2), size.Value) ? ModelOutcome.Return(0) : c.BadPointer(Name, c.Argument(2));
    }
}

/// <summary>
/// pthread_getattr_np(thread, attr): the attributes of a running thread, its real stack included (nptl
/// pthread_getattr_np.c). The answer is the thread's own stack, distinct from the istack rt0_go carved out of it,
/// so that what x_cgo_init stores in g0.stack.lo is observable.
/// </summary>
internal sealed class PthreadGetAttrNp : ImportModel
{
    public override string Name => "pthread_getattr_np";

    public override ModelOutcome Invoke(ModelContext c)
    {
        var thread = c.Process.Threads.FirstOrDefault(t => t.Id == c.Argument(0));
        if (thread is null) return ModelOutcome.Return(3); // ESRCH
        ulong attr = c.Argument(1);
        if (!c.TryWrite(attr, 0) || !c.TryWrite(attr + AttrLayout.StackAddress, thread.StackLo) || !c.TryWrite(attr + AttrLayout.StackSize, thread.StackSize))
            return c.BadPointer(Name, attr);
        return ModelOutcome.Return(0);
    }
}

/// <summary>pthread_self(): the running thread's id (its TCB address, as in glibc).</summary>
internal sealed class PthreadSelf : ImportModel
{
    public override string Name => "pthread_self";

    public override ModelOutcome Invoke(ModelContext c) => ModelOutcome.Return(c.Process.Current?.Id ?? 0);
}

/// <summary>pthread_attr_setdetachstate(attr, state): threads are never joined in the emulation.</summary>
internal sealed class PthreadAttrSetDetachState : ImportModel
{
    public override string Name => "pthread_attr_setdetachstate";

    public override ModelOutcome Invoke(ModelContext c) => ModelOutcome.Return(0);
}
