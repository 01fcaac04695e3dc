using System.Collections.Immutable;
using GoBootCheck.CgoHeaders;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GoBootCheck.Interop.Headers;

/// <summary>A header handed to the compilation and the library it describes.</summary>
internal sealed class HeaderFile
{
    private readonly Lazy<(CgoHeader? Header, string? ReadProblem)> _parsed;

    public HeaderFile(AdditionalText file, string library, CancellationToken cancellationToken)
    {
        File = file;
        Library = library;
        _parsed = new Lazy<(CgoHeader?, string?)>(() =>
        {
            var text = file.GetText(cancellationToken);
            return text is null ? (null, "the file could not be read") : (CgoHeader.Parse(text.ToString()), null);
        });
    }

    public AdditionalText File { get; }

    /// <summary>The library as the item names it.</summary>
    public string Library { get; }

    public string FileName => System.IO.Path.GetFileName(File.Path);

    /// <summary>The parsed header; null when the file could not be read.</summary>
    public CgoHeader? Header => _parsed.Value.Header;

    public string? ReadProblem => _parsed.Value.ReadProblem;

    /// <summary>True when declarations can be checked against it (read, a cgo header, for linux/amd64).</summary>
    public bool IsUsable => Header is { IsCgoHeader: true } h && h.Problems.All(p => p.Kind != CgoHeaderProblemKind.WrongArchitecture);

    /// <summary>"libhello.h:12".</summary>
    public string At(int line) => line > 0 ? $"{FileName}:{line}" : FileName;

    /// <summary>A location in the header file, for diagnostics about the header itself.</summary>
    public Location LocationOf(int line)
    {
        var text = File.GetText();
        if (text is null || line <= 0 || line > text.Lines.Count) return Location.Create(File.Path, default, default);
        var span = text.Lines[line - 1].Span;
        return Location.Create(File.Path, span, text.Lines.GetLinePositionSpan(span));
    }
}

/// <summary>
/// The cgo headers of a compilation: AdditionalFiles items with GoBootCheckLibrary metadata (build/GoBootCheck.targets
/// turns GoBootCheckCHeader items into those). Headers are parsed on first use only.
/// </summary>
internal sealed class HeaderCatalog
{
    /// <summary>The metadata key the MSBuild targets expose (CompilerVisibleItemMetadata).</summary>
    public const string LibraryMetadata = "build_metadata.AdditionalFiles.GoBootCheckLibrary";

    private readonly Dictionary<string, HeaderFile> _byLibrary;

    private HeaderCatalog(ImmutableArray<HeaderFile> files, Dictionary<string, HeaderFile> byLibrary, ImmutableArray<(HeaderFile First, HeaderFile Second)> duplicates)
    {
        Files = files;
        _byLibrary = byLibrary;
        Duplicates = duplicates;
    }

    public ImmutableArray<HeaderFile> Files { get; }

    /// <summary>Pairs of headers that describe the same library (neither is used).</summary>
    public ImmutableArray<(HeaderFile First, HeaderFile Second)> Duplicates { get; }

    public bool IsEmpty => Files.IsEmpty;

    /// <summary>The headers among the compilation's additional files; empty (and nothing read) when there are none.</summary>
    public static HeaderCatalog Create(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var files = ImmutableArray.CreateBuilder<HeaderFile>();
        foreach (var file in options.AdditionalFiles)
        {
            var metadata = options.AnalyzerConfigOptionsProvider.GetOptions(file);
            if (!metadata.TryGetValue(LibraryMetadata, out string? library) || string.IsNullOrWhiteSpace(library)) continue;
            files.Add(new HeaderFile(file, library.Trim(), cancellationToken));
        }
        var byLibrary = new Dictionary<string, HeaderFile>(StringComparer.Ordinal);
        var duplicates = ImmutableArray.CreateBuilder<(HeaderFile, HeaderFile)>();
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(f => f.File.Path, StringComparer.Ordinal))
        {
            string key = LibraryNames.Canonical(file.Library);
            if (byLibrary.TryGetValue(key, out var first))
            {
                if (string.Equals(first.File.Path, file.File.Path, StringComparison.Ordinal)) continue;
                duplicates.Add((first, file));
                ambiguous.Add(key);
                continue;
            }
            byLibrary[key] = file;
        }
        foreach (string key in ambiguous) byLibrary.Remove(key);
        return new HeaderCatalog(files.ToImmutable(), byLibrary, duplicates.ToImmutable());
    }

    /// <summary>The header of the library a P/Invoke names, if one was handed to the compilation.</summary>
    public HeaderFile? For(string libraryName) =>
        _byLibrary.TryGetValue(LibraryNames.Canonical(libraryName), out var file) ? file : null;
}
