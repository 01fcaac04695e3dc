using GoBootCheck.Diagnostics;
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

    /// <summary>The tool's version (the package's, from the build's single version property).</summary>
    public required string ToolVersion { get; init; }

    /// <summary>
    /// The repository root (absolute): <c>%SRCROOT%</c> in <c>originalUriBaseIds</c>. Binaries and Go source files
    /// inside it get URIs relative to it; files outside it get absolute file URIs. Null: absolute URIs only and no
    /// Go source locations.
    /// </summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>
    /// Go modules of the repository, module path → absolute directory of its go.mod: maps the module-relative source
    /// names <c>go build -trimpath</c> records (example.com/hello/main.go) to files in the repository.
    /// </summary>
    public IReadOnlyDictionary<string, string> GoModules { get; init; } = new Dictionary<string, string>();

    /// <summary>The repository URL the documentation links are made from (<see cref="ProductInfo.RepositoryUrl"/>).</summary>
    public string RepositoryUrl { get; init; } = ProductInfo.RepositoryUrl;

    /// <summary>Length and hash per report path, where the caller has them.</summary>
    public IReadOnlyDictionary<string, ArtifactFacts> Artifacts { get; init; } = new Dictionary<string, ArtifactFacts>();

    /// <summary>Problems with the configuration rather than with a binary (GBC1013, rule set files).</summary>
    public IReadOnlyList<ToolDiagnostic> ConfigurationDiagnostics { get; init; } = [];

    /// <summary>True if the run was cancelled before every listed binary was verified.</summary>
    public bool Cancelled { get; init; }

    /// <summary>When verification started and ended, if known.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <inheritdoc cref="StartTime"/>
    public DateTimeOffset? EndTime { get; init; }
}
