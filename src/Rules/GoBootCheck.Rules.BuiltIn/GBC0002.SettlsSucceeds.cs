using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// GBC0002: where rt0_go sets up TLS itself (no cgo), runtime.settls issues arch_prctl(ARCH_SET_FS, &amp;m0.tls − g
/// slot offset), returns without its crash store, the 0x123 stored through the g TLS slot lands in m0.tls[0] where
/// rt0_go reads it back, and runtime.abort is not reached (runtime/asm_amd64.s rt0_go; sys_linux_amd64.s settls).
/// </summary>
public sealed class SettlsSucceeds : Rule
{
    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = BuiltInDescriptors.Describe(
        RuleIds.SettlsSucceeds,
        nameof(SettlsSucceeds),
        "Startup",
        "runtime.settls issues arch_prctl(ARCH_SET_FS) with the right address and the 0x123 probe reads back.",
        "Without cgo, rt0_go points FS at m0.tls with runtime.settls (arch_prctl ARCH_SET_FS), stores 0x123 through the g TLS " +
        "slot and reads it back from m0.tls[0]; a mismatch calls runtime.abort. The emulator runs this path and checks each step.",
        helpUri: "docs/rules/GBC0002.md");

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var trace = context.GetAnalysis<BootstrapTrace>();
        if (trace is null) return Verdict.NotVerified("the start-up emulation did not run");
        if (trace.Rt0GoEntry is null)
            return Verdict.NotVerified($"runtime.rt0_go was not reached (GBC0001), so its TLS set-up could not be run: {trace.DescribeStop()}");
        var go = context.Go;
        var settls = trace.SettlsCall();
        if (settls is null)
        {
            if (trace.CgoInitCall() is { } cgo)
            {
                return Verdict.NotApplicable($"rt0_go called _cgo_init ({cgo.TargetName} at 0x{trace.ToLinkTime(cgo.Target):x}): with cgo on Linux the C library sets up TLS, " +
                    "and rt0_go skips settls and the 0x123 check");
            }
            if (trace.Stop.IsToolLimit) return Verdict.NotVerified(trace.NotReached("rt0_go's TLS set-up"));
            string what = trace.Bootstrap is null ? $"stopped: {trace.DescribeStop()}" : "stored g through FS without any TLS set-up";
            return context.Fail(
                [context.FindingAt(trace, $"runtime.rt0_go neither called runtime.settls nor _cgo_init and {what}", trace.Stop.Address)]);
        }
        var findings = new List<Finding>();
        CheckArchPrctl(context, trace, settls, findings, out string? unverified);
        if (settls.ReturnedAt is null)
        {
            if (trace.Stop.IsToolLimit && findings.Count == 0) return Verdict.NotVerified(trace.NotReached("settls returned"));
            findings.Add(context.FindingAt(trace, $"runtime.settls did not return to rt0_go: {trace.DescribeStop()}", trace.Stop.Address, "return"));
            return context.Fail(findings);
        }
        var probe = trace.FsStores.FirstOrDefault(s => s.Instruction > settls.Instruction && s.Value == StartupRuleHelpers.TlsProbe);
        if (probe is null)
        {
            string why = trace.Bootstrap is null ? $": {trace.DescribeStop()}" : "";
            findings.Add(context.FindingAt(trace, $"rt0_go never stored the 0x123 probe through the g TLS slot after settls returned{why}",
                trace.Bootstrap is null ? trace.Stop.Address : settls.Pc, "probe"));
        }
        else if (probe.Address != settls.Rdi)
        {
            findings.Add(context.FindingAt(trace, $"the 0x123 probe stored through the g TLS slot landed at 0x{probe.Address:x}, not in the TLS variable 0x{settls.Rdi:x} (m0.tls[0]) " +
                $"that settls was given and rt0_go reads back",
                probe.Pc, "probe"));
        }
        if (trace.Rt0GoCalls.FirstOrDefault(c => c.TargetName == StartupRuleHelpers.Abort) is { } abort)
            findings.Add(context.FindingAt(trace, "rt0_go called runtime.abort: the 0x123 read back from the TLS variable did not match", abort.Pc, "abort"));
        else if (trace.Entered(StartupRuleHelpers.Abort))
            findings.Add(context.FindingAt(trace, "runtime.abort was reached during the TLS set-up", trace.Stop.Address, "abort"));
        if (findings.Count > 0) return context.Fail(findings);
        if (trace.Bootstrap is null)
        {
            if (trace.Stop.IsToolLimit) return Verdict.NotVerified(trace.NotReached("g0 was stored in the g TLS slot"));
            return context.Fail(
                [context.FindingAt(trace, $"after settls the run never stored g0 in the g TLS slot: {trace.DescribeStop()}", trace.Stop.Address)]);
        }
        if (unverified is not null) return Verdict.NotVerified(unverified);
        var arch = trace.Syscalls.First(s => s.Number == LinuxSyscall.ArchPrctl);
        return Verdict.Pass(
            $"settls (called at {context.Describe(trace, settls.Pc)} with the TLS variable 0x{settls.Rdi:x}) issued arch_prctl(ARCH_SET_FS, 0x{arch.Arguments[1]:x}) = 0 " +
            $"and returned; 0x123 stored through the g TLS slot was read back from 0x{settls.Rdi:x}; runtime.abort was not reached; g0 0x{trace.Bootstrap.G0:x} is in the g slot 0x{trace.Bootstrap.GSlotAddress:x}");
    }

    private void CheckArchPrctl(RuleContext context, BootstrapTrace trace, Rt0GoCall settls, List<Finding> findings, out string? unverified)
    {
        unverified = null;
        var go = context.Go;
        long end = settls.ReturnedAt ?? long.MaxValue;
        var calls = trace.Syscalls.Where(s => s.Instruction >= settls.Instruction && s.Instruction <= end).ToList();
        if (calls.Count == 0)
        {
            if (settls.ReturnedAt is not null)
                findings.Add(context.FindingAt(trace, "runtime.settls returned without issuing arch_prctl(ARCH_SET_FS): FS was never set", settls.Target, "arch_prctl"));
            return;
        }
        var call = calls[0];
        if (call.Number != LinuxSyscall.ArchPrctl)
        {
            findings.Add(context.FindingAt(trace, $"runtime.settls issued system call {call.Number}, expected arch_prctl ({LinuxSyscall.ArchPrctl})", call.Pc, "arch_prctl"));
            return;
        }
        if (call.Arguments[0] != LinuxSyscall.ArchSetFs)
        {
            findings.Add(context.FindingAt(trace, $"runtime.settls called arch_prctl with code 0x{call.Arguments[0]:x}, expected ARCH_SET_FS (0x{LinuxSyscall.ArchSetFs:x}); the kernel answered 0x{call.Result ?? 0:x}",
                call.Pc, "arch_prctl"));
            return;
        }
        if (context.Go.Constants is not { GTlsOffsetKnown: true } constants)
        {
            unverified = $"settls issued arch_prctl(ARCH_SET_FS, 0x{call.Arguments[1]:x}) and returned, and 0x123 read back, but the g TLS slot offset is " +
                $"unknown for {context.Go.Version?.Text ?? "a binary that records no Go version"} (no runtime constants), so the address cannot be checked against it";
            return;
        }
        ulong expected = settls.Rdi - (ulong)constants.GTlsOffset;
        if (call.Arguments[1] != expected)
        {
            findings.Add(context.FindingAt(trace, $"runtime.settls called arch_prctl(ARCH_SET_FS, 0x{call.Arguments[1]:x}), expected 0x{expected:x} = TLS variable 0x{settls.Rdi:x} + {-constants.GTlsOffset} " +
                $"so that the g slot at FS{constants.GTlsOffset} is the variable ({constants.Source})",
                call.Pc, "arch_prctl"));
        }
    }
}
