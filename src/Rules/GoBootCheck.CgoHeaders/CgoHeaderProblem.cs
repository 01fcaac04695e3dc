namespace GoBootCheck.CgoHeaders;

/// <summary>What kind of problem the parser had with a header.</summary>
public enum CgoHeaderProblemKind
{
    /// <summary>The file lacks cgo's section markers: it is not a header written by cgo.</summary>
    NotACgoHeader,

    /// <summary>A preprocessor directive was not understood or is unbalanced; the text it governs is not read.</summary>
    Preprocessor,

    /// <summary>A declaration of the export block was not understood: its function is unknown to the checks.</summary>
    ExportNotUnderstood,

    /// <summary>cgo's static assertion fails on linux/amd64: the header was generated for another architecture.</summary>
    WrongArchitecture,
}

/// <summary>A problem the parser had with a header: where, and what it means for the checks.</summary>
public sealed class CgoHeaderProblem
{
    /// <summary>Creates a problem.</summary>
    public CgoHeaderProblem(CgoHeaderProblemKind kind, int line, string message)
    {
        Kind = kind;
        Line = line;
        Message = message;
    }

    /// <summary>The kind.</summary>
    public CgoHeaderProblemKind Kind { get; }

    /// <summary>1-based line in the header (0: the whole file).</summary>
    public int Line { get; }

    /// <summary>What was not understood and what that means.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Line}: {Message}";
}
