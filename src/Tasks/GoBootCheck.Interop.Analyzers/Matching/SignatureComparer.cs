using GoBootCheck.CgoHeaders.Types;
using GoBootCheck.Interop.Managed;

namespace GoBootCheck.Interop.Matching;

/// <summary>
/// Compares the native form of one C# position with the header's C type at that position, by the System V AMD64 ABI's
/// terms: size, class (integer, floating point, pointer, struct, void) and, for structs, the scalars at each offset.
/// Signedness is not compared (the same bits travel); neither is what a pointer to an incomplete or void type points to.
/// </summary>
internal static class SignatureComparer
{
    /// <summary>The first mismatch between <paramref name="managed"/> and <paramref name="header"/>, or null.</summary>
    /// <param name="managed">The C# side.</param>
    /// <param name="header">The header's type.</param>
    /// <param name="name">The header's parameter name (null for a return value).</param>
    /// <param name="isReturn">The position is the return value.</param>
    public static Mismatch? Compare(ManagedNative managed, CType header, string? name, bool isReturn)
    {
        if (managed.Form == NativeForm.ReportedByRuntime) return null;
        var resolved = header.Resolved;
        string described = Describe(header, name);
        if (resolved is CPrimitiveType { Kind: CScalarKind.Void })
            return managed.Form == NativeForm.Void ? null : new Mismatch(Descriptors.NativeKindMismatch, managed.Description, described);
        if (managed.Form == NativeForm.Void)
        {
            // Ignoring a result is fine, except a struct of more than 16 bytes: it is returned through a hidden first
            // argument, and a void declaration shifts every argument by one.
            return isReturn && resolved is CStructType && header.Size is > 16
                ? new Mismatch(Descriptors.NativeKindMismatch, "void", described + ", returned through a hidden pointer argument")
                : null;
        }
        if (resolved is CPointerType && managed.Form == NativeForm.Pointer && header.UnknownReason is not null)
            return null; // a pointer to a type the header does not define: the pointer itself is right
        if (header.UnknownReason is not null || header.Size is null)
            return new Mismatch(Descriptors.NotVerified, managed.Description, header.UnknownReason ?? $"{header.Spelling} has no known size");
        if (managed.Form == NativeForm.Unknown) return new Mismatch(Descriptors.NotVerified, "", managed.Reason!);

        switch (resolved)
        {
            case CPrimitiveType { Kind: CScalarKind.Complex }:
            case CStructType:
                return Struct(managed, header, described);
            case CPrimitiveType { Kind: CScalarKind.Float } f:
                if (managed.Form == NativeForm.Float)
                {
                    return managed.Size == f.Size ? null
                        : new Mismatch(Descriptors.NativeSizeMismatch, managed.Description, described, managed.IsPrimitiveNumber ? FloatKeyword(f.Size!.Value) : null);
                }
                return Other(managed, described);
            case CPrimitiveType or CEnumType:
                return Integer(managed, header, resolved, described);
            case CPointerType pointer:
                return Pointer(managed, pointer, described);
            default:
                return new Mismatch(Descriptors.NotVerified, managed.Description, $"{header.Spelling} is not a type a function can take or return");
        }
    }

    private static Mismatch? Integer(ManagedNative managed, CType header, CType resolved, string described)
    {
        long size = header.Size!.Value;
        if (managed.Form != NativeForm.Integer) return Other(managed, described);
        if (managed.Size == size) return null;
        if (managed.IsDefaultBool) return new Mismatch(Descriptors.BoolWithoutU1, managed.Description, described, addMarshalAsU1: size == 1);
        bool signed = resolved is CPrimitiveType { Kind: CScalarKind.SignedInteger } || resolved is CEnumType { IsSigned: true };
        return new Mismatch(Descriptors.NativeSizeMismatch, managed.Description, described, managed.IsPrimitiveNumber ? IntegerKeyword(size, signed) : null);
    }

