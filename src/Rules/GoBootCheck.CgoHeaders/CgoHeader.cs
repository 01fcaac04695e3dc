using GoBootCheck.CgoHeaders.Parsing;
using GoBootCheck.CgoHeaders.Preprocessing;
using GoBootCheck.CgoHeaders.Types;

namespace GoBootCheck.CgoHeaders;

/// <summary>
/// A header written by cgo for <c>-buildmode=c-shared</c> or <c>c-archive</c>, parsed as C: cgo's built-in prologue,
/// the user's preamble (the C types exports may use), cgo's boilerplate (which defines the Go types — GoInt, GoString,
/// GoSlice… — and is read like any other C, never assumed), then the exported functions. Sections are found by the
/// comments cgo writes around them ("Start of preamble from import "C" comments." … "End of boilerplate cgo
/// prologue."), present in every cgo since c-shared exists (Go 1.5).
/// </summary>
/// <remarks>
/// Invalid input is data: <see cref="Parse"/> never throws on a header's content; what it does not understand is in
/// <see cref="Problems"/>, and a type it could not read is a <see cref="CUnknownType"/> saying why.
/// </remarks>
public sealed class CgoHeader
{
    private const string PreambleStartMarker = "Start of preamble from import \"C\" comments.";
    private const string PreambleEndMarker = "End of preamble from import \"C\" comments.";
    private const string BoilerplateStartMarker = "Start of boilerplate cgo prologue.";
    private const string BoilerplateEndMarker = "End of boilerplate cgo prologue.";

    private readonly Dictionary<string, CTypedefType> _typedefs;
    private readonly Dictionary<string, CStructType> _tags;
    private readonly int[] _sectionStarts;

    private CgoHeader(int[] sectionStarts, Dictionary<string, CTypedefType> typedefs, Dictionary<string, CStructType> tags,
        List<CFunctionDeclaration> functions, List<CgoHeaderProblem> problems, string? packagePath)
    {
        _sectionStarts = sectionStarts;
        _typedefs = typedefs;
        _tags = tags;
        Functions = functions;
        Exports = functions.Where(f => f.Section == CgoHeaderSection.Exports).ToList();
        Problems = problems;
        PackagePath = packagePath;
    }

    /// <summary>The exported Go functions (the export block), in header order.</summary>
    public IReadOnlyList<CFunctionDeclaration> Exports { get; }

    /// <summary>Every function the header declares or defines, in header order (exports, preamble functions, cgo's own).</summary>
    public IReadOnlyList<CFunctionDeclaration> Functions { get; }

    /// <summary>What the parser did not understand, in header order.</summary>
    public IReadOnlyList<CgoHeaderProblem> Problems { get; }

    /// <summary>The Go package the header was generated for ("/* package example.com/lib */"), if written.</summary>
    public string? PackagePath { get; }

    /// <summary>False when the text lacks cgo's section markers (then <see cref="Exports"/> is empty).</summary>
    public bool IsCgoHeader => _sectionStarts[3] > 0;

    /// <summary>The typedef <paramref name="name"/> (GoInt, GoString, a preamble typedef…), if the header defines it.</summary>
    public CTypedefType? Typedef(string name) => _typedefs.TryGetValue(name, out var t) ? t : null;

    /// <summary>The struct or union with the tag (e.g. "struct Div_return"), if the header declares it.</summary>
    public CStructType? Tagged(string key) => _tags.TryGetValue(key, out var t) ? t : null;

    /// <summary>The exported function <paramref name="name"/>, or a function with external linkage the preamble declares.</summary>
    public CFunctionDeclaration? EntryPoint(string name) =>
        Exports.FirstOrDefault(f => f.Name == name)
        ?? Functions.FirstOrDefault(f => f.Name == name && f.Section == CgoHeaderSection.Preamble && !f.IsStatic);

    /// <summary>The section that 1-based <paramref name="line"/> belongs to.</summary>
    public CgoHeaderSection SectionOf(int line) =>
        line >= _sectionStarts[3] && _sectionStarts[3] > 0 ? CgoHeaderSection.Exports
        : line >= _sectionStarts[2] && _sectionStarts[2] > 0 ? CgoHeaderSection.Boilerplate
        : line >= _sectionStarts[1] && _sectionStarts[1] > 0 ? CgoHeaderSection.Preamble
        : _sectionStarts[1] > 0 ? CgoHeaderSection.BuiltinPrologue
        : CgoHeaderSection.Preamble;

