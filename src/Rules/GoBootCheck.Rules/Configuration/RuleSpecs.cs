using GoBootCheck.RulePacks;

namespace GoBootCheck.Configuration;

/// <summary>The rule set's view of the rules of a verifier: ids, names and declared parameters.</summary>
public static class RuleSpecs
{
    /// <summary>
    /// StackGuard of the stack-guard rules (GBC0003, GBC0005): g.stackguard0 = g.stack.lo + StackGuard. Unset, the rules
    /// take it from the binary's Go version (runtime/stack.go); set, it replaces the table for every binary of the build
    /// (a patched toolchain, a GOEXPERIMENT that changes it). GBC0005 derives its nosplit limit from it.
    /// </summary>
    public static readonly RuleParameterSpec StackGuard = new(
        "StackGuard", ParameterKind.Integer,
        "g.stackguard0 = g.stack.lo + StackGuard, in bytes. Unset: from the binary's Go version (runtime/stack.go _StackGuard/stackGuard).",
        Default: null, Minimum: 128, Maximum: 1 << 20);

    /// <summary>Specs of <paramref name="rules"/>, with the parameters the built-in rules declare.</summary>
    public static IReadOnlyList<RuleSpec> From(IEnumerable<RuleDescriptor> rules) =>
        [.. rules.Select(r => new RuleSpec(r.Id, r.Name, r.ShortDescription, r.DefaultSeverity, ParametersOf(r.Id)))];

    private static IReadOnlyList<RuleParameterSpec> ParametersOf(string id) => id switch
    {
        RuleIds.CgoStackGuard or RuleIds.UncheckedFrameWithinLimit => [StackGuard],
        _ => [],
    };
}
