using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// GBC0001: from the ELF entry (or the Go entry of .init_array in a shared object), execution reaches
/// runtime.rt0_go with DI = argc and SI = argv of the initial stack (runtime/rt0_linux_amd64.s, asm_amd64.s
/// _rt0_amd64 and main; library mode: _rt0_amd64_lib saves what the loader passed and _rt0_amd64_lib_go reloads it).
/// </summary>
public sealed class EntryReachesRt0Go : Rule
{
    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = BuiltInDescriptors.Describe(
        RuleIds.EntryReachesRt0Go,
        nameof(EntryReachesRt0Go),
        "Startup",
        "The entry point reaches runtime.rt0_go with argc in DI and argv in SI.",
        "Every Go program on linux/amd64 starts in runtime.rt0_go, reached from the ELF entry through _rt0_amd64_linux and " +
        "_rt0_amd64 (or the C library's main), or from .init_array in a shared object. The emulator runs that path and checks " +
        "that rt0_go receives the argc and argv of the initial stack.",
        helpUri: "docs/rules/GBC0001.md");

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var trace = context.GetAnalysis<BootstrapTrace>();
        if (trace is null) return Verdict.NotVerified("the start-up emulation did not run");
        var go = context.Go;
        if (trace.Rt0GoEntry is not { } entry)
        {
            if (trace.Stop.IsToolLimit) return Verdict.NotVerified(trace.NotReached("runtime.rt0_go"));
            return context.Fail(
            [
                context.FindingAt(trace, trace.EnteredFunctions.Count == 0
                        ? $"execution from {trace.StartDescription} never started: {trace.DescribeStop()}"
                        : $"execution from {trace.StartDescription} never reached runtime.rt0_go: it went {trace.DescribePath()} and stopped: {trace.DescribeStop()}",
                    trace.Stop.Address),
            ]);
        }
        var findings = new List<Finding>();
        if ((uint)entry.Rdi != trace.InitialArgc)
        {
            findings.Add(context.FindingAt(trace, $"runtime.rt0_go was entered with DI = 0x{entry.Rdi:x}, expected argc = {trace.InitialArgc} from the initial stack (path {trace.DescribePath(until: entry.Instruction)})",
                entry.Rip, "argc"));
        }
        if (entry.Rsi != trace.InitialArgv)
        {
            findings.Add(context.FindingAt(trace, $"runtime.rt0_go was entered with SI = 0x{entry.Rsi:x}, expected argv = 0x{trace.InitialArgv:x} on the initial stack (path {trace.DescribePath(until: entry.Instruction)})",
                entry.Rip, "argv"));
        }
        if (findings.Count > 0) return context.Fail(findings);
        return Verdict.Pass(
            $"execution from {trace.StartDescription} reached {context.Describe(trace, entry.Rip)} after {entry.Instruction} instructions " +
            $"with DI = argc = {trace.InitialArgc} and SI = argv = 0x{trace.InitialArgv:x}, via {trace.DescribePath(until: entry.Instruction)}");
    }
}
