using GoBootCheck.Emulation;
using GoBootCheck.Emulation.Models;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Rules;

/// <summary>
/// GBC0002: where rt0_go sets up TLS itself (no cgo), runtime.settls issues arch_prctl(ARCH_SET_FS, &amp;m0.tls − g
/// slot offset), returns without its crash store, the 0x123 stored through the g TLS slot lands in m0.tls[0] where
/// rt0_go reads it back, and runtime.abort is not reached (runtime/asm_amd64.s rt0_go; sys_linux_amd64.s settls).
/// </summary>
internal sealed class SettlsSucceeds : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.SettlsSucceeds,
        nameof(SettlsSucceeds),
        "runtime.settls issues arch_prctl(ARCH_SET_FS) with the right address and the 0x123 probe reads back.",
        "Without cgo, rt0_go points FS at m0.tls with runtime.settls (arch_prctl ARCH_SET_FS), stores 0x123 through the g TLS " +
        "slot and reads it back from m0.tls[0]; a mismatch calls runtime.abort. The emulator runs this path and checks each step.",
        HelpUri: "docs/rules/GBC0002.md");

    public RuleResult Evaluate(RuleContext context)
    {
        var trace = context.GetAnalysis<StartupTrace>();
        if (trace is null) return RuleResult.NotVerified(Descriptor, "the start-up emulation did not run");
        if (trace.Rt0GoEntry is null)
            return RuleResult.NotVerified(Descriptor, $"runtime.rt0_go was not reached (GBC0001), so its TLS set-up could not be run: {trace.DescribeStop()}");
        var binary = context.Binary;
        var settls = trace.SettlsCall();
        if (settls is null)
        {
            if (trace.CgoInitCall() is { } cgo)
            {
                return RuleResult.NotApplicable(Descriptor,
                    $"rt0_go called _cgo_init ({cgo.TargetName} at 0x{trace.ToLinkTime(cgo.Target):x}): with cgo on Linux the C library sets up TLS, " +
                    "and rt0_go skips settls and the 0x123 check");
            }
            if (trace.Stop.IsToolLimit) return RuleResult.NotVerified(Descriptor, trace.NotReached("rt0_go's TLS set-up"));
            string what = trace.Bootstrap is null ? $"stopped: {trace.DescribeStop()}" : "stored g through FS without any TLS set-up";
            return RuleResult.Fail(Descriptor,
                [Descriptor.Finding(binary, trace, $"runtime.rt0_go neither called runtime.settls nor _cgo_init and {what}", trace.Stop.Address)]);
        }
        var findings = new List<Finding>();
        CheckArchPrctl(context, trace, settls, findings, out string? unverified);
        if (settls.ReturnedAt is null)
        {
            if (trace.Stop.IsToolLimit && findings.Count == 0) return RuleResult.NotVerified(Descriptor, trace.NotReached("settls returned"));
            findings.Add(Descriptor.Finding(binary, trace, $"runtime.settls did not return to rt0_go: {trace.DescribeStop()}", trace.Stop.Address));
            return RuleResult.Fail(Descriptor, findings);
        }
        var probe = trace.FsStores.FirstOrDefault(s => s.Instruction > settls.Instruction && s.Value == StartupRuleHelpers.TlsProbe);
        if (probe is null)
        {
            string why = trace.Bootstrap is null ? $": {trace.DescribeStop()}" : "";
            findings.Add(Descriptor.Finding(binary, trace, $"rt0_go never stored the 0x123 probe through the g TLS slot after settls returned{why}",
                trace.Bootstrap is null ? trace.Stop.Address : settls.Pc));
        }
        else if (probe.Address != settls.Rdi)
        {
            findings.Add(Descriptor.Finding(binary, trace,
                $"the 0x123 probe stored through the g TLS slot landed at 0x{probe.Address:x}, not in the TLS variable 0x{settls.Rdi:x} (m0.tls[0]) " +
                $"that settls was given and rt0_go reads back",
                probe.Pc));
        }
        if (trace.Rt0GoCalls.FirstOrDefault(c => c.TargetName == StartupRuleHelpers.Abort) is { } abort)
            findings.Add(Descriptor.Finding(binary, trace, "rt0_go called runtime.abort: the 0x123 read back from the TLS variable did not match", abort.Pc));
        else if (trace.Entered(StartupRuleHelpers.Abort))
            findings.Add(Descriptor.Finding(binary, trace, "runtime.abort was reached during the TLS set-up", trace.Stop.Address));
        if (findings.Count > 0) return RuleResult.Fail(Descriptor, findings);
        if (trace.Bootstrap is null)
        {
            if (trace.Stop.IsToolLimit) return RuleResult.NotVerified(Descriptor, trace.NotReached("g0 was stored in the g TLS slot"));
            return RuleResult.Fail(Descriptor,
                [Descriptor.Finding(binary, trace, $"after settls the run never stored g0 in the g TLS slot: {trace.DescribeStop()}", trace.Stop.Address)]);
        }
        if (unverified is not null) return RuleResult.NotVerified(Descriptor, unverified);
        var arch = trace.Syscalls.First(s => s.Number == LinuxSyscalls.ArchPrctl);
        return RuleResult.Pass(Descriptor,
            $"settls (called at {binary.Locate(trace, settls.Pc)} with the TLS variable 0x{settls.Rdi:x}) issued arch_prctl(ARCH_SET_FS, 0x{arch.Arguments[1]:x}) = 0 " +
            $"and returned; 0x123 stored through the g TLS slot was read back from 0x{settls.Rdi:x}; runtime.abort was not reached; g0 0x{trace.Bootstrap.G0:x} is in the g slot 0x{trace.Bootstrap.GSlotAddress:x}");
    }

    private void CheckArchPrctl(RuleContext context, StartupTrace trace, Rt0GoCall settls, List<Finding> findings, out string? unverified)
    {
        unverified = null;
        var binary = context.Binary;
        long end = settls.ReturnedAt ?? long.MaxValue;
        var calls = trace.Syscalls.Where(s => s.Instruction >= settls.Instruction && s.Instruction <= end).ToList();
        if (calls.Count == 0)
        {
            if (settls.ReturnedAt is not null)
                findings.Add(Descriptor.Finding(binary, trace, "runtime.settls returned without issuing arch_prctl(ARCH_SET_FS): FS was never set", settls.Target));
            return;
        }
        var call = calls[0];
        if (call.Number != LinuxSyscalls.ArchPrctl)
        {
            findings.Add(Descriptor.Finding(binary, trace, $"runtime.settls issued system call {call.Number}, expected arch_prctl ({LinuxSyscalls.ArchPrctl})", call.Pc));
            return;
        }
        if (call.Arguments[0] != LinuxSyscalls.ArchSetFs)
        {
            findings.Add(Descriptor.Finding(binary, trace,
                $"runtime.settls called arch_prctl with code 0x{call.Arguments[0]:x}, expected ARCH_SET_FS (0x{LinuxSyscalls.ArchSetFs:x}); the kernel answered 0x{call.Result ?? 0:x}",
                call.Pc));
            return;
        }
        if (context.Binary.Constants is not { GTlsOffsetKnown: true } constants)
        {
            unverified = $"settls issued arch_prctl(ARCH_SET_FS, 0x{call.Arguments[1]:x}) and returned, and 0x123 read back, but the g TLS slot offset is " +
                $"unknown for {binary.Version?.Text ?? "a binary that records no Go version"} (no runtime constants, or g is reached only through a GOT entry the dynamic loader fills), so the address cannot be checked against it";
            return;
        }
        ulong expected = settls.Rdi - (ulong)constants.GTlsOffset;
        if (call.Arguments[1] != expected)
        {
            findings.Add(Descriptor.Finding(binary, trace,
                $"runtime.settls called arch_prctl(ARCH_SET_FS, 0x{call.Arguments[1]:x}), expected 0x{expected:x} = TLS variable 0x{settls.Rdi:x} + {-constants.GTlsOffset} " +
                $"so that the g slot at FS{constants.GTlsOffset} is the variable ({constants.Source})",
                call.Pc));
        }
    }
}
