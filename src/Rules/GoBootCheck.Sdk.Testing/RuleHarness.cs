using GoBootCheck.Host;

namespace GoBootCheck.Sdk.Testing;

/// <summary>Settings of one harness run: parameter values (as a rule set would give them), companion files, budgets.</summary>
public sealed class RuleHarnessOptions
{
    /// <summary>Values of the rule's parameters by name: typed values or their text ("v2", "true", "12"); validated against the descriptor.</summary>
    public IReadOnlyDictionary<string, object>? Parameters { get; init; }

    /// <summary>Files the build would associate with the binary (e.g. its c-header).</summary>
    public IReadOnlyList<CompanionFile> CompanionFiles { get; init; } = [];

    /// <summary>Instructions the start-up emulation may execute (the build's default is 5 000 000).</summary>
    public long InstructionBudget { get; init; } = 5_000_000;

    /// <summary>Wall-clock safety net of the start-up emulation.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>What the rule concluded: its verdict, the typed findings it reported and their rendered messages.</summary>
public sealed class RuleHarnessResult
{
    internal RuleHarnessResult(Verdict verdict, IReadOnlyList<Finding> findings, IReadOnlyList<string> messages, IReadOnlyList<string> toolDiagnostics)
    {
        Verdict = verdict;
        Findings = findings;
        Messages = messages;
        ToolDiagnostics = toolDiagnostics;
    }

    /// <summary>The rule's verdict.</summary>
    public Verdict Verdict { get; }

    /// <summary>The findings as the rule reported them.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Each finding's message, rendered from the descriptor's message format with the invariant culture.</summary>
    public IReadOnlyList<string> Messages { get; }

    /// <summary>What the engine said about the binary while reading it ("GBC1011 …"), for assertion messages.</summary>
    public IReadOnlyList<string> ToolDiagnostics { get; }

    /// <summary>The verdict, and each finding with its function and message: for assertion messages.</summary>
    public override string ToString() =>
        Verdict + string.Concat(Findings.Select((f, i) => Environment.NewLine + "  " + (f.Function ?? "-") + ": " + Messages[i]));
}

/// <summary>
/// Evaluates one rule on one real binary through GoBootCheck's engine, as a build would, but inline: an exception in the
/// rule reaches the test. An invalid descriptor, unknown parameter or broken contract (Fail without findings) throws.
/// </summary>
public static class RuleHarness
{
    /// <summary>Evaluates <paramref name="rule"/> on the binary in <paramref name="binary"/>.</summary>
    /// <param name="rule">The rule under test.</param>
    /// <param name="binary">The whole ELF file.</param>
    /// <param name="name">The binary's name in messages.</param>
    /// <param name="options">Parameters, companion files, budgets.</param>
    /// <param name="cancellation">Cancels the analyses and the rule.</param>
    public static RuleHarnessResult Evaluate(Rule rule, ReadOnlyMemory<byte> binary, string name = "binary", RuleHarnessOptions? options = null,
        CancellationToken cancellation = default)
    {
        options ??= new RuleHarnessOptions();
        var run = HarnessHost.Evaluate(rule, name, binary, options.Parameters, options.CompanionFiles, options.InstructionBudget, options.TimeBudget, cancellation);
        return new RuleHarnessResult(run.Verdict, run.Findings, run.Messages, [.. run.Diagnostics.Select(d => d.Id + " " + d.Message)]);
    }

    /// <summary>Evaluates <paramref name="rule"/> on the binary at <paramref name="path"/>.</summary>
    public static RuleHarnessResult EvaluateFile(Rule rule, string path, RuleHarnessOptions? options = null, CancellationToken cancellation = default) =>
        Evaluate(rule, File.ReadAllBytes(path), path, options, cancellation);
}
