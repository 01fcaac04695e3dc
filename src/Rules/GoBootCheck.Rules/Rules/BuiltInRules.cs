using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Rules;

/// <summary>The rules and shared analyses that ship with GoBootCheck, in evaluation order.</summary>
internal static class BuiltInRules
{
    /// <summary>Fresh instances of the built-in rules (rules hold no state, but a verifier owns its own).</summary>
    public static IReadOnlyList<IRule> Create() =>
    [
        new PrologueChecksStackguard0(),
        new UncheckedFrameWithinLimit(),
    ];

    /// <summary>The shared analyses the built-in rules read.</summary>
    public static IReadOnlyList<IBinaryAnalysis> Analyses() =>
    [
        new Prologue.PrologueScanAnalysis(),
    ];
}
