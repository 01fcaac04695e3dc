using System.Globalization;

namespace GoBootCheck.CgoHeaders.Text;

/// <summary>What an integer constant expression may ask of its surroundings.</summary>
internal interface IConstantContext
{
    /// <summary>The value of an identifier (an enumerator, or 0 in <c>#if</c>), or null when it has none.</summary>
    long? Identifier(string name);

    /// <summary>
    /// At <paramref name="position"/> (just after <c>sizeof (</c> or a cast's <c>(</c>): parses a type name, returns
    /// its size and moves past it; null (position unchanged) when no type name stands there.
    /// </summary>
    long? TypeNameSize(IReadOnlyList<CToken> tokens, ref int position, out bool isTypeName);
}

/// <summary>
/// Evaluates C integer constant expressions (what <c>#if</c>, array bounds and enumerators use): literals, the unary,
/// binary, logical and conditional operators, <c>sizeof(type)</c> and casts. Unknown operands make the result null,
/// never a guess.
/// </summary>
internal sealed class ConstantExpression
{
    private readonly IReadOnlyList<CToken> _tokens;
    private readonly IConstantContext _context;
    private int _position;
    private bool _unknown;

    private ConstantExpression(IReadOnlyList<CToken> tokens, int position, IConstantContext context)
    {
        _tokens = tokens;
        _position = position;
        _context = context;
    }

    /// <summary>Evaluates the expression starting at <paramref name="position"/> and stops before the first token that
    /// cannot continue it (a <c>]</c>, <c>,</c>, <c>}</c>…). Null when it is not a constant this evaluator knows.</summary>
    public static long? Evaluate(IReadOnlyList<CToken> tokens, ref int position, IConstantContext context)
    {
        var e = new ConstantExpression(tokens, position, context);
        long value;
        try
        {
            value = e.Conditional();
        }
        catch (FormatException)
        {
            return null;
        }
        position = e._position;
        return e._unknown ? null : value;
    }

    /// <summary>Evaluates all of <paramref name="tokens"/>; null unless they form exactly one known constant.</summary>
    public static long? EvaluateAll(IReadOnlyList<CToken> tokens, IConstantContext context)
    {
        int position = 0;
        long? value = Evaluate(tokens, ref position, context);
        return position == tokens.Count ? value : null;
    }

    private CToken Peek => _position < _tokens.Count ? _tokens[_position] : EndToken;

    private static readonly CToken EndToken = new(CTokenKind.End, "", 0, 0);

    private bool Accept(string text)
    {
        if (!Peek.Is(text)) return false;
        _position++;
        return true;
    }

    private void Expect(string text)
    {
        if (!Accept(text)) throw new FormatException(text);
    }

    private long Conditional()
    {
        long condition = Binary(0);
        if (!Accept("?")) return condition;
        long whenTrue = Conditional();
        Expect(":");
        long whenFalse = Conditional();
        return condition != 0 ? whenTrue : whenFalse;
    }

    private static int Precedence(string op) => op switch
    {
        "||" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" or "!=" => 6,
        "<" or ">" or "<=" or ">=" => 7,
        "<<" or ">>" => 8,
        "+" or "-" => 9,
        "*" or "/" or "%" => 10,
        _ => -1,
    };

    private long Binary(int minimum)
    {
        long left = Unary();
        while (true)
        {
            var op = Peek;
            int precedence = op.Kind == CTokenKind.Punctuator ? Precedence(op.Text) : -1;
            if (precedence < 0 || precedence < minimum) return left;
            _position++;
            long right = Binary(precedence + 1);
            left = Apply(op.Text, left, right);
        }
    }

