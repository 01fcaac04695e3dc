using GoBootCheck.CgoHeaders.Types;
using Microsoft.CodeAnalysis;

namespace GoBootCheck.Interop.Managed;

/// <summary>What a C# parameter, return value or field becomes on the native side.</summary>
internal enum NativeForm
{
    /// <summary>No value (void return).</summary>
    Void,

    /// <summary>An integer (or bool, char, enum) of <see cref="ManagedNative.Size"/> bytes.</summary>
    Integer,

    /// <summary>A floating-point value.</summary>
    Float,

    /// <summary>A pointer: ref/out/in, T*, arrays, delegates, function pointers, strings.</summary>
    Pointer,

    /// <summary>A struct passed by value.</summary>
    Struct,

    /// <summary>The runtime's own interop analyzers report this declaration (e.g. SYSLIB1051); nothing is said here.</summary>
    ReportedByRuntime,

    /// <summary>Not known to this analyzer (see <see cref="ManagedNative.Reason"/>).</summary>
    Unknown,
}

/// <summary>The native view of a C# type in one position, with a description for messages.</summary>
internal sealed class ManagedNative
{
    private ManagedNative(NativeForm form, long size, string description)
    {
        Form = form;
        Size = size;
        Description = description;
    }

    public NativeForm Form { get; private set; }

    public long Size { get; private set; }

    /// <summary>"int (4 bytes)", "ref long", "string (UTF-8 char*)", "struct GoStr (12 bytes: …)".</summary>
    public string Description { get; private set; }

    /// <summary>An integer as wide as a pointer by intent (nint, nuint, IntPtr, UIntPtr, SafeHandle).</summary>
    public bool IsPointerSized { get; private set; }

    /// <summary>A bool marshalled by default as a 4-byte Win32 BOOL (DllImport without MarshalAs).</summary>
    public bool IsDefaultBool { get; private set; }

    /// <summary>A C# primitive numeric type that a code fix may change (int → long).</summary>
    public bool IsPrimitiveNumber { get; private set; }

    /// <summary>For a pointer: what it points to (null: anything — void*, delegates, function pointers).</summary>
    public ManagedNative? Pointee { get; private set; }

    /// <summary>For a string pointer: the encoding of its characters.</summary>
    public StringEncoding? Encoding { get; private set; }

    /// <summary>For a struct: its scalars.</summary>
    public IReadOnlyList<CLeaf>? Leaves { get; private set; }

    /// <summary>For a struct: its alignment.</summary>
    public long Alignment { get; private set; } = 1;

    /// <summary>For <see cref="NativeForm.Unknown"/>: why.</summary>
    public string? Reason { get; private set; }

    public static ManagedNative Void { get; } = new(NativeForm.Void, 0, "void");

    public static ManagedNative ByRuntime { get; } = new(NativeForm.ReportedByRuntime, 0, "");

    public static ManagedNative Integer(long size, string description, bool pointerSized = false, bool primitive = false) =>
        new(NativeForm.Integer, size, description) { IsPointerSized = pointerSized, IsPrimitiveNumber = primitive };

    public static ManagedNative DefaultBool() =>
        new(NativeForm.Integer, 4, "bool (a 4-byte BOOL)") { IsDefaultBool = true };

    public static ManagedNative Float(long size, string description) =>
        new(NativeForm.Float, size, description) { IsPrimitiveNumber = true };

    public static ManagedNative PointerTo(ManagedNative? pointee, string description) =>
        new(NativeForm.Pointer, 8, description) { Pointee = pointee };

    public static ManagedNative String(StringEncoding encoding, string description) =>
        new(NativeForm.Pointer, 8, description) { Encoding = encoding };

    public static ManagedNative Struct(long size, IReadOnlyList<CLeaf> leaves, string description, long alignment) =>
        new(NativeForm.Struct, size, description) { Leaves = leaves, Alignment = alignment };

    public static ManagedNative Unknown(string reason) => new(NativeForm.Unknown, 0, "") { Reason = reason };

    /// <summary>Bytes, spelled for messages.</summary>
    public static string Bytes(long n) => n == 1 ? "1 byte" : $"{n} bytes";

    /// <summary>"int (4 bytes)".</summary>
    public static string Sized(ITypeSymbol type, long size) =>
        $"{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} ({Bytes(size)})";
}