    private static Mismatch? Pointer(ManagedNative managed, CPointerType pointer, string described)
    {
        switch (managed.Form)
        {
            case NativeForm.Integer when managed.IsPointerSized:
                return null;
            case NativeForm.Integer when managed.Size == 8:
                return new Mismatch(Descriptors.PointerAsInteger, managed.Description, described);
            case NativeForm.Integer:
                return new Mismatch(Descriptors.NativeSizeMismatch, managed.Description, described, managed.IsPrimitiveNumber ? "nint" : null);
            case NativeForm.Pointer when managed.Encoding is { } encoding:
                {
                    var target = pointer.Pointee.Resolved;
                    if (target is CPrimitiveType { Kind: CScalarKind.Void } || pointer.Pointee.UnknownReason is not null) return null;
                    bool isChar = target is CPrimitiveType { Kind: CScalarKind.SignedInteger or CScalarKind.UnsignedInteger } c && c.Size == 1;
                    bool isChar16 = target is CPrimitiveType { Kind: CScalarKind.SignedInteger or CScalarKind.UnsignedInteger } w && w.Size == 2;
                    if ((isChar && encoding == StringEncoding.Utf8) || (isChar16 && encoding == StringEncoding.Utf16)) return null;
                    return new Mismatch(Descriptors.StringMismatch, managed.Description, described);
                }
            case NativeForm.Pointer:
                {
                    var target = pointer.Pointee;
                    var targetResolved = target.Resolved;
                    if (managed.Pointee is null || targetResolved is CPrimitiveType { Kind: CScalarKind.Void } or CFunctionType ||
                        target.UnknownReason is not null || target.Size is null)
                    {
                        return null;
                    }
                    if (targetResolved is CPointerType)
                    {
                        return managed.Pointee.Form == NativeForm.Pointer || (managed.Pointee.Form == NativeForm.Integer && managed.Pointee.IsPointerSized)
                            ? null
                            : new Mismatch(Descriptors.NativeKindMismatch, managed.Description, described);
                    }
                    var inner = Compare(managed.Pointee, target, null, isReturn: false);
                    return inner is null || inner.Descriptor == Descriptors.NotVerified ? null
                        : new Mismatch(inner.Descriptor, managed.Description + " to " + managed.Pointee.Description, described, inner.FixType, inner.AddMarshalAsU1, atPointee: true);
                }
            default:
                return new Mismatch(Descriptors.NativeKindMismatch, managed.Description, described);
        }
    }

    private static Mismatch? Struct(ManagedNative managed, CType header, string described)
    {
        if (managed.Form == NativeForm.Struct)
        {
            var leaves = new List<CLeaf>();
            if (!CStructType.Flatten(header, 0, "", leaves)) return new Mismatch(Descriptors.NotVerified, managed.Description, $"the layout of {header.Spelling} is not known");
            leaves = leaves.OrderBy(l => l.Offset).ThenBy(l => l.Size).ToList();
            bool same = managed.Size == header.Size && managed.Leaves!.Count == leaves.Count && managed.Leaves.Zip(leaves, (a, b) => a.Equals(b)).All(x => x);
            return same ? null : new Mismatch(Descriptors.StructLayoutMismatch, managed.Description, described);
        }
        if (managed.Form == NativeForm.Pointer && managed.Encoding is not null) return new Mismatch(Descriptors.StringMismatch, managed.Description, described);
        return new Mismatch(Descriptors.NativeKindMismatch, managed.Description, described);
    }

    private static Mismatch Other(ManagedNative managed, string described) =>
        managed.Form == NativeForm.Pointer && managed.Encoding is not null
            ? new Mismatch(Descriptors.StringMismatch, managed.Description, described)
            : new Mismatch(Descriptors.NativeKindMismatch, managed.Description, described);

    /// <summary>The C# keyword of an integer of <paramref name="size"/> bytes.</summary>
    public static string? IntegerKeyword(long size, bool signed) => size switch
    {
        1 => signed ? "sbyte" : "byte",
        2 => signed ? "short" : "ushort",
        4 => signed ? "int" : "uint",
        8 => signed ? "long" : "ulong",
        _ => null,
    };

    private static string? FloatKeyword(long size) => size switch { 4 => "float", 8 => "double", _ => null };

    /// <summary>"GoInt a (long long, 8 bytes)"; structs with their scalars.</summary>
    public static string Describe(CType type, string? name)
    {
        var resolved = type.Resolved;
        string head = name is null ? type.Spelling : $"{type.Spelling} {name}";
        string size = type.Size is { } s ? ManagedNative.Bytes(s) : "size unknown";
        string details;
        var leaves = new List<CLeaf>();
        if ((resolved is CStructType || resolved is CPrimitiveType { Kind: CScalarKind.Complex }) && CStructType.Flatten(type, 0, "", leaves))
        {
            string layout = ManagedNativeBuilder.Describe(leaves.OrderBy(l => l.Offset).ToList());
            details = resolved.Spelling == type.Spelling ? $"{size}: {layout}" : $"{resolved.Spelling}, {size}: {layout}";
        }
        else
        {
            details = resolved.Spelling == type.Spelling ? size : $"{resolved.Spelling}, {size}";
        }
        return $"{head} ({details})";
    }
}
