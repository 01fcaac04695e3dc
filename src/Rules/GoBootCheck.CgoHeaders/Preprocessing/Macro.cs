using GoBootCheck.CgoHeaders.Text;

namespace GoBootCheck.CgoHeaders.Preprocessing;

/// <summary>A <c>#define</c>: object-like macros are expanded in declarations; function-like ones are only known to exist.</summary>
internal sealed class Macro
{
    public Macro(string name, bool isFunctionLike, IReadOnlyList<CToken> body)
    {
        Name = name;
        IsFunctionLike = isFunctionLike;
        Body = body;
    }

    public string Name { get; }

    public bool IsFunctionLike { get; }

    public IReadOnlyList<CToken> Body { get; }

    /// <summary>
    /// The macros gcc predefines for linux/amd64 in C mode that headers test or use as types (<c>__SIZE_TYPE__</c> in the
    /// boilerplate of Go 1.5–1.17). Not defined: <c>__cplusplus</c>, <c>_MSC_VER</c>, <c>_WIN32</c> — P/Invoke calls the
    /// library through its C ABI on linux/amd64.
    /// </summary>
    public static IEnumerable<(string Name, string Body)> Predefined =>
    [
        ("__x86_64__", "1"), ("__x86_64", "1"), ("__amd64__", "1"), ("__amd64", "1"),
        ("__LP64__", "1"), ("_LP64", "1"), ("__linux__", "1"), ("__linux", "1"), ("__gnu_linux__", "1"),
        ("__unix__", "1"), ("__unix", "1"), ("__ELF__", "1"),
        ("__GNUC__", "4"), ("__GNUC_MINOR__", "2"), ("__STDC__", "1"), ("__STDC_VERSION__", "201710L"),
        ("__CHAR_BIT__", "8"), ("__SIZEOF_SHORT__", "2"), ("__SIZEOF_INT__", "4"), ("__SIZEOF_LONG__", "8"),
        ("__SIZEOF_LONG_LONG__", "8"), ("__SIZEOF_POINTER__", "8"), ("__SIZEOF_SIZE_T__", "8"),
        ("__SIZEOF_FLOAT__", "4"), ("__SIZEOF_DOUBLE__", "8"), ("__SIZEOF_LONG_DOUBLE__", "16"), ("__SIZEOF_WCHAR_T__", "4"),
        ("__ORDER_LITTLE_ENDIAN__", "1234"), ("__ORDER_BIG_ENDIAN__", "4321"), ("__BYTE_ORDER__", "1234"),
        ("__SIZE_TYPE__", "long unsigned int"), ("__PTRDIFF_TYPE__", "long int"), ("__WCHAR_TYPE__", "int"),
        ("__INTPTR_TYPE__", "long int"), ("__UINTPTR_TYPE__", "long unsigned int"),
        ("__INTMAX_TYPE__", "long int"), ("__UINTMAX_TYPE__", "long unsigned int"),
        ("__INT8_TYPE__", "signed char"), ("__INT16_TYPE__", "short int"), ("__INT32_TYPE__", "int"), ("__INT64_TYPE__", "long int"),
        ("__UINT8_TYPE__", "unsigned char"), ("__UINT16_TYPE__", "short unsigned int"), ("__UINT32_TYPE__", "unsigned int"),
        ("__UINT64_TYPE__", "long unsigned int"),
    ];
}
