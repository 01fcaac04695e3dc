using GoBootCheck.CgoHeaders;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Host;

/// <summary>
/// Publishes <see cref="Sdk.CgoHeaderExports"/> for a binary with a c-header companion: the export block as
/// GoBootCheck.CgoHeaders parses it (the same parser as the interop analyzer), so rules that see only the public API
/// need no C parser of their own.
/// </summary>
internal static class CgoHeaderExportsReader
{
    public static IReadOnlyDictionary<Type, object> Publish(IReadOnlyDictionary<Type, object> analyses, IReadOnlyList<Sdk.CompanionFile> companions)
    {
        var header = companions.FirstOrDefault(c => string.Equals(c.Kind, Sdk.CompanionFile.CHeader, StringComparison.Ordinal));
        if (header is null) return analyses;
        var published = new Dictionary<Type, object>(analyses) { [typeof(Sdk.CgoHeaderExports)] = Read(header.Path, header.Content) };
        return published;
    }

    public static Sdk.CgoHeaderExports Read(string path, string content)
    {
        var parsed = CgoHeader.Parse(content);
        return new Sdk.CgoHeaderExports
        {
            HeaderPath = path,
            IsCgoHeader = parsed.IsCgoHeader,
            Functions = parsed.Exports.Where(f => !f.IsStatic).Select(f => new Sdk.CgoHeaderExport(f.Name, f.Line)).ToList(),
            NotUnderstood = parsed.Problems.Where(p => p.Kind == CgoHeaderProblemKind.ExportNotUnderstood)
                .Select(p => new Sdk.CodeLocation(path, p.Line)).ToList(),
        };
    }
}
