using GoBootCheck.CgoHeaders.Text;
using GoBootCheck.CgoHeaders.Types;

namespace GoBootCheck.CgoHeaders.Parsing;

/// <summary>
/// Reads the top-level declarations of preprocessed C: typedefs, struct/union/enum definitions and function
/// declarations, which is all a cgo header declares. Function bodies (the preamble's static inline helpers) are
/// skipped. A declaration it does not understand is skipped whole and remembered, so that a type named there is
/// reported as not understood rather than guessed.
/// </summary>
internal sealed partial class DeclarationParser : IConstantContext
{
    private readonly List<CToken> _tokens;
    private readonly string _text;
    private readonly Func<string, string> _unknownTypeReason;
    private int _position;

    public DeclarationParser(List<CToken> tokens, string text, Func<string, string> unknownTypeReason)
    {
        _tokens = tokens;
        _text = text;
        _unknownTypeReason = unknownTypeReason;
    }

    public Dictionary<string, CTypedefType> Typedefs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CStructType> Tags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CEnumType> EnumTags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long?> Enumerators { get; } = new(StringComparer.Ordinal);

    /// <summary>Functions declared or defined, with the line of their first token.</summary>
    public List<(CFunctionDeclarationDraft Function, int Line)> Functions { get; } = [];

    /// <summary>Typedefs whose array bound is negative: a failing static assertion (cgo's pointer-size check).</summary>
    public List<(string Name, int Line)> FailedAssertions { get; } = [];

    /// <summary>Declarations skipped because they were not understood: first line, why, and the names they mention.</summary>
    public List<SkippedDeclaration> Skipped { get; } = [];

    private static readonly CToken EndToken = new(CTokenKind.End, "", 0, 0);

    private CToken Peek => _position < _tokens.Count ? _tokens[_position] : EndToken;

    private CToken PeekAt(int ahead) => _position + ahead < _tokens.Count ? _tokens[_position + ahead] : EndToken;

    private bool AtEnd => _position >= _tokens.Count;

    private bool Accept(string text)
    {
        if (!Peek.Is(text)) return false;
        _position++;
        return true;
    }

    private void Expect(string text)
    {
        if (!Accept(text)) throw new NotUnderstoodException($"expected '{text}' but found '{(AtEnd ? "end of file" : Peek.Text)}'");
    }

    /// <summary>Parses every declaration.</summary>
    public void ParseAll()
    {
        while (!AtEnd)
        {
            int start = _position;
            try
            {
                ExternalDeclaration();
            }
            catch (NotUnderstoodException e)
            {
                Recover(start, e.Message);
            }
        }
    }

    /// <summary>The original text from token <paramref name="first"/> to token <paramref name="last"/>, on one line.</summary>
    private string TextOf(int first, int last)
    {
        var a = _tokens[first];
        var b = _tokens[last];
        int end = b.Start + b.Text.Length;
        if (a.Start > end || end > _text.Length || a.Text != _text.Substring(a.Start, Math.Min(a.Text.Length, _text.Length - a.Start)))
        {
            // Macro-expanded tokens: rebuild from the tokens themselves.
            return string.Join(" ", _tokens.Skip(first).Take(last - first + 1).Select(t => t.Text));
        }
        return System.Text.RegularExpressions.Regex.Replace(_text.Substring(a.Start, end - a.Start), @"\s+", " ");
    }

    private void Recover(int start, string reason)
    {
        // Skip to the ';' that ends the declaration, or past a braced body at the top level.
        _position = start;
        int depth = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (!AtEnd)
        {
            var t = _tokens[_position++];
            if (t.Kind == CTokenKind.Identifier) names.Add(t.Text);
            if (t.Is("(") || t.Is("[") || t.Is("{")) depth++;
            else if (t.Is(")") || t.Is("]")) depth = Math.Max(0, depth - 1);
            else if (t.Is("}"))
            {
                depth = Math.Max(0, depth - 1);
                if (depth == 0 && !Peek.Is(";") && Peek.Kind != CTokenKind.Identifier && !Peek.Is("*")) break;
            }
            else if (t.Is(";") && depth == 0) break;
        }
        if (_position == start) _position++;
        Skipped.Add(new SkippedDeclaration(_tokens[start].Line, reason, names));
    }

