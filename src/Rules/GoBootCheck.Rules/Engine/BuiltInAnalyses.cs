using GoBootCheck.Emulation;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Rules;

/// <summary>The rules and shared analyses that ship with GoBootCheck, in evaluation order.</summary>
internal static class BuiltInRules
{
    /// <summary>Fresh instances of the built-in rules (rules hold no state, but a verifier owns its own).</summary>
    public static IReadOnlyList<IRule> Create() =>
    [
        new EntryReachesRt0Go(),
        new SettlsSucceeds(),
        new CgoStackGuard(),
        new PrologueChecksStackguard0(),
        new UncheckedFrameWithinLimit(),
    ];

    /// <summary>The shared analyses the built-in rules read.</summary>
    public static IReadOnlyList<IBinaryAnalysis> Analyses() =>
    [
        // The start-up trace first: the prologue scan can confirm the g TLS slot against it.
        new BootstrapAnalysis(),
        new Prologue.PrologueScanAnalysis(),
    ];
}
