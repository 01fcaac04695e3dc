using GoBootCheck.Sdk;

namespace Acme.GoRules;

/// <summary>GBC5004: executables are position-independent (-buildmode=pie), so the loader can randomize their address.</summary>
public sealed class PositionIndependentExecutable : Rule
{
    /// <summary>Accept statically linked executables (no program interpreter): nothing randomizes them either way.</summary>
    public static readonly RuleParameter<bool> AllowStatic = new("allow-static", false,
        "Accept a statically linked, non-PIE executable (one without PT_INTERP).");

    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = new()
    {
        Id = AcmeRuleIds.PositionIndependentExecutable,
        Name = nameof(PositionIndependentExecutable),
        Title = "Executables are built as position-independent executables.",
        MessageFormat = "a {0} executable at the fixed address 0x{1:x}; build with -buildmode=pie",
        HelpText = "A PIE is loaded at a random address (ASLR), which makes memory corruption harder to exploit. Go builds non-PIE executables by default on linux/amd64.",
        DefaultSeverity = Severity.Warning,
        Category = "Hardening",
        Tags = ["aslr", "security"],
        Parameters = [AllowStatic],
    };

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        var image = context.Image;
        if (context.Go.BuildMode is GoBuildMode.CShared or GoBuildMode.Shared)
            return Verdict.NotApplicable($"a shared library ({context.Go.BuildMode}) is always position-independent");
        if (image.Type == ElfImageType.SharedObject) return Verdict.Pass("ET_DYN executable with a program interpreter: a PIE");
        if (!image.HasInterpreter && context.GetParameter(AllowStatic))
            return Verdict.NotApplicable("a statically linked executable, which allow-static accepts");
        context.Report(new Finding(image.HasInterpreter ? "dynamically linked" : "statically linked", image.Entry)
        {
            Address = image.Entry,
            Function = context.Go.FunctionAt(image.Entry)?.Name,
        });
        return Verdict.Fail();
    }
}
