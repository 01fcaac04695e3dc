namespace GoBootCheck.CgoHeaders.Text;

/// <summary>
/// Splits one logical line of C (comments already blanked, continuation lines already joined) into tokens. Positions
/// are mapped back to the original text through <see cref="SourceLines"/>.
/// </summary>
internal static class CLexer
{
    // Longest first: the lexer takes the longest punctuator that matches.
    private static readonly string[] Punctuators =
    [
        "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=",
        "-=", "&=", "^=", "|=", "##",
        "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?", ":", ";",
        "=", ",", "#",
    ];

    /// <summary>Tokens of <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public static List<CToken> Tokenize(string text, int start, int end, SourceLines lines)
    {
        var tokens = new List<CToken>();
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c == '\\')
            {
                i++;
                continue;
            }
            int begin = i;
            CTokenKind kind;
            if (IsIdentifierStart(c))
            {
                while (i < end && IsIdentifierPart(text[i])) i++;
                kind = CTokenKind.Identifier;
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < end && char.IsDigit(text[i + 1])))
            {
                // pp-number: digits, letters, dots, and exponent signs.
                i++;
                while (i < end && (IsIdentifierPart(text[i]) || text[i] == '.' ||
                       ((text[i] == '+' || text[i] == '-') && (text[i - 1] is 'e' or 'E' or 'p' or 'P'))))
                {
                    i++;
                }
                kind = CTokenKind.Number;
            }
            else if (c == '"' || c == '\'')
            {
                i++;
                while (i < end && text[i] != c)
                {
                    if (text[i] == '\\') i++;
                    i++;
                }
                i = Math.Min(i + 1, end);
                kind = c == '"' ? CTokenKind.String : CTokenKind.Character;
            }
            else
            {
                string? match = null;
                foreach (string p in Punctuators)
                {
                    if (string.CompareOrdinal(text, i, p, 0, p.Length) == 0 && i + p.Length <= end)
                    {
                        match = p;
                        break;
                    }
                }
                i += match?.Length ?? 1;
                kind = CTokenKind.Punctuator;
            }
            tokens.Add(new CToken(kind, text.Substring(begin, i - begin), begin, lines.LineOf(begin)));
        }
        return tokens;
    }

    public static bool IsIdentifierStart(char c) => c == '_' || c == '$' || (c < 128 && char.IsLetter(c));

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c < 128 && char.IsDigit(c));
}

/// <summary>Maps offsets of a text to 1-based line numbers.</summary>
internal sealed class SourceLines
{
    private readonly List<int> _starts = [0];

    public SourceLines(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') _starts.Add(i + 1);
        }
    }

    public int Count => _starts.Count;

    /// <summary>Offset where 1-based <paramref name="line"/> starts.</summary>
    public int StartOf(int line) => _starts[line - 1];

    public int LineOf(int offset)
    {
        int index = _starts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