    /// <summary>Parses a header's text. Never throws on the content: problems are in <see cref="Problems"/>.</summary>
    public static CgoHeader Parse(string text)
    {
        var problems = new List<CgoHeaderProblem>();
        var lines = text.Split('\n');
        int FindFirst(string marker, int from = 0)
        {
            for (int i = from; i < lines.Length; i++)
            {
                if (lines[i].Contains(marker)) return i + 1;
            }
            return 0;
        }
        int FindLast(string marker, int before)
        {
            for (int i = Math.Min(before, lines.Length) - 1; i >= 0; i--)
            {
                if (lines[i].Contains(marker)) return i + 1;
            }
            return 0;
        }
        int boilerplateEnd = FindLast(BoilerplateEndMarker, lines.Length);
        int boilerplateStart = boilerplateEnd > 0 ? FindLast(BoilerplateStartMarker, boilerplateEnd) : 0;
        int preambleEnd = boilerplateStart > 0 ? FindLast(PreambleEndMarker, boilerplateStart) : 0;
        int preambleStart = FindFirst(PreambleStartMarker);
        // Section i starts at line starts[i]: builtin prologue, preamble (after its start marker), boilerplate
        // (from the preamble's end marker), exports (after the boilerplate's end marker).
        var starts = new[] { 1, preambleStart, preambleEnd, boilerplateEnd };
        if (boilerplateEnd == 0 || preambleStart == 0)
        {
            problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.NotACgoHeader, 0,
                "not a header written by cgo: the comments cgo writes around its sections (\"" + PreambleStartMarker +
                "\" … \"" + BoilerplateEndMarker + "\") are missing"));
            starts = [1, 0, 0, 0];
        }

        var tokens = Preprocessor.Run(text, problems, out var preprocessor);
        string UnknownReason(string name)
        {
            var includes = preprocessor.Includes.Where(i => !i.Name.StartsWith("<", StringComparison.Ordinal)).ToList();
            if (preprocessor.MacroNamed(name) is { IsFunctionLike: true })
                return $"'{name}' is a function-like macro, not a type";
            return includes.Count == 0
                ? $"'{name}' is not defined in the header"
                : $"'{name}' is not defined in the header (it may come from {string.Join(", ", includes.Select(i => $"#include {i.Name} at line {i.Line}"))}, which the header does not contain)";
        }
        var parser = new DeclarationParser(tokens, text, UnknownReason);
        parser.ParseAll();

        var header = new CgoHeader(starts, parser.Typedefs, parser.Tags, [], problems, PackagePathOf(lines));
        var functions = parser.Functions
            .Select(f => new CFunctionDeclaration(f.Function.Name, f.Function.Type, f.Function.ParametersUnspecified,
                f.Function.IsStatic, f.Function.HasBody, f.Line, f.Function.Text, header.SectionOf(f.Line)))
            .ToList();
        foreach (var (name, line) in parser.FailedAssertions)
        {
            problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.WrongArchitecture, line,
                $"the static assertion '{name}' fails on linux/amd64: the header was generated for another architecture " +
                "(its GoInt is not linux/amd64's)"));
        }
        foreach (var skipped in parser.Skipped.Where(s => header.SectionOf(s.Line) == CgoHeaderSection.Exports))
        {
            problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.ExportNotUnderstood, skipped.Line,
                "declaration in the export block not understood (" + skipped.Reason + ")"));
        }
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new CgoHeader(starts, parser.Typedefs, parser.Tags, functions, problems, header.PackagePath);
    }

    private static string? PackagePathOf(string[] lines)
    {
        foreach (string line in lines.Take(10))
        {
            string t = line.Trim();
            if (t.StartsWith("/* package ", StringComparison.Ordinal) && t.EndsWith("*/", StringComparison.Ordinal))
                return t.Substring("/* package ".Length, t.Length - "/* package ".Length - 2).Trim();
        }
        return null;
    }
}
