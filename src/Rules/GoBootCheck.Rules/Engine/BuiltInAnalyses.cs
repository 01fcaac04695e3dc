using GoBootCheck.Analysis;
using GoBootCheck.Emulation;
using GoBootCheck.Prologue;

namespace GoBootCheck.Engine;

/// <summary>The shared analyses computed for every binary before the rules run, in order.</summary>
internal static class BuiltInAnalyses
{
    public static IReadOnlyList<IBinaryAnalysis> Create() =>
    [
        new BootstrapAnalysis(),
        new PrologueScanAnalysis(),
    ];
}
