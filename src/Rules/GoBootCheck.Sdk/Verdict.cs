namespace GoBootCheck.Sdk;

/// <summary>What a rule concluded about one binary.</summary>
public enum VerdictKind
{
    /// <summary>The invariant was checked and holds.</summary>
    Pass,
    /// <summary>The invariant was checked and is broken; the rule reported findings.</summary>
    Fail,
    /// <summary>The invariant does not apply to this binary.</summary>
    NotApplicable,
    /// <summary>The invariant applies but could not be checked (a limit of the tool or of the binary's metadata).</summary>
    NotVerified,
}

/// <summary>A rule's verdict on one binary with the sentence that explains it.</summary>
public sealed class Verdict
{
    private Verdict(VerdictKind kind, string? text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>Pass, Fail, NotApplicable or NotVerified.</summary>
    public VerdictKind Kind { get; }

    /// <summary>What was checked (Pass), a summary (Fail, optional), or why not (NotApplicable, NotVerified).</summary>
    public string? Text { get; }

    /// <summary>The invariant holds; <paramref name="checkedWhat"/> says what was checked, for the detailed log.</summary>
    public static Verdict Pass(string checkedWhat) => new(VerdictKind.Pass, Required(checkedWhat, nameof(checkedWhat)));

    /// <summary>The invariant is broken; the rule must have reported at least one finding.</summary>
    public static Verdict Fail(string? summary = null) => new(VerdictKind.Fail, summary);

    /// <summary>The invariant does not apply to this binary, and why.</summary>
    public static Verdict NotApplicable(string reason) => new(VerdictKind.NotApplicable, Required(reason, nameof(reason)));

    /// <summary>The invariant applies but could not be checked, and what stopped it.</summary>
    public static Verdict NotVerified(string reason) => new(VerdictKind.NotVerified, Required(reason, nameof(reason)));

    /// <inheritdoc/>
    public override string ToString() => Text is null ? Kind.ToString() : Kind + ": " + Text;

    private static string Required(string text, string name) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("A verdict needs a sentence that explains it.", name) : text;
}
