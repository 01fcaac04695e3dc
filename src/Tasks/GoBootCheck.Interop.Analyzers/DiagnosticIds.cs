namespace GoBootCheck.Interop;

/// <summary>
/// The interop analyzer's ids (GBC2101–GBC2199). Each has a page under docs/interop/. Retired ids are never reused.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>The entry point is not a function of the header.</summary>
    public const string EntryPointNotFound = "GBC2101";

    /// <summary>The declaration has another number of parameters than the header's function.</summary>
    public const string ParameterCountMismatch = "GBC2102";

    /// <summary>A parameter or return value has another native size than the header's type.</summary>
    public const string NativeSizeMismatch = "GBC2103";

    /// <summary>A parameter or return value is of another kind (integer, floating point, pointer, struct, void).</summary>
    public const string NativeKindMismatch = "GBC2104";

    /// <summary>A C# struct does not lay out like the header's struct it stands for.</summary>
    public const string StructLayoutMismatch = "GBC2105";

    /// <summary>A C# string does not marshal as the header's type (GoString by value, or another encoding).</summary>
    public const string StringMismatch = "GBC2106";

    /// <summary>A DllImport bool marshals as a 4-byte BOOL where the header has a 1-byte type.</summary>
    public const string BoolWithoutU1 = "GBC2107";

    /// <summary>A pointer is passed as a fixed-size 64-bit integer rather than nint/IntPtr or a pointer type.</summary>
    public const string PointerAsInteger = "GBC2108";

    /// <summary>A parameter or return value could not be verified (a type the header or the analyzer does not know).</summary>
    public const string NotVerified = "GBC2110";

    /// <summary>A header was not understood (not a cgo header, another architecture, a declaration not read).</summary>
    public const string HeaderProblem = "GBC2111";

    /// <summary>Two headers name the same library.</summary>
    public const string DuplicateLibrary = "GBC2112";
}
