using GoBootCheck.Sdk;

namespace Acme.GoRules;

/// <summary>GBC5003: no race detector in what we ship (it costs 5-10x memory and 2-20x time, and is for tests).</summary>
public sealed class NoRaceDetector : Rule
{
    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = new()
    {
        Id = AcmeRuleIds.NoRaceDetector,
        Name = nameof(NoRaceDetector),
        Title = "The binary is not built with the race detector.",
        MessageFormat = "built with the race detector ({0}); build release binaries without -race",
        HelpText = "-race links ThreadSanitizer's runtime: the binary uses several times the memory and CPU. Ship it only to test environments.",
        DefaultSeverity = Severity.Error,
        Category = "BuildSettings",
        Tags = ["release"],
    };

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        if (!context.Go.IsRace) return Verdict.Pass("no -race in build info and no race runtime (runtime.raceinit) in pclntab");
        bool recorded = context.Go.BuildInfo?.Setting("-race") == "true";
        var init = context.Go.FunctionsNamed("runtime.raceinit") is [var first, ..] ? first : null;
        context.Report(new Finding(recorded ? "build info records -race=true" : "pclntab has runtime.raceinit")
        {
            Function = init?.Name,
            Address = init?.Entry,
            Source = init?.Source,
        });
        return Verdict.Fail();
    }
}
