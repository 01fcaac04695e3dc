using System.Globalization;
using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>Queries the rules share over the <see cref="BootstrapTrace"/> and the context; they read only the public API.</summary>
internal static class StartupRuleHelpers
{
    /// <summary>pclntab name of runtime.settls (no ".abi0" suffix in pclntab).</summary>
    public const string Settls = "runtime.settls";

    /// <summary>pclntab name of runtime.abort (go1.11+: int3 then a self-loop).</summary>
    public const string Abort = "runtime.abort";

    /// <summary>The 0x123 probe value rt0_go stores through the g TLS slot (runtime/asm_amd64.s).</summary>
    public const ulong TlsProbe = 0x123;

    /// <summary>rt0_go's call of runtime.settls, if it made one.</summary>
    public static Rt0GoCall? SettlsCall(this BootstrapTrace trace) => trace.Rt0GoCalls.FirstOrDefault(c => c.TargetName == Settls);

    /// <summary>rt0_go's first call into code that is not Go (its call through the _cgo_init pointer), if any.</summary>
    public static Rt0GoCall? CgoInitCall(this BootstrapTrace trace) => trace.Rt0GoCalls.FirstOrDefault(c => !c.TargetIsGo);

    /// <summary>True if pclntab shows that runtime/cgo is linked.</summary>
    public static bool LinksRuntimeCgo(this GoMetadata go) => go.Cgo == CgoUse.Yes;

    /// <summary>The function (pclntab, else the ELF symbol of C code) containing a link-time address.</summary>
    public static string? FunctionName(this RuleContext context, ulong link) =>
        context.Go.FunctionAt(link)?.Name ?? context.Image.FunctionSymbolAt(link)?.Name;

    /// <summary>"runtime.rt0_go (asm_amd64.s:16) at 0x45e1a0" for a run-time address, leaving out what is unknown.</summary>
    public static string Describe(this RuleContext context, BootstrapTrace trace, ulong runtimeAddress) =>
        context.Describe(trace.ToLinkTime(runtimeAddress));

    /// <summary>"runtime.rt0_go (asm_amd64.s:16) at 0x45e1a0" for a link-time address, leaving out what is unknown.</summary>
    public static string Describe(this RuleContext context, ulong link)
    {
        var parts = new List<string>();
        if (context.FunctionName(link) is { } function) parts.Add(function);
        if (context.Go.SourceAt(link) is { } source) parts.Add("(" + source + ")");
        parts.Add("at 0x" + link.ToString("x", CultureInfo.InvariantCulture));
        return string.Join(' ', parts);
    }

    /// <summary>"… and stopped: {reason} in {function}".</summary>
    public static string DescribeStop(this BootstrapTrace trace) =>
        $"{trace.Stop.Message}{(trace.StopFunction is { Length: > 0 } f ? $" (in {f})" : "")}";

    /// <summary>Reason text for a rule whose region the run did not reach because of a tool limit.</summary>
    public static string NotReached(this BootstrapTrace trace, string region) =>
        $"the start-up emulation stopped before {region} at a limit of the tool: {trace.DescribeStop()}";

    /// <summary>A finding at a run-time address: function, link-time address and source position as typed fields.</summary>
    public static Finding FindingAt(this RuleContext context, BootstrapTrace trace, string message, ulong runtimeAddress, string? discriminator = null) =>
        context.FindingAt(trace.ToLinkTime(runtimeAddress), message, discriminator);

    /// <summary>A finding at a link-time address.</summary>
    public static Finding FindingAt(this RuleContext context, ulong link, string message, string? discriminator = null, string? function = null) =>
        new(message)
        {
            Function = function ?? context.FunctionName(link),
            Address = link,
            Source = context.Go.SourceAt(link),
            Discriminator = discriminator,
        };

    /// <summary>Reports every finding and returns Fail.</summary>
    public static Verdict Fail(this RuleContext context, IEnumerable<Finding> findings, string? summary = null)
    {
        foreach (var finding in findings) context.Report(finding);
        return Verdict.Fail(summary);
    }
}
