using GoBootCheck.Go;

namespace GoBootCheck.RulePacks;

/// <summary>
/// A rule about a Go binary. Built-in rules and rule packs implement this; a rule sees only its
/// <see cref="RuleContext"/>, never the tool's internals, and must not keep state between binaries.
/// </summary>
public interface IRule
{
    /// <summary>The rule's id, name and descriptions.</summary>
    RuleDescriptor Descriptor { get; }

    /// <summary>Judges one binary. Returns Pass, Fail, NotApplicable or NotVerified — never throws for bad input.</summary>
    RuleResult Evaluate(RuleContext context);
}

/// <summary>What a rule may read about one binary.</summary>
public sealed class RuleContext
{
    internal RuleContext(GoBinary binary, IReadOnlyDictionary<string, object> analyses, CancellationToken cancellation)
    {
        Binary = binary;
        _analyses = analyses;
        Cancellation = cancellation;
    }

    private readonly IReadOnlyDictionary<string, object> _analyses;

    /// <summary>The binary's Go model: image, build info, functions, runtime constants.</summary>
    public GoBinary Binary { get; }

    /// <summary>Cancelled when the build is cancelled or the time budget runs out.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>
    /// A shared analysis computed once per binary before the rules run (e.g. the start-up trace, the prologue scan),
    /// or null if it was not computed.
    /// </summary>
    public T? GetAnalysis<T>() where T : class =>
        _analyses.TryGetValue(typeof(T).FullName!, out var value) ? value as T : null;
}