    private void ExternalDeclaration()
    {
        if (Accept(";")) return;
        while (Accept("__extension__")) { }
        if (Peek.Is("_Static_assert") || Peek.Is("static_assert"))
        {
            SkipBalancedUntil(";");
            _position++;
            return;
        }
        int first = _position;
        var specifiers = Specifiers(allowStorage: true);
        if (specifiers.Type is null) throw new NotUnderstoodException($"no type in declaration starting with '{_tokens[first].Text}'");
        if (Accept(";")) return;
        while (true)
        {
            var declarator = Declarator(abstractAllowed: false);
            if (declarator.Name is null) throw new NotUnderstoodException("declaration without a name");
            var type = declarator.Build(specifiers.Type, specifiers.Const);
            SkipAttributesAndAsm();
            if (specifiers.Typedef)
            {
                Typedefs[declarator.Name] = new CTypedefType(declarator.Name, type, declarator.NameToken!.Line);
                if (type is CArrayType { Length: < 0 }) FailedAssertions.Add((declarator.Name, declarator.NameToken.Line));
            }
            else if (type is CFunctionType function)
            {
                bool hasBody = Peek.Is("{");
                int last = _position - 1;
                Functions.Add((new CFunctionDeclarationDraft(declarator.Name, function, declarator.ParametersUnspecified,
                    specifiers.Static, hasBody, TextOf(first, last) + (hasBody ? "" : ";")), _tokens[first].Line));
                if (hasBody)
                {
                    SkipBalanced("{", "}");
                    return;
                }
            }
            else if (Accept("="))
            {
                SkipInitializer();
            }
            if (Accept(",")) continue;
            Expect(";");
            return;
        }
    }

    private void SkipInitializer()
    {
        int depth = 0;
        while (!AtEnd)
        {
            var t = Peek;
            if (depth == 0 && (t.Is(",") || t.Is(";"))) return;
            if (t.Is("(") || t.Is("{") || t.Is("[")) depth++;
            else if (t.Is(")") || t.Is("}") || t.Is("]")) depth--;
            _position++;
        }
    }

    private void SkipBalanced(string open, string close)
    {
        Expect(open);
        int depth = 1;
        while (depth > 0)
        {
            if (AtEnd) throw new NotUnderstoodException($"'{open}' without '{close}'");
            var t = _tokens[_position++];
            if (t.Is(open)) depth++;
            else if (t.Is(close)) depth--;
        }
    }

    private void SkipBalancedUntil(string stop)
    {
        int depth = 0;
        while (!AtEnd && !(depth == 0 && Peek.Is(stop)))
        {
            if (Peek.Is("(")) depth++;
            else if (Peek.Is(")")) depth--;
            _position++;
        }
        if (AtEnd) throw new NotUnderstoodException($"missing '{stop}'");
    }

    private CType UnknownNamed(string name) => new CUnknownType(name, ReasonForUnknownName(name));

    private string ReasonForUnknownName(string name)
    {
        foreach (var skipped in Skipped)
        {
            if (skipped.Names.Contains(name))
                return $"'{name}' is declared at line {skipped.Line} in a form this parser does not read ({skipped.Reason})";
        }
        return _unknownTypeReason(name);
    }

    long? IConstantContext.Identifier(string name) => Enumerators.TryGetValue(name, out var v) ? v : null;

    long? IConstantContext.TypeNameSize(IReadOnlyList<CToken> tokens, ref int position, out bool isTypeName)
    {
        int saved = _position;
        _position = position;
        isTypeName = IsTypeStart(Peek);
        if (!isTypeName)
        {
            _position = saved;
            return null;
        }
        try
        {
            var specifiers = Specifiers(allowStorage: false);
            var declarator = Declarator(abstractAllowed: true);
            var type = declarator.Build(specifiers.Type ?? CPrimitiveType.Void, specifiers.Const);
            position = _position;
            return type.Size;
        }
        catch (NotUnderstoodException)
        {
            isTypeName = false;
            return null;
        }
        finally
        {
            _position = saved;
        }
    }

    private long? ConstantAtPosition()
    {
        int position = _position;
        long? value = ConstantExpression.Evaluate(_tokens, ref position, this);
        _position = position;
        return value;
    }

    /// <summary>A failure to understand a declaration: caught at the declaration's boundary and recorded as data.</summary>
    private sealed class NotUnderstoodException : Exception
    {
        public NotUnderstoodException(string message)
            : base(message)
        {
        }
    }
}

/// <summary>A function as the parser found it, before its section is known.</summary>
internal sealed class CFunctionDeclarationDraft
{
    public CFunctionDeclarationDraft(string name, CFunctionType type, bool parametersUnspecified, bool isStatic, bool hasBody, string text)
    {
        Name = name;
        Type = type;
        ParametersUnspecified = parametersUnspecified;
        IsStatic = isStatic;
        HasBody = hasBody;
        Text = text;
    }

    public string Name { get; }

    public CFunctionType Type { get; }

    public bool ParametersUnspecified { get; }

    public bool IsStatic { get; }

    public bool HasBody { get; }

    public string Text { get; }
}

/// <summary>A top-level declaration that was skipped.</summary>
internal sealed class SkippedDeclaration
{
    public SkippedDeclaration(int line, string reason, HashSet<string> names)
    {
        Line = line;
        Reason = reason;
        Names = names;
    }

    public int Line { get; }

    public string Reason { get; }

    public HashSet<string> Names { get; }
}
