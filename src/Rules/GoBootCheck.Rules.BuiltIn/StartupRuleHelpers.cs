using GoBootCheck.Binary;
using GoBootCheck.Emulation;
using GoBootCheck.Go;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Rules;

/// <summary>Queries the start-up rules share over a <see cref="StartupTrace"/>; they read the trace only.</summary>
internal static class StartupRuleHelpers
{
    /// <summary>pclntab name of runtime.settls (no ".abi0" suffix in pclntab).</summary>
    public const string Settls = "runtime.settls";

    /// <summary>pclntab name of runtime.abort (go1.11+: int3 then a self-loop).</summary>
    public const string Abort = "runtime.abort";

    /// <summary>The 0x123 probe value rt0_go stores through the g TLS slot (runtime/asm_amd64.s).</summary>
    public const ulong TlsProbe = 0x123;

    /// <summary>rt0_go's call of runtime.settls, if it made one.</summary>
    public static Rt0GoCall? SettlsCall(this StartupTrace trace) => trace.Rt0GoCalls.FirstOrDefault(c => c.TargetName == Settls);

    /// <summary>rt0_go's first call into code that is not Go (its call through the _cgo_init pointer), if any.</summary>
    public static Rt0GoCall? CgoInitCall(this StartupTrace trace) => trace.Rt0GoCalls.FirstOrDefault(c => !c.TargetIsGo);

    /// <summary>True if pclntab shows that runtime/cgo is linked (see <see cref="GoBinary.Cgo"/>).</summary>
    public static bool LinksRuntimeCgo(this GoBinary binary) => binary.Cgo == "yes";

    /// <summary>Function, file:line and link-time address of a run-time address.</summary>
    public static CodeLocation Locate(this GoBinary binary, StartupTrace trace, ulong runtimeAddress)
    {
        ulong link = trace.ToLinkTime(runtimeAddress);
        var location = binary.Locate(link);
        if (location.Function is not null) return location;
        // C code linked by the external linker is not in pclntab; its ELF symbol names it where the binary keeps one.
        var symbol = binary.Image.Symbols.FirstOrDefault(s => s.IsDefined && s.Kind == SymbolKind.Function && link >= s.Value && link < s.Value + s.Size);
        return location with { Function = symbol?.Name, Address = link };
    }

    /// <summary>"… and stopped: {reason} in {function}".</summary>
    public static string DescribeStop(this StartupTrace trace) =>
        $"{trace.Stop.Message}{(trace.StopFunction is { Length: > 0 } f ? $" (in {f})" : "")}";

    /// <summary>Reason text for a rule whose region the run did not reach because of a tool limit.</summary>
    public static string NotReached(this StartupTrace trace, string region) =>
        $"the start-up emulation stopped before {region} at a limit of the tool: {trace.DescribeStop()}";

    /// <summary>A finding of <paramref name="rule"/> at a run-time address.</summary>
    public static Finding Finding(this RuleDescriptor rule, GoBinary binary, StartupTrace trace, string message, ulong runtimeAddress) =>
        new(rule.Id, rule.DefaultSeverity, message, binary.Locate(trace, runtimeAddress));
}
