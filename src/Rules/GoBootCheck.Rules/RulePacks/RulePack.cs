using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.RulePacks;

/// <summary>
/// Where rules came from: the built-in rules (run in the host's load context) or a rule pack (its own isolated,
/// collectible load context). A pack whose rule ignored cancellation is marked faulty and not run again.
/// </summary>
/// <remarks>
/// "Again" is in the build's input order, not in time: binaries verified side by side may abandon the pack in any
/// order, so a fault remembers the position of its binary, and a binary is spared the pack only by a fault at an
/// earlier position (<see cref="FaultBefore"/>); <see cref="PackFaultsInInputOrder"/> then settles the reports of later
/// binaries that ran it anyway. The result is what one binary after the other would give.
/// </remarks>
public sealed class RulePack
{
    private readonly object _gate = new();
    private (long Sequence, string Reason)? _fault;

    internal RulePack(string name, string? path, bool isolated)
    {
        Name = name;
        Path = path;
        IsIsolated = isolated;
    }

    /// <summary>The assembly's simple name, e.g. "Acme.GoRules" or "GoBootCheck.Rules.BuiltIn".</summary>
    public string Name { get; }

    /// <summary>The assembly path as the build listed it; null for the built-in rules.</summary>
    public string? Path { get; }

    /// <summary>True for packs: loaded into their own load context, run with a time budget on their own thread.</summary>
    public bool IsIsolated { get; }

    /// <summary>Set once a rule of the pack ignored cancellation (the earliest such binary in input order); its rules are not run again.</summary>
    public string? FaultReason
    {
        get
        {
            lock (_gate) return _fault?.Reason;
        }
    }

    /// <summary>
    /// The fault that keeps the pack from the binary at <paramref name="sequence"/> of the build's input order: one marked
    /// at an earlier position; with no position (a caller verifying binaries one at a time), any fault.
    /// </summary>
    internal string? FaultBefore(long? sequence)
    {
        lock (_gate) return _fault is { } f && (sequence is null || f.Sequence < sequence) ? f.Reason : null;
    }

    /// <summary>Marks the pack faulty by the binary at <paramref name="sequence"/>; the earliest position wins.</summary>
    internal void MarkFaulty(string reason, long? sequence = null)
    {
        long at = sequence ?? long.MinValue;
        lock (_gate)
        {
            if (_fault is null || at < _fault.Value.Sequence) _fault = (at, reason);
        }
    }

    /// <summary>"pack Acme.GoRules (/path/Acme.GoRules.dll)".</summary>
    public override string ToString() => Path is null ? $"the built-in rules ({Name})" : $"rule pack {Name} ({Path})";
}

/// <summary>A rule ready to run: the instance, its descriptor read once at load time, and its pack.</summary>
internal sealed class LoadedRule
{
    public LoadedRule(Sdk.Rule rule, Sdk.RuleDescriptor descriptor, RulePack pack)
    {
        Rule = rule;
        Descriptor = descriptor;
        Pack = pack;
        Report = new RuleDescriptor(descriptor.Id, descriptor.Name, descriptor.Title,
            string.IsNullOrEmpty(descriptor.HelpText) ? descriptor.Title : descriptor.HelpText,
            ToSeverity(descriptor.DefaultSeverity), descriptor.HelpUri?.OriginalString);
    }

    public Sdk.Rule Rule { get; }

    public Sdk.RuleDescriptor Descriptor { get; }

    public RulePack Pack { get; }

    /// <summary>The descriptor as the sinks show it.</summary>
    public RuleDescriptor Report { get; }

    /// <summary>"GBC5001 RequireTrimpath of rule pack Acme.GoRules (…)".</summary>
    public override string ToString() => $"{Descriptor.Id} {Descriptor.Name} of {Pack}";

    public static Diagnostics.Severity ToSeverity(Sdk.Severity severity) => severity switch
    {
        Sdk.Severity.Note => Diagnostics.Severity.Note,
        Sdk.Severity.Warning => Diagnostics.Severity.Warning,
        _ => Diagnostics.Severity.Error,
    };
}
