namespace GoBootCheck.Diagnostics;

/// <summary>How serious a finding or diagnostic is.</summary>
public enum Severity
{
    /// <summary>Information only; never fails a build.</summary>
    Note,
    /// <summary>Shown, does not fail the build unless the build treats warnings as errors.</summary>
    Warning,
    /// <summary>Fails the build.</summary>
    Error,
}

/// <summary>
/// Whether a diagnostic says the input is broken or merely that the tool cannot verify it.
/// Strict gates turn <see cref="Unsupported"/> warnings into errors.
/// </summary>
public enum DiagnosticKind
{
    /// <summary>The input is broken or mislabeled (not ELF, truncated, corrupt Go metadata).</summary>
    Broken,
    /// <summary>A valid input the tool cannot verify (another architecture, a newer Go layout, a tool limit).</summary>
    Unsupported,
    /// <summary>Something worth knowing that does not affect the verdict.</summary>
    Informational,
}

/// <summary>A problem of the tool with its input, reported once per occurrence and naming the file.</summary>
/// <param name="Id">One of <see cref="DiagnosticIds"/>.</param>
/// <param name="Severity">Severity under the default policy.</param>
/// <param name="Kind">Broken input, unsupported input, or information.</param>
/// <param name="Message">A sentence for people: what was expected and what was found.</param>
/// <param name="Address">Virtual address or file offset involved, if any.</param>
public sealed record ToolDiagnostic(string Id, Severity Severity, DiagnosticKind Kind, string Message, ulong? Address = null)
{
    /// <summary>The rule a diagnostic about running a rule concerns (GBC1016–GBC1018, GBC1032); null otherwise.</summary>
    public string? RuleId { get; init; }

    /// <summary>A broken input: always an error.</summary>
    public static ToolDiagnostic Broken(string id, string message, ulong? address = null) =>
        new(id, Severity.Error, DiagnosticKind.Broken, message, address);

    /// <summary>A valid input the tool cannot verify: a warning, an error under strict policy.</summary>
    public static ToolDiagnostic Unsupported(string id, string message, ulong? address = null) =>
        new(id, Severity.Warning, DiagnosticKind.Unsupported, message, address);

    /// <summary>Information that does not change the verdict.</summary>
    public static ToolDiagnostic Info(string id, string message, ulong? address = null) =>
        new(id, Severity.Note, DiagnosticKind.Informational, message, address);
}

/// <summary>Collects tool diagnostics; parsers take one instead of throwing.</summary>
public sealed class DiagnosticBag
{
    private readonly List<ToolDiagnostic> _items = [];

    /// <summary>Everything reported so far, in order.</summary>
    public IReadOnlyList<ToolDiagnostic> Items => _items;

    /// <summary>True once an error-severity diagnostic was reported.</summary>
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    /// <summary>Adds one diagnostic.</summary>
    public void Add(ToolDiagnostic diagnostic) => _items.Add(diagnostic);
}
