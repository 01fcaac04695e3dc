using System.Globalization;
using GoBootCheck.Sdk;

namespace Acme.GoRules;

/// <summary>
/// GBC5005: the binary was built by a Go release that is supported and has the security fixes we require: a minor
/// version at least minimum-minor, and per minor version at least the patch release listed in minimum-patches.
/// </summary>
public sealed class MinimumGoPatchRelease : Rule
{
    /// <summary>The oldest Go minor version accepted at all.</summary>
    public static readonly RuleParameter<int> MinimumMinor = new("minimum-minor", 21, "The oldest Go 1.x minor version accepted (e.g. 21 for go1.21).")
    {
        Minimum = 0,
        Maximum = 99,
    };

    /// <summary>Minimum patch releases per minor version.</summary>
    public static readonly RuleParameter<string> MinimumPatches = new("minimum-patches", "go1.21.13,go1.22.6,go1.23.1",
        "Comma-separated releases: for each listed minor version, the lowest patch release accepted. Minors not listed need only minimum-minor.");

    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = new()
    {
        Id = AcmeRuleIds.MinimumGoPatchRelease,
        Name = nameof(MinimumGoPatchRelease),
        Title = "The binary is built by a Go release with the required fixes.",
        MessageFormat = "built by {0}; expected {1} or newer",
        HelpText = "Old Go releases miss security fixes in the standard library (net/http, crypto/tls, …) that are compiled into the binary. Rebuild with a current patch release.",
        DefaultSeverity = Severity.Error,
        Category = "Security",
        Tags = ["security", "toolchain"],
        Parameters = [MinimumMinor, MinimumPatches],
    };

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        if (context.Go.Version is not { } version) return Verdict.NotVerified("the binary records no Go version");
        int minimumMinor = context.GetParameter(MinimumMinor);
        var required = new GoVersion(1, minimumMinor, 0);
        foreach (string entry in context.GetParameter(MinimumPatches).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (GoVersion.TryParse(entry) is { } floor && floor.Major == version.Major && floor.Minor == version.Minor && floor > required) required = floor;
        }
        if (version >= required) return Verdict.Pass(string.Create(CultureInfo.InvariantCulture, $"built by {version}, at least {required}"));
        var main = context.Go.FunctionsNamed("runtime.main") is [var first, ..] ? first : null;
        context.Report(new Finding(version.Text, required.Text)
        {
            Function = main?.Name,
            Address = main?.Entry,
        });
        return Verdict.Fail();
    }
}
