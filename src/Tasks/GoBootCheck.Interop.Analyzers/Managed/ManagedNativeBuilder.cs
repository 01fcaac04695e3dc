using Microsoft.CodeAnalysis;

namespace GoBootCheck.Interop.Managed;

/// <summary>
/// Works out what the runtime passes for a C# parameter or return value of a P/Invoke on linux/amd64: DllImport's
/// built-in marshalling rules (bool as a 4-byte BOOL, strings as char* by CharSet, MarshalAs), LibraryImport's (types
/// it does not marshal without help are left to SYSLIB1051), [DisableRuntimeMarshalling], and struct layouts.
/// </summary>
internal sealed partial class ManagedNativeBuilder
{
    private readonly PInvokeDeclaration _declaration;

    public ManagedNativeBuilder(PInvokeDeclaration declaration) => _declaration = declaration;

    private bool LibraryImport => _declaration.IsLibraryImport;

    private bool Disabled => _declaration.RuntimeMarshallingDisabled;

    public ManagedNative Parameter(IParameterSymbol parameter)
    {
        var marshalAs = MarshalAs.Of(parameter.GetAttributes());
        if (parameter.RefKind != RefKind.None)
        {
            var pointee = Value(parameter.Type, marshalAs, inStruct: false);
            if (pointee.Form is NativeForm.ReportedByRuntime or NativeForm.Unknown) return pointee;
            string modifier = parameter.RefKind switch { RefKind.Out => "out", RefKind.In => "in", _ => "ref" };
            return ManagedNative.PointerTo(pointee, $"{modifier} {parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} (a pointer)");
        }
        return Value(parameter.Type, marshalAs, inStruct: false);
    }

    public ManagedNative Return(IMethodSymbol method) =>
        method.ReturnsVoid ? ManagedNative.Void : Value(method.ReturnType, MarshalAs.Of(method.GetReturnTypeAttributes()), inStruct: false);

