using GoBootCheck.Diagnostics;
using GoBootCheck.Go;

namespace GoBootCheck.Analysis;

/// <summary>The inputs of the shared analyses: budgets that keep a verdict independent of machine speed.</summary>
/// <param name="InstructionBudget">Instructions the start-up emulation may execute.</param>
/// <param name="TimeBudget">Wall-clock safety net of the emulation.</param>
internal sealed record AnalysisOptions(long InstructionBudget, TimeSpan TimeBudget)
{
    /// <summary>Threads the per-function work (the prologue scan) may use: 1 = sequential, 0 = as many as the runtime gives; never changes a result.</summary>
    public int Parallelism { get; init; }
}

/// <summary>
/// A shared analysis computed once per binary before the rules run (the start-up emulation, the prologue scan).
/// It computes its own model, then publishes the public one rules read through
/// <see cref="Sdk.RuleContext.GetAnalysis{T}"/>, keyed by that public type; rules never re-run it.
/// </summary>
internal interface IBinaryAnalysis
{
    /// <summary>The public model type rules ask for (<see cref="Sdk.BootstrapTrace"/>, <see cref="Sdk.PrologueScan"/>).</summary>
    Type ResultType { get; }

    /// <summary>Computes the result; problems of the tool go to <paramref name="diagnostics"/>.</summary>
    object? Compute(GoBinary binary, AnalysisOptions options, DiagnosticBag diagnostics, CancellationToken cancellation);

    /// <summary>The public model of a result of <see cref="Compute"/>, over the host's views of the binary.</summary>
    object Publish(object result, Host.GoMetadataView go);
}
