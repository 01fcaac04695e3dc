using GoBootCheck.Host;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.RulePacks;

/// <summary>
/// The context of one rule on one binary: the shared <see cref="HostModel"/>, the rule's parameter values, its
/// cancellation, and the sink its findings go to. Closed when the evaluation ends: an abandoned rule that reports
/// later reports into nothing.
/// </summary>
internal sealed class BinaryRuleContext : Sdk.RuleContext
{
    // Decoding a whole function is bounded: pclntab's end of a function can be far away in a corrupt table.
    private const int MaxInstructionsPerFunction = 100_000;

    private readonly HostModel _model;
    private readonly LoadedRule _rule;
    private readonly IReadOnlyDictionary<string, object>? _parameters;
    private readonly List<Sdk.Finding> _findings = [];
    private bool _closed;

    public BinaryRuleContext(HostModel model, LoadedRule rule, IReadOnlyDictionary<string, object>? parameters, CancellationToken cancellation)
    {
        _model = model;
        _rule = rule;
        _parameters = parameters;
        Cancellation = cancellation;
    }

    public override Sdk.ElfImage Image => _model.Image;

    public override Sdk.GoMetadata Go => _model.Go;

    public override CancellationToken Cancellation { get; }

    public override T? GetAnalysis<T>() where T : class => _model.GetAnalysis<T>();

    public override T GetParameter<T>(Sdk.RuleParameter<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!_rule.Descriptor.Parameters.Contains(parameter))
            throw new ArgumentException($"{parameter.Name} is not a parameter of {_rule.Descriptor.Id}: list it in the rule's descriptor.", nameof(parameter));
        return _parameters is not null && _parameters.TryGetValue(parameter.Name, out var value) && value is T typed ? typed : parameter.DefaultValue;
    }

    public override Sdk.CompanionFile? GetCompanionFile(string kind) =>
        _model.Companions.FirstOrDefault(c => string.Equals(c.Kind, kind, StringComparison.Ordinal));

    public override IReadOnlyList<Sdk.Instruction> Decode(Sdk.GoFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _model.Decode(function.Entry, function.End, MaxInstructionsPerFunction);
    }

    public override IReadOnlyList<Sdk.Instruction> Decode(ulong address, int maxCount) =>
        _model.Decode(address, ulong.MaxValue, Math.Clamp(maxCount, 0, MaxInstructionsPerFunction));

    public override void Report(Sdk.Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        lock (_findings)
        {
            if (!_closed) _findings.Add(finding);
        }
    }

    /// <summary>Ends the evaluation and returns what was reported; later reports are dropped.</summary>
    public IReadOnlyList<Sdk.Finding> Close()
    {
        lock (_findings)
        {
            _closed = true;
            return [.. _findings];
        }
    }
}
