using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.RulePacks;

/// <summary>
/// Where rules came from: the built-in rules (run in the host's load context) or a rule pack (its own isolated,
/// collectible load context). A pack whose rule ignored cancellation is marked faulty and not run again.
/// </summary>
public sealed class RulePack
{
    private volatile string? _faultReason;

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

    /// <summary>Set once a rule of the pack ignored cancellation; its rules are not run again.</summary>
    public string? FaultReason => _faultReason;

    internal void MarkFaulty(string reason) => _faultReason ??= reason;

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
