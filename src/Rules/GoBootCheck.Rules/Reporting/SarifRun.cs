using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Reporting;

/// <summary>Facts about a binary's file that a caller read along with it (the verifier never sees files).</summary>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's content.</param>
public sealed record ArtifactFacts(long Length, string Sha256);

/// <summary>Everything one SARIF run records: the reports of all binaries of a project and how to describe them.</summary>
public sealed record SarifRun
{
    /// <summary>One report per binary, in the order they were listed.</summary>
    public required IReadOnlyList<BinaryReport> Reports { get; init; }

    /// <summary>The rules the verifier ran (<see cref="GoBinaryVerifier.Rules"/>).</summary>
    public required IReadOnlyList<RuleDescriptor> Rules { get; init; }

    /// <summary>The tool's version, e.g. 0.1.0.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>
    /// Directory that artifact URIs are made relative to (as uriBaseId <c>PROJECTROOT</c>), usually the project
    /// directory; binaries outside it get absolute file URIs. Null: absolute URIs only.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Length and hash per report path, where the caller has them.</summary>
    public IReadOnlyDictionary<string, ArtifactFacts> Artifacts { get; init; } = new Dictionary<string, ArtifactFacts>();

    /// <summary>When verification started and ended, if known.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <inheritdoc cref="StartTime"/>
    public DateTimeOffset? EndTime { get; init; }
}