    private long Apply(string op, long a, long b)
    {
        switch (op)
        {
            case "||": return a != 0 || b != 0 ? 1 : 0;
            case "&&": return a != 0 && b != 0 ? 1 : 0;
            case "|": return a | b;
            case "^": return a ^ b;
            case "&": return a & b;
            case "==": return a == b ? 1 : 0;
            case "!=": return a != b ? 1 : 0;
            case "<": return a < b ? 1 : 0;
            case ">": return a > b ? 1 : 0;
            case "<=": return a <= b ? 1 : 0;
            case ">=": return a >= b ? 1 : 0;
            case "<<": return b is >= 0 and < 64 ? a << (int)b : Unknown();
            case ">>": return b is >= 0 and < 64 ? a >> (int)b : Unknown();
            case "+": return unchecked(a + b);
            case "-": return unchecked(a - b);
            case "*": return unchecked(a * b);
            case "/": return b == 0 ? Unknown() : a / b;
            case "%": return b == 0 ? Unknown() : a % b;
            default: throw new FormatException(op);
        }
    }

    private long Unknown()
    {
        _unknown = true;
        return 0;
    }

    private long Unary()
    {
        var token = Peek;
        if (token.Kind == CTokenKind.Punctuator)
        {
            switch (token.Text)
            {
                case "-": _position++; return unchecked(-Unary());
                case "+": _position++; return Unary();
                case "!": _position++; return Unary() == 0 ? 1 : 0;
                case "~": _position++; return ~Unary();
                case "(":
                    {
                        _position++;
                        int after = _position;
                        long? castSize = _context.TypeNameSize(_tokens, ref after, out bool isType);
                        if (isType && after < _tokens.Count && _tokens[after].Is(")"))
                        {
                            // A cast: the value passes through (the headers cast only to wide enough types).
                            _position = after + 1;
                            _ = castSize;
                            return Unary();
                        }
                        long inner = Conditional();
                        Expect(")");
                        return inner;
                    }
            }
        }
        if (token.Is("sizeof"))
        {
            _position++;
            if (Peek.Is("("))
            {
                int after = _position + 1;
                long? size = _context.TypeNameSize(_tokens, ref after, out bool isType);
                if (isType)
                {
                    _position = after;
                    Expect(")");
                    return size ?? Unknown();
                }
            }
            // sizeof of an expression: not needed by the headers this reads.
            Unary();
            return Unknown();
        }
        if (token.Kind == CTokenKind.Number)
        {
            _position++;
            return ParseInteger(token.Text) ?? Unknown();
        }
        if (token.Kind == CTokenKind.Character)
        {
            _position++;
            return ParseCharacter(token.Text) ?? Unknown();
        }
        if (token.Kind == CTokenKind.Identifier)
        {
            _position++;
            if (Peek.Is("(")) return SkipCall();
            return _context.Identifier(token.Text) ?? Unknown();
        }
        throw new FormatException(token.Text);
    }

    // A function-like macro or builtin this evaluator does not know (__has_include, __GNUC_PREREQ…).
    private long SkipCall()
    {
        int depth = 0;
        do
        {
            if (Peek.Kind == CTokenKind.End) throw new FormatException("(");
            if (Peek.Is("(")) depth++;
            else if (Peek.Is(")")) depth--;
            _position++;
        }
        while (depth > 0);
        return Unknown();
    }

    /// <summary>The value of a C integer literal (decimal, octal, hex, binary; u/l suffixes); null for a float.</summary>
    public static long? ParseInteger(string text)
    {
        string digits = text.TrimEnd('u', 'U', 'l', 'L');
        if (digits.Length == 0) return null;
        try
        {
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                return unchecked((long)ulong.Parse(digits.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
                return unchecked((long)Convert.ToUInt64(digits.Substring(2), 2));
            if (digits.Length > 1 && digits[0] == '0')
                return unchecked((long)Convert.ToUInt64(digits, 8));
            return unchecked((long)ulong.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static long? ParseCharacter(string text)
    {
        if (text.Length == 3 && text[0] == '\'' && text[2] == '\'') return text[1];
        if (text.Length == 4 && text[1] == '\\')
        {
            return text[2] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => 0,
                '\\' => '\\',
                '\'' => '\'',
                _ => null,
            };
        }
        return null;
    }
}
