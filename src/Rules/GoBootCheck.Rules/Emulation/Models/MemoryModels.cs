namespace GoBootCheck.Emulation.Models;

/// <summary>malloc(size): a bump allocator over the model heap; memory is never reused (start-up frees almost nothing).</summary>
internal sealed class Malloc : ImportModel
{
    public override string Name => "malloc";

    public override ModelOutcome Invoke(ModelContext context) => ModelOutcome.Return(context.Process.Allocate(context.Argument(0)) ?? 0);
}

/// <summary>calloc(n, size): fresh heap memory is already zero.</summary>
internal sealed class Calloc : ImportModel
{
    public override string Name => "calloc";

    public override ModelOutcome Invoke(ModelContext context)
    {
        ulong n = context.Argument(0), size = context.Argument(1);
        if (size != 0 && n > ulong.MaxValue / size) return ModelOutcome.Return(0);
        return ModelOutcome.Return(context.Process.Allocate(n * size) ?? 0);
    }
}

/// <summary>free(p): nothing to do for a bump allocator.</summary>
internal sealed class Free : ImportModel
{
    public override string Name => "free";

    public override ModelOutcome Invoke(ModelContext context) => ModelOutcome.Return(0);
}

/// <summary>__errno_location(): a per-process errno word on the heap (only error paths reach it).</summary>
internal sealed class ErrnoLocation : ImportModel
{
    private ulong _errno;

    public override string Name => "__errno_location";

    public override ModelOutcome Invoke(ModelContext context)
    {
        if (_errno == 0) _errno = context.Process.Allocate(8) ?? 0;
        return ModelOutcome.Return(_errno);
    }
}

/// <summary>abort(): the process dies with SIGABRT; the run ends there.</summary>
internal sealed class Abort : ImportModel
{
    public override string Name => "abort";

    public override ModelOutcome Invoke(ModelContext context) =>
        ModelOutcome.Halt(context.Stop(StopKind.ProcessExit, $"abort() was called from 0x{context.ReturnAddress:x} (SIGABRT)"));
}

/// <summary>__stack_chk_fail(): the stack protector found its canary overwritten.</summary>
internal sealed class StackCheckFail : ImportModel
{
    public override string Name => "__stack_chk_fail";

    public override ModelOutcome Invoke(ModelContext context) =>
        ModelOutcome.Halt(context.Stop(StopKind.ProcessExit, $"__stack_chk_fail was called from 0x{context.ReturnAddress:x}: stack smashing detected"));
}
