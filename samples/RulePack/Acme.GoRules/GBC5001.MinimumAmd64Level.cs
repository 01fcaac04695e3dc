using GoBootCheck.Sdk;

namespace Acme.GoRules;

/// <summary>The microarchitecture levels of GOAMD64 (go help environment).</summary>
public enum Amd64Level
{
    /// <summary>x86-64 baseline.</summary>
    V1 = 1,
    /// <summary>+ SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT, CMPXCHG16B.</summary>
    V2,
    /// <summary>+ AVX, AVX2, BMI1, BMI2, FMA, LZCNT, MOVBE.</summary>
    V3,
    /// <summary>+ AVX-512.</summary>
    V4,
}

/// <summary>GBC5001: the binary was built for at least the configured GOAMD64 level (build info records it since Go 1.18).</summary>
public sealed class MinimumAmd64Level : Rule
{
    /// <summary>The lowest acceptable level.</summary>
    public static readonly RuleParameter<Amd64Level> Minimum = new("minimum-level", Amd64Level.V2,
        "The lowest GOAMD64 level the binary may be built for (V1-V4).");

    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = new()
    {
        Id = AcmeRuleIds.MinimumAmd64Level,
        Name = nameof(MinimumAmd64Level),
        Title = "The binary is built for at least the configured GOAMD64 level.",
        MessageFormat = "built with GOAMD64={0}; expected at least {1}",
        HelpText = "Our fleet runs on x86-64-v2 or newer: binaries built for the baseline leave POPCNT, SSE4 and CMPXCHG16B unused. " +
                   "Set GOAMD64=v2 (or higher) when building.",
        DefaultSeverity = Severity.Warning,
        Category = "BuildSettings",
        Tags = ["goamd64", "performance"],
        Parameters = [Minimum],
    };

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var minimum = context.GetParameter(Minimum);
        string? recorded = context.Go.BuildInfo?.Setting("GOAMD64");
        if (recorded is null)
        {
            return context.Go.Version is { } v && !v.AtLeast(18)
                ? Verdict.NotVerified($"{v} records no build settings (Go 1.18+ records GOAMD64)")
                : Verdict.NotVerified("the binary's build info records no GOAMD64 setting");
        }
        if (!Enum.TryParse<Amd64Level>(recorded, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            return Verdict.NotVerified($"GOAMD64={recorded} is not a level this rule knows");
        if (level >= minimum) return Verdict.Pass($"built with GOAMD64={recorded}, at least {minimum}");
        var main = context.Go.FunctionsNamed("main.main") is [var first, ..] ? first : null;
        context.Report(new Finding(recorded, minimum.ToString().ToLowerInvariant())
        {
            Function = main?.Name,
            Address = main?.Entry,
            Source = main?.Source,
        });
        return Verdict.Fail();
    }
}
