namespace GoBootCheck.Emulation;

/// <summary>
/// What the executor delegates to the outside: the instructions whose result depends on the machine or the kernel
/// (SYSCALL, CPUID, XGETBV, RDTSC) and the observation of stores for the trace.
/// </summary>
internal interface IExecutionHost
{
    /// <summary>Runs the kernel's side of SYSCALL (number in RAX, result to RAX); null to continue, or why the run stops.</summary>
    StopReason? Syscall(MachineState state, ulong pc);

    /// <summary>Fills EAX, EBX, ECX, EDX for the leaf in EAX and subleaf in ECX.</summary>
    void Cpuid(MachineState state);

    /// <summary>Fills EDX:EAX with the extended control register named by ECX; null to continue, or why the run stops.</summary>
    StopReason? Xgetbv(MachineState state, ulong pc);

    /// <summary>A deterministic time-stamp counter (the verdict must not depend on the host's clock).</summary>
    ulong ReadTimestampCounter();

    /// <summary>Called after every successful store by an instruction (not by the loader or a model).</summary>
    void OnStore(ulong pc, ulong address, int size, ulong value, bool throughFs);
}