    private static string Name(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>The native form of a value of <paramref name="type"/>.</summary>
    private ManagedNative Value(ITypeSymbol type, MarshalAs? marshalAs, bool inStruct, int depth = 0)
    {
        if (depth > 8) return ManagedNative.Unknown($"{Name(type)} nests too deeply");
        if (marshalAs is { } m && !m.IsArrayForm) return Marshalled(type, m);
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            var inner = Value(underlying, null, inStruct, depth + 1);
            return inner.Form == NativeForm.Integer ? ManagedNative.Integer(inner.Size, $"{Name(type)} (an enum of {Bytes(inner.Size)})") : inner;
        }
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                if (Disabled) return ManagedNative.Integer(1, "bool (1 byte)");
                if (LibraryImport) return ManagedNative.ByRuntime; // SYSLIB1051: bool needs marshalling information
                return ManagedNative.DefaultBool();
            case SpecialType.System_Char:
                if (Disabled) return ManagedNative.Integer(2, "char (2 bytes)");
                if (LibraryImport)
                    return _declaration.Encoding == StringEncoding.Utf16 ? ManagedNative.Integer(2, "char (2 bytes)") : ManagedNative.ByRuntime;
                return _declaration.Encoding == StringEncoding.Utf16 ? ManagedNative.Integer(2, "char (2 bytes, CharSet.Unicode)") : ManagedNative.Integer(1, "char (1 byte, CharSet.Ansi)");
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
                return ManagedNative.Integer(1, Sized(type, 1), primitive: true);
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
                return ManagedNative.Integer(2, Sized(type, 2), primitive: true);
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
                return ManagedNative.Integer(4, Sized(type, 4), primitive: true);
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return ManagedNative.Integer(8, Sized(type, 8), primitive: true);
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
                return ManagedNative.Integer(8, Sized(type, 8), pointerSized: true);
            case SpecialType.System_Single:
                return ManagedNative.Float(4, Sized(type, 4));
            case SpecialType.System_Double:
                return ManagedNative.Float(8, Sized(type, 8));
            case SpecialType.System_String:
                return String(type, inStruct);
            case SpecialType.System_Void:
                return ManagedNative.Void;
        }
        switch (type)
        {
            case IPointerTypeSymbol pointer:
                return pointer.PointedAtType.SpecialType == SpecialType.System_Void
                    ? ManagedNative.PointerTo(null, "void* (a pointer)")
                    : ManagedNative.PointerTo(Value(pointer.PointedAtType, null, inStruct: true, depth + 1), $"{Name(type)} (a pointer)");
            case IFunctionPointerTypeSymbol:
                return ManagedNative.PointerTo(null, $"{Name(type)} (a function pointer)");
            case IArrayTypeSymbol array:
                {
                    if (inStruct) return ManagedNative.Unknown($"array field {Name(type)} without MarshalAs(ByValArray)");
                    var element = Value(array.ElementType, marshalAs?.ArraySubTypeMarshalAs, inStruct: true, depth + 1);
                    if (element.Form == NativeForm.ReportedByRuntime) return element;
                    return ManagedNative.PointerTo(element.Form == NativeForm.Unknown ? null : element, $"{Name(type)} (a pointer to its elements)");
                }
        }
        if (type.TypeKind == TypeKind.Delegate) return ManagedNative.PointerTo(null, $"{Name(type)} (a function pointer)");
        if (IsOrDerivesFrom(type, "System.Runtime.InteropServices.SafeHandle"))
            return ManagedNative.Integer(8, $"{Name(type)} (a handle as wide as a pointer)", pointerSized: true);
        if (type.ToDisplayString() == "System.Text.StringBuilder")
        {
            if (LibraryImport) return ManagedNative.ByRuntime;
            return ManagedNative.String(_declaration.Encoding, $"StringBuilder ({EncodingName(_declaration.Encoding)} char buffer)");
        }
        if (type.IsValueType && type is INamedTypeSymbol structType) return Struct(structType, depth);
        if (type.TypeKind == TypeKind.Class && type is INamedTypeSymbol classType && !LibraryImport && HasLayout(classType))
        {
            // A formatted class: DllImport passes it by reference.
            var body = Struct(classType, depth);
            return body.Form == NativeForm.Struct ? ManagedNative.PointerTo(body, $"{Name(type)} (a class: a pointer to its fields)") : body;
        }
        return ManagedNative.Unknown($"{Name(type)} is not a type this analyzer knows how the runtime marshals");
    }

    private ManagedNative String(ITypeSymbol type, bool inStruct)
    {
        if (Disabled && !inStruct) return ManagedNative.Unknown("string cannot be marshalled with [DisableRuntimeMarshalling]");
        var encoding = _declaration.Encoding;
        if (encoding == StringEncoding.Unspecified) return ManagedNative.ByRuntime; // SYSLIB1051
        if (encoding == StringEncoding.Custom) return ManagedNative.Unknown("string with a custom marshaller");
        return ManagedNative.String(encoding, $"string (a {EncodingName(encoding)} char* pointer)");
    }

    private static string EncodingName(StringEncoding encoding) => encoding == StringEncoding.Utf16 ? "UTF-16" : "UTF-8";

    private ManagedNative Marshalled(ITypeSymbol type, MarshalAs m)
    {
        string what = $"{Name(type)} with MarshalAs(UnmanagedType.{m.Name})";
        switch (m.Value)
        {
            case MarshalAs.Bool: return ManagedNative.Integer(4, $"{what} (4 bytes)");
            case MarshalAs.I1 or MarshalAs.U1: return ManagedNative.Integer(1, $"{what} (1 byte)");
            case MarshalAs.VariantBool or MarshalAs.I2 or MarshalAs.U2: return ManagedNative.Integer(2, $"{what} (2 bytes)");
            case MarshalAs.I4 or MarshalAs.U4: return ManagedNative.Integer(4, $"{what} (4 bytes)");
            case MarshalAs.I8 or MarshalAs.U8: return ManagedNative.Integer(8, $"{what} (8 bytes)");
            case MarshalAs.SysInt or MarshalAs.SysUInt: return ManagedNative.Integer(8, $"{what} (8 bytes)", pointerSized: true);
            case MarshalAs.R4: return ManagedNative.Float(4, $"{what} (4 bytes)");
            case MarshalAs.R8: return ManagedNative.Float(8, $"{what} (8 bytes)");
            case MarshalAs.LPStr or MarshalAs.LPUTF8Str: return ManagedNative.String(StringEncoding.Utf8, $"{what} (a UTF-8 char* pointer)");
            case MarshalAs.LPWStr: return ManagedNative.String(StringEncoding.Utf16, $"{what} (a UTF-16 char* pointer)");
            case MarshalAs.FunctionPtr: return ManagedNative.PointerTo(null, $"{what} (a function pointer)");
            case MarshalAs.Struct when type.IsValueType && type is INamedTypeSymbol s: return Struct(s, 0);
            default: return ManagedNative.Unknown($"{what} is not checked");
        }
    }

    private static bool IsOrDerivesFrom(ITypeSymbol type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == name) return true;
        }
        return false;
    }

    private static string Bytes(long n) => ManagedNative.Bytes(n);

    private static string Sized(ITypeSymbol type, long size) => ManagedNative.Sized(type, size);
}
