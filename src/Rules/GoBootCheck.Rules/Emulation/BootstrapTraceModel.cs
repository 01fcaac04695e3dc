using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Emulation;

/// <summary>Publishes a <see cref="StartupTrace"/> as the public <see cref="Sdk.BootstrapTrace"/> (a few hundred records: copied).</summary>
internal static class BootstrapTraceModel
{
    public static Sdk.BootstrapTrace Publish(StartupTrace t) => new()
    {
        StartDescription = t.StartDescription,
        LoadBias = t.LoadBias,
        InitialArgc = t.InitialArgc,
        InitialArgv = t.InitialArgv,
        EnteredFunctions = [.. t.Path.Select(v => new Sdk.FunctionEntry(v.Function, v.Address, v.Instruction))],
        Rt0GoEntry = t.Rt0GoEntry is { } r ? new Sdk.RegisterSnapshot(r.Rip, r.Rax, r.Rbx, r.Rcx, r.Rdx, r.Rsi, r.Rdi, r.Rsp, r.Rbp, r.FsBase, r.Instruction) : null,
        Syscalls = [.. t.Syscalls.Select(s => new Sdk.SyscallRecord(s.Pc, s.Function, s.Number, s.Arguments, s.Result, s.Instruction))],
        ModelCalls = [.. t.ModelCalls.Select(m => new Sdk.ModelCall(m.Name, m.ReturnAddress, m.Arguments, m.Result, m.Instruction))],
        Rt0GoCalls = [.. t.Rt0GoCalls.Select(c => new Sdk.Rt0GoCall(c.Pc, c.Target, c.TargetName, c.TargetIsGo, c.Rdi, c.Rsi, c.Instruction)
        {
            ReturnedAt = c.ReturnedAt, GWordsAtReturn = c.GWordsAtReturn,
        })],
        FsStores = Stores(t.FsStores),
        Rt0GoStores = Stores(t.Rt0GoStores),
        G0FieldStores = Stores(t.G0FieldStores),
        FsBaseChanges = [.. t.FsBaseChanges.Select(c => new Sdk.FsBaseChange(c.Pc, c.By, c.Value, c.Instruction))],
        SteppedOver = t.SteppedOver,
        Bootstrap = t.Bootstrap is { } b
            ? new Sdk.BootstrapState(b.GSlotAddress, b.G0, b.M0, b.StackLo, b.StackHi, b.StackGuard0, b.StackGuard1, b.CallPc, b.Callee) { GSlotFsOffset = b.GSlotFsOffset }
            : null,
        Stop = new Sdk.StopReason { Kind = (Sdk.StopKind)(int)t.Stop.Kind, Address = t.Stop.Address, Message = t.Stop.Message, FaultAddress = t.Stop.FaultAddress },
        StopFunction = t.StopFunction,
        InstructionCount = t.InstructionCount,
    };

    private static Sdk.StoreRecord[] Stores(IReadOnlyList<StoreRecord> stores) =>
        [.. stores.Select(s => new Sdk.StoreRecord(s.Pc, s.Function, s.Address, s.Size, s.Value, s.Instruction))];
}
