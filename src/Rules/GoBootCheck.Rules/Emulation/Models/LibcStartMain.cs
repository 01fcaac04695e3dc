namespace GoBootCheck.Emulation.Models;

/// <summary>
/// glibc's __libc_start_main(main, argc, argv, init, fini, rtld_fini, stack_end) (csu/libc-start.c): for the part
/// the Go runtime sees, it calls main(argc, argv, envp) on the process stack and exits with its result. In a static
/// program it also sets up the thread pointer first (csu/libc-tls.c __libc_setup_tls), which the model does.
/// </summary>
internal sealed class LibcStartMain : ImportModel
{
    public override string Name => "__libc_start_main";

    public override ModelOutcome Invoke(ModelContext context)
    {
        var state = context.State;
        ulong main = context.Argument(0), argc = context.Argument(1), argv = context.Argument(2);
        ulong envp = argv + (argc + 1) * 8;
        var process = context.Process;
        if (state.FsBase == 0 && process.Current is { } thread)
        {
            state.FsBase = thread.Id;
            process.PendingFsChanges.Add(("__libc_start_main (static TLS setup)", thread.Id));
        }
        // main is entered like any C function: RSP ≡ 8 (mod 16) after the return address is pushed.
        ulong sp = ((state.StackPointer - 0x100) & ~15UL) - 8;
        if (!context.TryWrite(sp, process.ReturnToLoader)) return context.BadPointer(Name, sp);
        state.StackPointer = sp;
        state.Set(MachineState.Rdi, argc);
        state.Set(MachineState.Rsi, argv);
        state.Set(MachineState.Rdx, envp);
        state.Rip = main;
        return ModelOutcome.Continue();
    }
}
