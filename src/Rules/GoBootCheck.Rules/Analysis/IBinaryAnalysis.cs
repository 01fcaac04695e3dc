using GoBootCheck.Diagnostics;
using GoBootCheck.Go;

namespace GoBootCheck.Engine;

/// <summary>
/// A shared analysis computed once per binary before the rules run (the start-up emulation, the prologue scan).
/// Rules read its result through <see cref="RulePacks.RuleContext.GetAnalysis{T}"/>; they never re-run it.
/// </summary>
internal interface IBinaryAnalysis
{
    /// <summary>The result type's full name, the key rules look it up by.</summary>
    Type ResultType { get; }

    /// <summary>Computes the result; problems of the tool go to <paramref name="diagnostics"/>.</summary>
    object? Compute(GoBinary binary, VerificationOptions options, DiagnosticBag diagnostics, CancellationToken cancellation);
}
