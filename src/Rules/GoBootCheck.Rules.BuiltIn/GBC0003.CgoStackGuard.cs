using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// GBC0003: where _cgo_init is non-nil, after it returns g0.stackguard0 and g0.stackguard1 both equal
/// g0.stack.lo + StackGuard (runtime/asm_amd64.s rt0_go: "update stackguard after _cgo_init"). The expected
/// StackGuard comes from the core's runtime constants, never from the immediate the code used.
/// </summary>
public sealed class CgoStackGuard : Rule
{
    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = BuiltInDescriptors.Describe(
        RuleIds.CgoStackGuard,
        nameof(CgoStackGuard),
        "Startup",
        "After _cgo_init, g0.stackguard0 and stackguard1 equal g0.stack.lo + StackGuard.",
        "With cgo, x_cgo_init replaces g0.stack.lo with the thread's real stack bound, and rt0_go must then move both stack " +
        "guards to stack.lo + StackGuard. A wrong guard lets Go code overrun the g0 stack or makes every prologue call morestack.",
        helpUri: "docs/rules/GBC0003.md",
        parameters: [BuiltInDescriptors.StackGuard]);

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var trace = context.GetAnalysis<BootstrapTrace>();
        if (trace is null) return Verdict.NotVerified("the start-up emulation did not run");
        if (trace.Rt0GoEntry is null)
            return Verdict.NotVerified($"runtime.rt0_go was not reached (GBC0001), so _cgo_init could not be run: {trace.DescribeStop()}");
        var go = context.Go;
        var cgo = trace.CgoInitCall();
        if (cgo is null)
        {
            bool tookGoTlsPath = trace.SettlsCall() is not null || trace.Bootstrap is not null;
            if (tookGoTlsPath && go.LinksRuntimeCgo())
            {
                // runtime/cgo always sets _cgo_init (runtime/cgo/callbacks.go), so rt0_go must call it.
                ulong at = trace.SettlsCall()?.Pc ?? trace.Bootstrap!.CallPc;
                return context.Fail(
                [
                    context.FindingAt(trace, "runtime/cgo is linked (pclntab has runtime/cgo functions), so _cgo_init is set, but rt0_go never called it " +
                        "and set up TLS itself: the C library's thread state and g0's stack bounds are never reconciled", at),
                ]);
            }
            if (tookGoTlsPath)
                return Verdict.NotApplicable("_cgo_init is nil (runtime/cgo is not linked): rt0_go did not call into C before setting up TLS itself");
            return Verdict.NotVerified($"the run stopped before rt0_go tested _cgo_init: {trace.DescribeStop()}");
        }
        string callee = $"_cgo_init ({cgo.TargetName} at 0x{trace.ToLinkTime(cgo.Target):x})";
        if (cgo.ReturnedAt is null)
        {
            if (trace.Stop.IsToolLimit) return Verdict.NotVerified(trace.NotReached($"{callee} returned"));
            return context.Fail([context.FindingAt(trace, $"{callee} did not return to rt0_go: {trace.DescribeStop()}", trace.Stop.Address)]);
        }
        if (context.Go.Constants is not { } constants)
            return Verdict.NotVerified($"StackGuard is unknown for {context.Go.Version?.Text ?? "this binary (no Go version recorded)"}, so the guards cannot be checked");
        if (trace.Bootstrap is not { } boot)
        {
            if (trace.Stop.IsToolLimit) return Verdict.NotVerified(trace.NotReached("the bootstrap completed"));
            return context.Fail(
                [context.FindingAt(trace, $"after {callee} returned, rt0_go did not complete the bootstrap: {trace.DescribeStop()}", trace.Stop.Address)]);
        }
        constants = BuiltInDescriptors.WithConfiguredStackGuard(context, constants);
        return Judge(context, trace, cgo, callee, constants, boot);
    }

    private static Verdict Judge(RuleContext context, BootstrapTrace trace, Rt0GoCall cgo, string callee, RuntimeConstants constants, BootstrapState boot)
    {
        ulong expected = boot.StackLo + (ulong)constants.StackGuard;
        var findings = new List<Finding>();
        if (boot.G0 != cgo.Rdi)
        {
            findings.Add(context.FindingAt(trace, $"rt0_go passed g 0x{cgo.Rdi:x} to {callee} but stored 0x{boot.G0:x} in the g TLS slot: the stack bounds C set are not g0's", cgo.Pc, "g0"));
        }
        foreach (var (offset, name, value) in new[]
                 {
                     (RuntimeConstants.GStackguard0, "stackguard0", boot.StackGuard0),
                     (RuntimeConstants.GStackguard1, "stackguard1", boot.StackGuard1),
                 })
        {
            if (value == expected) continue;
            var store = trace.Rt0GoStores.LastOrDefault(s => s.Instruction > cgo.Instruction && s.Address == boot.G0 + (ulong)offset);
            string found = store is null
                ? $"rt0_go did not store it after _cgo_init returned, it is still 0x{value:x}"
                : $"rt0_go stored 0x{value:x} = stack.lo {Signed((long)(value - boot.StackLo))}";
            findings.Add(context.FindingAt(trace, $"after {callee} returned, g0.{name} (0x{boot.G0 + (ulong)offset:x}) should be g0.stack.lo 0x{boot.StackLo:x} + StackGuard {constants.StackGuard} " +
                $"= 0x{expected:x} ({constants.Source}), but {found}",
                store?.Pc ?? cgo.Pc, name));
        }
        if (findings.Count > 0) return context.Fail(findings);
        return Verdict.Pass(
            $"after {callee} returned, g0.stack.lo = 0x{boot.StackLo:x} (stack.hi 0x{boot.StackHi:x}) and stackguard0 = stackguard1 = 0x{expected:x} " +
            $"= stack.lo + StackGuard {constants.StackGuard} ({constants.Source})");
    }

    private static string Signed(long delta) => delta >= 0 ? $"+ {delta}" : $"- {-delta}";
}
