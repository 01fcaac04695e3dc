using System.Globalization;
using System.Text.RegularExpressions;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.RulePacks;

public sealed partial class RuleCatalog
{
    /// <summary>Why a descriptor cannot be used, or null. Checked once at load so that rules never fail on it later.</summary>
    private static string? DescriptorProblem(Sdk.RuleDescriptor? d)
    {
        if (d is null) return "its Descriptor is null";
        if (d.Id is null || !IdPattern().IsMatch(d.Id)) return $"id '{d.Id}' is not letters followed by four or more digits (e.g. ACME0001, GBC5001)";
        if (d.Name is null || !NamePattern().IsMatch(d.Name)) return $"name '{d.Name}' of {d.Id} is not PascalCase";
        if (string.IsNullOrWhiteSpace(d.Title)) return $"{d.Id} has no title";
        if (string.IsNullOrWhiteSpace(d.MessageFormat)) return $"{d.Id} has no message format";
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, d.MessageFormat, new object?[MaxArguments]);
        }
        catch (FormatException)
        {
            return $"the message format of {d.Id} is not a valid composite format with at most {MaxArguments} arguments: '{d.MessageFormat}'";
        }
        if (!Enum.IsDefined(d.DefaultSeverity)) return $"{d.Id} has an undefined default severity {(int)d.DefaultSeverity}";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in d.Parameters ?? [])
        {
            if (p is null) return $"{d.Id} lists a null parameter";
            if (!names.Add(p.Name)) return $"{d.Id} has two parameters named {p.Name}";
            if (p.DefaultValue is IComparable value &&
                ((p.Minimum is not null && value.CompareTo(p.Minimum) < 0) || (p.Maximum is not null && value.CompareTo(p.Maximum) > 0)))
                return $"the default {Convert.ToString(p.DefaultValue, CultureInfo.InvariantCulture)} of {d.Id}'s parameter {p.Name} is outside its range";
        }
        return null;
    }

    /// <summary>Why a pack may not use this id (GoBootCheck's own range), or null; checked after clashes, which say more.</summary>
    private static string? ReservedIdProblem(Sdk.RuleDescriptor d, RulePack pack) =>
        pack.IsIsolated && d.Id.StartsWith("GBC", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(d.Id.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n < 5000
            ? $"id {d.Id} is in GoBootCheck's own range (GBC0001-GBC4999); packs use GBC5000 and above or their own prefix"
            : null;

    private const int MaxArguments = 32;

    [GeneratedRegex("^[A-Za-z]+[0-9]{4,}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex NamePattern();
}
