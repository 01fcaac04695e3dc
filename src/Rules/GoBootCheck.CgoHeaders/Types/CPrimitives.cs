namespace GoBootCheck.CgoHeaders.Types;

/// <summary>
/// The C builtin types and the C library's standard typedef names on linux/amd64 (LP64, glibc). The standard names
/// (<c>size_t</c>, <c>int32_t</c>…) come from system headers the cgo header only #includes; their definitions are
/// fixed by the platform ABI, so they are known here rather than read. Go's own types (GoInt, GoString…) are never in
/// this table: they are read from the boilerplate of each header.
/// </summary>
internal static class CPrimitives
{
    public static readonly CPrimitiveType Char = new("char", CScalarKind.SignedInteger, 1, 1);
    public static readonly CPrimitiveType SignedChar = new("signed char", CScalarKind.SignedInteger, 1, 1);
    public static readonly CPrimitiveType UnsignedChar = new("unsigned char", CScalarKind.UnsignedInteger, 1, 1);
    public static readonly CPrimitiveType Short = new("short", CScalarKind.SignedInteger, 2, 2);
    public static readonly CPrimitiveType UnsignedShort = new("unsigned short", CScalarKind.UnsignedInteger, 2, 2);
    public static readonly CPrimitiveType Int = new("int", CScalarKind.SignedInteger, 4, 4);
    public static readonly CPrimitiveType UnsignedInt = new("unsigned int", CScalarKind.UnsignedInteger, 4, 4);
    public static readonly CPrimitiveType Long = new("long", CScalarKind.SignedInteger, 8, 8);
    public static readonly CPrimitiveType UnsignedLong = new("unsigned long", CScalarKind.UnsignedInteger, 8, 8);
    public static readonly CPrimitiveType LongLong = new("long long", CScalarKind.SignedInteger, 8, 8);
    public static readonly CPrimitiveType UnsignedLongLong = new("unsigned long long", CScalarKind.UnsignedInteger, 8, 8);
    public static readonly CPrimitiveType Int128 = new("__int128", CScalarKind.SignedInteger, 16, 16);
    public static readonly CPrimitiveType UnsignedInt128 = new("unsigned __int128", CScalarKind.UnsignedInteger, 16, 16);
    public static readonly CPrimitiveType Float = new("float", CScalarKind.Float, 4, 4);
    public static readonly CPrimitiveType Double = new("double", CScalarKind.Float, 8, 8);
    public static readonly CPrimitiveType LongDouble = new("long double", CScalarKind.Float, 16, 16);
    public static readonly CPrimitiveType Bool = new("_Bool", CScalarKind.Bool, 1, 1);
    public static readonly CPrimitiveType FloatComplex = new("float _Complex", CScalarKind.Complex, 8, 4);
    public static readonly CPrimitiveType DoubleComplex = new("double _Complex", CScalarKind.Complex, 16, 8);

    private static readonly Dictionary<string, CType> Standard = new(StringComparer.Ordinal)
    {
        ["size_t"] = UnsignedLong,
        ["ssize_t"] = Long,
        ["ptrdiff_t"] = Long,
        ["intptr_t"] = Long,
        ["uintptr_t"] = UnsignedLong,
        ["intmax_t"] = Long,
        ["uintmax_t"] = UnsignedLong,
        ["int8_t"] = SignedChar,
        ["int16_t"] = Short,
        ["int32_t"] = Int,
        ["int64_t"] = Long,
        ["uint8_t"] = UnsignedChar,
        ["uint16_t"] = UnsignedShort,
        ["uint32_t"] = UnsignedInt,
        ["uint64_t"] = UnsignedLong,
        ["int_least8_t"] = SignedChar,
        ["int_least16_t"] = Short,
        ["int_least32_t"] = Int,
        ["int_least64_t"] = Long,
        ["uint_least8_t"] = UnsignedChar,
        ["uint_least16_t"] = UnsignedShort,
        ["uint_least32_t"] = UnsignedInt,
        ["uint_least64_t"] = UnsignedLong,
        // glibc makes the fast types of 16 bits and more as wide as a long on x86-64.
        ["int_fast8_t"] = SignedChar,
        ["int_fast16_t"] = Long,
        ["int_fast32_t"] = Long,
        ["int_fast64_t"] = Long,
        ["uint_fast8_t"] = UnsignedChar,
        ["uint_fast16_t"] = UnsignedLong,
        ["uint_fast32_t"] = UnsignedLong,
        ["uint_fast64_t"] = UnsignedLong,
        ["wchar_t"] = Int,
        ["char16_t"] = UnsignedShort,
        ["char32_t"] = UnsignedInt,
        ["off_t"] = Long,
        ["time_t"] = Long,
        ["bool"] = Bool,
    };

    private static readonly Dictionary<string, CTypedefType> StandardTypedefs =
        Standard.ToDictionary(p => p.Key, p => new CTypedefType(p.Key, p.Value, 0), StringComparer.Ordinal);

    /// <summary>The standard typedef name <paramref name="name"/>, if it is one.</summary>
    public static CTypedefType? StandardTypedef(string name) => StandardTypedefs.TryGetValue(name, out var t) ? t : null;
}
