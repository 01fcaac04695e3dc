namespace GoBootCheck.Emulation;

/// <summary>
/// A thread of the emulated process: its pthread id (the TCB address, as in glibc), its stack, and for a thread
/// created but not yet run, the start routine and argument.
/// </summary>
internal sealed class EmulatedThread
{
    public EmulatedThread(int number, ulong id, ulong stackLo, ulong stackSize)
    {
        Number = number;
        Id = id;
        StackLo = stackLo;
        StackSize = stackSize;
    }

    /// <summary>0 for the main thread, then 1, 2 … in creation order.</summary>
    public int Number { get; }

    /// <summary>pthread_t: the thread control block's address (glibc: struct pthread is the TCB).</summary>
    public ulong Id { get; }

    /// <summary>Lowest address of the stack.</summary>
    public ulong StackLo { get; }

    /// <summary>Stack size in bytes.</summary>
    public ulong StackSize { get; }

    /// <summary>One past the highest stack address.</summary>
    public ulong StackHi => StackLo + StackSize;

    /// <summary>Start routine of a created thread (0 for the main thread).</summary>
    public ulong StartRoutine { get; init; }

    /// <summary>Argument of the start routine.</summary>
    public ulong StartArgument { get; init; }

    /// <summary>True once the scheduler switched to the thread.</summary>
    public bool Started { get; set; }
}
