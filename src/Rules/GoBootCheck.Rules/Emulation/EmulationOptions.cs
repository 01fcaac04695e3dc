using GoBootCheck.Emulation.Models;

namespace GoBootCheck.Emulation;

/// <summary>Limits and the modeled machine of one start-up emulation.</summary>
/// <param name="InstructionBudget">Instructions before the run stops as a tool limit (verdicts must not depend on machine speed).</param>
/// <param name="TimeBudget">Wall-clock safety net.</param>
/// <param name="Cpu">The CPU CPUID and XGETBV describe.</param>
internal sealed record EmulationOptions(long InstructionBudget, TimeSpan TimeBudget, CpuModel Cpu)
{
    /// <summary>Names of Go functions that are stepped over instead of run (they do not touch the verified state).</summary>
    public IReadOnlySet<string> StepOver { get; init; } = new HashSet<string> { "runtime.libpreinit" };
}
