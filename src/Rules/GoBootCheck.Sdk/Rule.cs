namespace GoBootCheck.Sdk;

/// <summary>
/// A rule about one Go binary. A rule pack is an assembly of public, non-abstract subclasses with a public
/// parameterless constructor. A rule sees only its <see cref="RuleContext"/>, keeps no state between binaries (one
/// instance judges every binary of a build, possibly concurrently), and reports what is wrong with
/// <see cref="RuleContext.Report(Finding)"/>.
/// </summary>
public abstract class Rule
{
    /// <summary>The rule's id, name, texts, default severity and parameters. Must return the same descriptor every time.</summary>
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>
    /// Judges one binary: reports one <see cref="Finding"/> per violation and returns <see cref="Verdict.Fail"/> exactly
    /// when it reported at least one; otherwise Pass, NotApplicable or NotVerified with a reason. Bad input is a verdict,
    /// never an exception: a rule that throws is reported as a tool problem and its result is discarded.
    /// </summary>
    /// <param name="context">The binary and what the host computed about it.</param>
    public abstract Verdict Evaluate(RuleContext context);

    /// <inheritdoc/>
    public override string ToString() => Descriptor.Id + " " + Descriptor.Name;
}
