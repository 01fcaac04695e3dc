namespace GoBootCheck.Sdk;

/// <summary>
/// The export block of a binary's c-shared header (the <see cref="CompanionFile.CHeader"/> companion), as the host's cgo
/// header parser read it: the functions cgo declares after its boilerplate (one per <c>//export</c>), never the preamble's
/// or the boilerplate's own declarations. Published by the host only when the binary has a c-header companion.
/// </summary>
public sealed record CgoHeaderExports
{
    /// <summary>The header's path as the build listed it.</summary>
    public string HeaderPath { get; init; } = "";

    /// <summary>False when the text lacks cgo's section markers: then it is not a cgo header and <see cref="Functions"/> is empty.</summary>
    public bool IsCgoHeader { get; init; }

    /// <summary>The exported functions in header order.</summary>
    public IReadOnlyList<CgoHeaderExport> Functions { get; init; } = [];

    /// <summary>Declarations of the export block the parser did not understand (line and reason), in header order.</summary>
    public IReadOnlyList<CodeLocation> NotUnderstood { get; init; } = [];
}

/// <summary>One function of a cgo header's export block.</summary>
/// <param name="Name">The C name (the <c>//export</c> name): the symbol the library must export.</param>
/// <param name="Line">Its 1-based line in the header.</param>
public sealed record CgoHeaderExport(string Name, int Line);
