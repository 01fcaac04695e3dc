using GoBootCheck.CgoHeaders.Text;
using GoBootCheck.CgoHeaders.Types;

namespace GoBootCheck.CgoHeaders.Parsing;

internal sealed partial class DeclarationParser
{
    /// <summary>
    /// A parsed declarator: its name and how it derives the declared type from the specifiers' type (C declarators
    /// read inside out: <c>int (*f)(void)</c> is a pointer to a function returning int).
    /// </summary>
    private sealed class ParsedDeclarator
    {
        public string? Name;
        public CToken? NameToken;
        public int Pointers;
        public readonly List<Func<CType, CType>> Suffixes = [];
        public ParsedDeclarator? Inner;
        public bool ParametersUnspecified;

        public CType Build(CType baseType, bool baseConst)
        {
            var type = baseType;
            for (int i = 0; i < Pointers; i++) type = new CPointerType(type, i == 0 && baseConst);
            for (int i = Suffixes.Count - 1; i >= 0; i--) type = Suffixes[i](type);
            return Inner is null ? type : Inner.Build(type, false);
        }
    }

    private ParsedDeclarator Declarator(bool abstractAllowed)
    {
        var d = new ParsedDeclarator();
        while (Accept("*"))
        {
            d.Pointers++;
            while (Qualifiers.Contains(Peek.Text) || Peek.Is("__attribute__"))
            {
                if (Peek.Is("__attribute__")) SkipAttributesAndAsm();
                else _position++;
            }
        }
        if (Peek.Is("(") && IsNestedDeclaratorStart(PeekAt(1)))
        {
            _position++;
            d.Inner = Declarator(abstractAllowed);
            Expect(")");
            if (d.Inner.Name is not null)
            {
                d.Name = d.Inner.Name;
                d.NameToken = d.Inner.NameToken;
            }
        }
        else if (Peek.Kind == CTokenKind.Identifier && !Peek.Is("__attribute__") && !Peek.Is("__asm__") && !Peek.Is("__asm"))
        {
            d.NameToken = Peek;
            d.Name = Peek.Text;
            _position++;
        }
        else if (!abstractAllowed)
        {
            throw new NotUnderstoodException($"a name expected, found '{(AtEnd ? "end of file" : Peek.Text)}'");
        }
        while (true)
        {
            if (Accept("["))
            {
                while (Peek.Is("static") || Qualifiers.Contains(Peek.Text)) _position++;
                if (Accept("]"))
                {
                    d.Suffixes.Add(t => new CArrayType(t, null, "array without a bound"));
                    continue;
                }
                var lengthToken = Peek;
                long? length = ConstantAtPosition();
                if (!Peek.Is("]"))
                {
                    length = null;
                    SkipUntilClosing("[", "]");
                }
                else
                {
                    _position++;
                }
                string? why = length is null ? $"array bound at line {lengthToken.Line} is not a constant this parser knows" : null;
                d.Suffixes.Add(t => new CArrayType(t, length, why));
            }
            else if (Peek.Is("("))
            {
                var parameters = Parameters(out bool variadic, out bool unspecified);
                if (d.Suffixes.Count == 0 && d.Inner is null) d.ParametersUnspecified = unspecified;
                d.Suffixes.Add(t => new CFunctionType(t, parameters, variadic));
            }
            else
            {
                break;
            }
        }
        return d;
    }

    private bool IsNestedDeclaratorStart(CToken next)
    {
        if (next.Is("*") || next.Is("(") || next.Is("^")) return true;
        if (next.Kind != CTokenKind.Identifier) return false;
        if (next.Is("__attribute__")) return true;
        // "(" followed by a type starts a parameter list; followed by another identifier, a parenthesized name.
        return !IsTypeStart(next) && !StorageClasses.Contains(next.Text);
    }

    private void SkipUntilClosing(string open, string close)
    {
        int depth = 1;
        while (!AtEnd && depth > 0)
        {
            var t = _tokens[_position++];
            if (t.Is(open)) depth++;
            else if (t.Is(close)) depth--;
        }
    }

    private List<CParameter> Parameters(out bool variadic, out bool unspecified)
    {
        Expect("(");
        var parameters = new List<CParameter>();
        variadic = false;
        unspecified = false;
        if (Accept(")"))
        {
            unspecified = true;
            return parameters;
        }
        if (Peek.Is("void") && PeekAt(1).Is(")"))
        {
            _position += 2;
            return parameters;
        }
        while (true)
        {
            if (Accept("..."))
            {
                variadic = true;
                Expect(")");
                return parameters;
            }
            var specifiers = Specifiers(allowStorage: true);
            if (specifiers.Type is null) throw new NotUnderstoodException($"parameter without a type at '{Peek.Text}'");
            var declarator = Declarator(abstractAllowed: true);
            SkipAttributesAndAsm();
            var type = declarator.Build(specifiers.Type, specifiers.Const);
            // Parameters of array or function type are pointers (C11 6.7.6.3).
            if (type is CArrayType array) type = new CPointerType(array.Element, false);
            else if (type is CFunctionType) type = new CPointerType(type, false);
            parameters.Add(new CParameter(declarator.Name, type));
            if (Accept(")")) return parameters;
            Expect(",");
        }
    }

