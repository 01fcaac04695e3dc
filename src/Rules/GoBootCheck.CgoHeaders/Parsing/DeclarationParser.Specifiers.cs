using GoBootCheck.CgoHeaders.Text;
using GoBootCheck.CgoHeaders.Types;

namespace GoBootCheck.CgoHeaders.Parsing;

internal sealed partial class DeclarationParser
{
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "const", "volatile", "restrict", "__restrict", "__restrict__", "__const", "__const__", "__volatile__",
        "_Atomic", "_Nullable", "_Nonnull", "_Null_unspecified", "__unaligned",
    };

    private static readonly HashSet<string> StorageClasses = new(StringComparer.Ordinal)
    {
        "typedef", "extern", "static", "inline", "__inline", "__inline__", "_Noreturn", "register", "auto",
        "_Thread_local", "__thread", "__extension__",
    };

    private static readonly HashSet<string> BasicTypeWords = new(StringComparer.Ordinal)
    {
        "void", "char", "short", "int", "long", "float", "double", "signed", "__signed", "__signed__", "unsigned",
        "_Bool", "_Complex", "__complex__", "__int128",
    };

    // Attributes that change a type's layout or size in ways this parser does not model.
    private static readonly HashSet<string> LayoutAttributes = new(StringComparer.Ordinal)
    {
        "ms_struct", "gcc_struct", "scalar_storage_order", "vector_size", "mode", "transparent_union",
        "__ms_struct__", "__gcc_struct__", "__vector_size__", "__mode__", "__transparent_union__",
    };

    private sealed class DeclarationSpecifiers
    {
        public bool Typedef;
        public bool Static;
        public bool Const;
        public CType? Type;
        public bool Packed;
        public long? Aligned;
        public string? AttributeProblem;
        public readonly List<string> Words = [];
    }

    private bool IsTypeStart(CToken token)
    {
        if (token.Kind != CTokenKind.Identifier) return false;
        string t = token.Text;
        return BasicTypeWords.Contains(t) || Qualifiers.Contains(t) || t is "struct" or "union" or "enum" ||
               Typedefs.ContainsKey(t) || CPrimitives.StandardTypedef(t) is not null;
    }

    private DeclarationSpecifiers Specifiers(bool allowStorage)
    {
        var s = new DeclarationSpecifiers();
        while (!AtEnd)
        {
            var token = Peek;
            if (token.Kind != CTokenKind.Identifier) break;
            string word = token.Text;
            if (StorageClasses.Contains(word))
            {
                if (!allowStorage && word != "__extension__") throw new NotUnderstoodException($"'{word}' not allowed here");
                s.Typedef |= word == "typedef";
                s.Static |= word == "static";
                _position++;
            }
            else if (Qualifiers.Contains(word))
            {
                s.Const |= word.StartsWith("__const", StringComparison.Ordinal) || word == "const";
                _position++;
            }
            else if (word is "__attribute__" or "__attribute")
            {
                Attributes(ref s.Packed, ref s.Aligned, ref s.AttributeProblem);
            }
            else if (word is "__declspec" or "_Alignas" or "alignas")
            {
                _position++;
                SkipBalanced("(", ")");
            }
            else if (BasicTypeWords.Contains(word))
            {
                if (s.Type is not null) throw new NotUnderstoodException($"'{word}' after a complete type");
                s.Words.Add(word);
                _position++;
            }
            else if (word is "struct" or "union")
            {
                if (s.Type is not null || s.Words.Count > 0) throw new NotUnderstoodException($"'{word}' after a type");
                s.Type = StructOrUnion();
            }
            else if (word == "enum")
            {
                if (s.Type is not null || s.Words.Count > 0) throw new NotUnderstoodException("'enum' after a type");
                s.Type = Enum();
            }
            else if (s.Type is null && s.Words.Count == 0)
            {
                // A declaration's type comes first; an identifier there is a typedef name, known or not.
                _position++;
                s.Type = Typedefs.TryGetValue(word, out var typedef) ? typedef
                    : (CType?)CPrimitives.StandardTypedef(word) ?? UnknownNamed(word);
            }
            else
            {
                break;
            }
        }
        if (s.Words.Count > 0) s.Type = Basic(s.Words);
        return s;
    }

    private static CType Basic(List<string> words)
    {
        int longs = words.Count(w => w == "long");
        bool unsigned = words.Contains("unsigned");
        bool signed = words.Any(w => w.StartsWith("__signed", StringComparison.Ordinal) || w == "signed");
        bool complex = words.Contains("_Complex") || words.Contains("__complex__");
        if (words.Contains("void")) return CPrimitiveType.Void;
        if (words.Contains("_Bool")) return CPrimitives.Bool;
        if (words.Contains("float")) return complex ? CPrimitives.FloatComplex : CPrimitives.Float;
        if (words.Contains("double"))
        {
            if (complex && longs == 0) return CPrimitives.DoubleComplex;
            if (complex) throw new NotUnderstoodException("long double _Complex");
            return longs > 0 ? CPrimitives.LongDouble : CPrimitives.Double;
        }
        if (complex) return CPrimitives.DoubleComplex; // a bare _Complex is double _Complex in gcc
        if (words.Contains("__int128")) return unsigned ? CPrimitives.UnsignedInt128 : CPrimitives.Int128;
        if (words.Contains("char")) return unsigned ? CPrimitives.UnsignedChar : signed ? CPrimitives.SignedChar : CPrimitives.Char;
        if (words.Contains("short")) return unsigned ? CPrimitives.UnsignedShort : CPrimitives.Short;
        return longs switch
        {
            0 => unsigned ? CPrimitives.UnsignedInt : CPrimitives.Int,
            1 => unsigned ? CPrimitives.UnsignedLong : CPrimitives.Long,
            2 => unsigned ? CPrimitives.UnsignedLongLong : CPrimitives.LongLong,
            _ => throw new NotUnderstoodException("long long long"),
        };
    }

    private void Attributes(ref bool packed, ref long? aligned, ref string? problem)
    {
        // __attribute__ (( name, name(args), ... ))
        _position++;
        Expect("(");
        Expect("(");
        while (!Peek.Is(")"))
        {
            if (Accept(",")) continue;
            var name = Peek;
            if (name.Kind != CTokenKind.Identifier) throw new NotUnderstoodException("attribute name expected");
            _position++;
            string n = name.Text.Trim('_');
            if (n == "packed")
            {
                packed = true;
            }
            else if (n == "aligned")
            {
                if (Accept("("))
                {
                    aligned = ConstantAtPosition();
                    if (aligned is null) problem = "__attribute__((aligned)) with a bound this parser cannot evaluate";
                    SkipBalancedUntil(")");
                    Expect(")");
                }
                else
                {
                    aligned = 16; // the largest alignment on x86-64
                }
                continue;
            }
            else if (LayoutAttributes.Contains(name.Text) || LayoutAttributes.Contains(n))
            {
                problem = $"__attribute__(({name.Text})) changes the layout in a way that is not checked";
            }
            if (Peek.Is("(")) SkipBalanced("(", ")");
        }
        Expect(")");
        Expect(")");
    }

    private void SkipAttributesAndAsm()
    {
        while (Peek.Is("__attribute__") || Peek.Is("__attribute") || Peek.Is("__asm__") || Peek.Is("__asm") || Peek.Is("asm"))
        {
            if (Peek.Text.StartsWith("__attr", StringComparison.Ordinal))
            {
                bool packed = false;
                long? aligned = null;
                string? problem = null;
                Attributes(ref packed, ref aligned, ref problem);
            }
            else
            {
                _position++;
                while (Qualifiers.Contains(Peek.Text) || Peek.Is("goto")) _position++;
                SkipBalanced("(", ")");
            }
        }
    }
}
