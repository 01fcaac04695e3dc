namespace GoBootCheck.CgoHeaders.Text;

/// <summary>The lexical class of a C token.</summary>
public enum CTokenKind
{
    /// <summary>An identifier or keyword.</summary>
    Identifier,

    /// <summary>A numeric literal (integer or floating point, with its suffix).</summary>
    Number,

    /// <summary>A character literal, quotes included.</summary>
    Character,

    /// <summary>A string literal, quotes included.</summary>
    String,

    /// <summary>An operator or punctuator.</summary>
    Punctuator,

    /// <summary>The end of the input.</summary>
    End,
}

/// <summary>One C token with where it stands in the header (offsets into the original text, 1-based line).</summary>
public sealed class CToken
{
    internal CToken(CTokenKind kind, string text, int start, int line)
    {
        Kind = kind;
        Text = text;
        Start = start;
        Line = line;
    }

    /// <summary>The lexical class.</summary>
    public CTokenKind Kind { get; }

    /// <summary>The token's spelling.</summary>
    public string Text { get; }

    /// <summary>Offset of the token's first character in the header text.</summary>
    public int Start { get; }

    /// <summary>1-based line of the token in the header file (physical lines; #line directives are not applied).</summary>
    public int Line { get; }

    /// <summary>Structure packing in force where the token stands (<c>#pragma pack</c>); 0 is the default.</summary>
    public int Pack { get; internal set; }

    /// <summary>True for an identifier or punctuator spelled exactly <paramref name="text"/>.</summary>
    public bool Is(string text) => (Kind == CTokenKind.Identifier || Kind == CTokenKind.Punctuator) && Text == text;

    /// <summary>A copy standing where <paramref name="site"/> stands (macro expansion keeps the use site's position).</summary>
    internal CToken At(CToken site) => new(Kind, Text, site.Start, site.Line) { Pack = site.Pack };

    /// <inheritdoc/>
    public override string ToString() => Text;
}
