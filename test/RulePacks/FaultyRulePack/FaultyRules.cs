using GoBootCheck.Sdk;

namespace FaultyRulePack;

/// <summary>Throws on every binary.</summary>
public sealed class ThrowingRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new() { Id = "FLT0001", Name = "Throws", Title = "Always throws.", MessageFormat = "{0}" };

    public override Verdict Evaluate(RuleContext context) => throw new InvalidOperationException("deliberate fault in FLT0001");
}

/// <summary>Works past its budget but stops when its token is cancelled.</summary>
public sealed class SlowRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new() { Id = "FLT0002", Name = "Slow", Title = "Loops past its budget, honouring cancellation.", MessageFormat = "{0}" };

    public override Verdict Evaluate(RuleContext context)
    {
        while (true)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            Thread.Sleep(5);
        }
    }
}

/// <summary>Loops forever, ignoring its token (until the test process sets <see cref="Release"/>).</summary>
public sealed class StubbornRule : Rule
{
    /// <summary>Lets abandoned evaluations end, so that the test process does not keep spinning threads.</summary>
    public static volatile bool Release;

    public override RuleDescriptor Descriptor { get; } = new() { Id = "FLT0009", Name = "Stubborn", Title = "Loops past its budget, ignoring cancellation.", MessageFormat = "{0}" };

    public override Verdict Evaluate(RuleContext context)
    {
        while (!Release) Thread.Sleep(5);
        return Verdict.Pass("released");
    }
}

/// <summary>Returns Fail without reporting anything.</summary>
public sealed class FailsSilently : Rule
{
    public override RuleDescriptor Descriptor { get; } = new() { Id = "FLT0004", Name = "FailsSilently", Title = "Fails without findings.", MessageFormat = "{0}" };

    public override Verdict Evaluate(RuleContext context) => Verdict.Fail();
}

/// <summary>Takes the id of a built-in rule.</summary>
public sealed class ClashesWithBuiltIn : Rule
{
    public override RuleDescriptor Descriptor { get; } = new() { Id = "GBC0004", Name = "Clash", Title = "Has a built-in rule's id.", MessageFormat = "{0}" };

    public override Verdict Evaluate(RuleContext context) => Verdict.Pass("never runs");
}

/// <summary>Reports a finding on the function at the entry point: proves a pack sees the binary while others misbehave.</summary>
public sealed class WellBehaved : Rule
{
    public override RuleDescriptor Descriptor { get; } = new()
    {
        Id = "FLT0005", Name = "WellBehaved", Title = "Reports the entry point.", MessageFormat = "entry point at 0x{0:x} in {1}", DefaultSeverity = Severity.Note,
    };

    public override Verdict Evaluate(RuleContext context)
    {
        var f = context.Go.FunctionAt(context.Image.Entry);
        context.Report(new Finding(context.Image.Entry, f?.Name ?? "?") { Function = f?.Name, Address = context.Image.Entry, Source = f?.Source });
        return Verdict.Fail("reported the entry point");
    }
}