    private CType StructOrUnion()
    {
        var keyword = Peek;
        bool isUnion = keyword.Text == "union";
        _position++;
        bool packed = false;
        long? aligned = null;
        string? problem = null;
        while (Peek.Is("__attribute__") || Peek.Is("__attribute")) Attributes(ref packed, ref aligned, ref problem);
        string? tag = null;
        if (Peek.Kind == CTokenKind.Identifier)
        {
            tag = Peek.Text;
            _position++;
        }
        string key = (isUnion ? "union " : "struct ") + tag;
        if (!Peek.Is("{"))
        {
            if (tag is null) throw new NotUnderstoodException($"'{keyword.Text}' without a tag or members");
            if (!Tags.TryGetValue(key, out var existing))
            {
                existing = new CStructType(tag, isUnion, keyword.Line);
                Tags[key] = existing;
            }
            return existing;
        }
        _position++;
        var members = new List<CMember>();
        while (!Accept("}"))
        {
            if (AtEnd) throw new NotUnderstoodException($"{key} without '}}'");
            if (Accept(";")) continue;
            var specifiers = Specifiers(allowStorage: false);
            if (specifiers.Type is null) throw new NotUnderstoodException($"member without a type in {key}");
            if (Accept(";"))
            {
                // C11 anonymous struct or union: its members belong to this one.
                members.Add(new CMember(null, specifiers.Type, null));
                continue;
            }
            while (true)
            {
                var declarator = Declarator(abstractAllowed: true);
                int? width = null;
                if (Accept(":"))
                {
                    width = (int?)ConstantAtPosition() ?? -1;
                }
                SkipAttributesAndAsm();
                var type = declarator.Build(specifiers.Type, specifiers.Const);
                if (declarator.Name is not null || width is not null) members.Add(new CMember(declarator.Name, type, width));
                if (Accept(",")) continue;
                Expect(";");
                break;
            }
        }
        while (Peek.Is("__attribute__") || Peek.Is("__attribute")) Attributes(ref packed, ref aligned, ref problem);
        CStructType result;
        if (tag is not null && Tags.TryGetValue(key, out var declared) && !declared.IsComplete)
        {
            result = declared;
        }
        else
        {
            result = new CStructType(tag, isUnion, keyword.Line);
            if (tag is not null) Tags[key] = result;
        }
        result.Complete(members, keyword.Line, keyword.Pack, packed, aligned, problem);
        return result;
    }

    private CType Enum()
    {
        _position++;
        bool packed = false;
        long? aligned = null;
        string? problem = null;
        while (Peek.Is("__attribute__")) Attributes(ref packed, ref aligned, ref problem);
        string? tag = null;
        if (Peek.Kind == CTokenKind.Identifier)
        {
            tag = Peek.Text;
            _position++;
        }
        if (!Accept("{"))
        {
            // A forward-declared or elsewhere-defined enum: gcc gives it int unless its values say otherwise.
            return tag is not null && EnumTags.TryGetValue(tag, out var t) ? t
                : new CUnknownType("enum " + tag, $"enum {tag} is not defined in the header");
        }
        long next = 0;
        bool known = true;
        long min = 0, max = 0;
        bool any = false;
        while (!Accept("}"))
        {
            if (AtEnd) throw new NotUnderstoodException("enum without '}'");
            if (Accept(",")) continue;
            var name = Peek;
            if (name.Kind != CTokenKind.Identifier) throw new NotUnderstoodException("enumerator name expected");
            _position++;
            SkipAttributesAndAsm();
            long? value = next;
            if (Accept("="))
            {
                value = ConstantAtPosition();
                if (value is null)
                {
                    known = false;
                    SkipInitializer();
                    while (!Peek.Is(",") && !Peek.Is("}") && !AtEnd) _position++;
                }
            }
            Enumerators[name.Text] = value;
            if (value is { } v)
            {
                min = any ? Math.Min(min, v) : v;
                max = any ? Math.Max(max, v) : v;
                any = true;
                next = v + 1;
            }
        }
        while (Peek.Is("__attribute__")) Attributes(ref packed, ref aligned, ref problem);
        long? size = null;
        bool signed = min < 0;
        if (known)
        {
            bool fits32 = signed ? min >= int.MinValue && max <= int.MaxValue : max <= uint.MaxValue;
            size = fits32 ? 4 : 8;
            if (packed) size = SmallestSize(min, max);
        }
        var result = new CEnumType(tag, size, signed);
        if (tag is not null) EnumTags[tag] = result;
        return result;
    }

    private static long SmallestSize(long min, long max)
    {
        if (min >= sbyte.MinValue && max <= (min < 0 ? sbyte.MaxValue : byte.MaxValue)) return 1;
        if (min >= short.MinValue && max <= (min < 0 ? short.MaxValue : ushort.MaxValue)) return 2;
        if (min >= int.MinValue && max <= (min < 0 ? int.MaxValue : uint.MaxValue)) return 4;
        return 8;
    }
}
