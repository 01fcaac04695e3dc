using GoBootCheck.Sdk;

namespace Acme.GoRules;

/// <summary>
/// GBC5002: release binaries are built with -trimpath, so they carry no build machine's paths (reproducible builds,
/// no user names or checkout locations in panics).
/// </summary>
public sealed class BuiltWithTrimpath : Rule
{
    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = new()
    {
        Id = AcmeRuleIds.BuiltWithTrimpath,
        Name = nameof(BuiltWithTrimpath),
        Title = "The binary is built with -trimpath.",
        MessageFormat = "built without -trimpath: its source paths name the build machine, e.g. {0}",
        HelpText = "go build -trimpath removes file system paths from the binary: builds become reproducible and no build machine path leaks.",
        DefaultSeverity = Severity.Warning,
        Category = "BuildSettings",
        Tags = ["reproducible-builds"],
    };

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var info = context.Go.BuildInfo;
        if (info is null || info.Settings.Count == 0)
            return Verdict.NotVerified("the binary records no build settings (Go 1.18+ records -trimpath)");
        if (info.Setting("-trimpath") == "true") return Verdict.Pass("build info records -trimpath=true");
        var main = context.Go.FunctionsNamed("main.main") is [var first, ..] ? first : null;
        context.Report(new Finding(main?.Source?.File ?? "(no source position)")
        {
            Function = main?.Name,
            Address = main?.Entry,
            Source = main?.Source,
        });
        return Verdict.Fail();
    }
}
