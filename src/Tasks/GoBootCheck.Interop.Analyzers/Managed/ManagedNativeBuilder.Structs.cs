using GoBootCheck.CgoHeaders.Types;
using Microsoft.CodeAnalysis;

namespace GoBootCheck.Interop.Managed;

internal sealed partial class ManagedNativeBuilder
{
    private const int LayoutSequential = 0, LayoutExplicit = 2, LayoutAuto = 3;

    private static bool HasLayout(INamedTypeSymbol type) => Layout(type).Kind is LayoutSequential or LayoutExplicit && Layout(type).Declared;

    private static (int Kind, int Pack, int Size, StringEncoding CharSet, bool Declared) Layout(INamedTypeSymbol type)
    {
        foreach (var a in type.GetAttributes())
        {
            if (a.AttributeClass?.ToDisplayString() != "System.Runtime.InteropServices.StructLayoutAttribute" || a.ConstructorArguments.Length != 1) continue;
            int kind = a.ConstructorArguments[0].Value switch { int i => i, short s => s, _ => LayoutSequential };
            int pack = 0, size = 0;
            var charSet = StringEncoding.Utf8;
            foreach (var named in a.NamedArguments)
            {
                if (named.Key == "Pack" && named.Value.Value is int p) pack = p;
                else if (named.Key == "Size" && named.Value.Value is int s) size = s;
                else if (named.Key == "CharSet" && named.Value.Value is int c && c == 3) charSet = StringEncoding.Utf16;
            }
            return (kind, pack, size, charSet, true);
        }
        return (type.IsValueType ? LayoutSequential : LayoutAuto, 0, 0, StringEncoding.Utf8, false);
    }

    /// <summary>A struct's native layout, from its fields, StructLayout, FieldOffset and MarshalAs.</summary>
    private ManagedNative Struct(INamedTypeSymbol type, int depth)
    {
        string name = Name(type);
        if (type.ToDisplayString() == "System.Numerics.Complex")
            return ManagedNative.Struct(16, [new CLeaf(0, 8, true, "Real"), new CLeaf(8, 8, true, "Imaginary")], "Complex (16 bytes: two doubles)", 8);
        if (!type.Locations.Any(l => l.IsInSource))
            return ManagedNative.Unknown($"the layout of {name} (declared outside this compilation) is not checked");
        var layout = Layout(type);
        if (layout.Kind == LayoutAuto) return ManagedNative.Unknown($"{name} has LayoutKind.Auto, which the runtime does not marshal");
        long pack = layout.Pack > 0 ? layout.Pack : 8;
        var leaves = new List<CLeaf>();
        long offset = 0, end = 0, alignment = 1;
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            var element = FieldElement(field, layout.CharSet, depth, out long count);
            if (element.Form is NativeForm.ReportedByRuntime) return element;
            if (element.Form is NativeForm.Unknown) return ManagedNative.Unknown($"field '{field.Name}' of {name}: {element.Reason}");
            if (element.Form is NativeForm.Void) return ManagedNative.Unknown($"field '{field.Name}' of {name} has no size");
            long size = element.Form == NativeForm.Pointer ? 8 : element.Size;
            long fieldAlignment = Math.Min(element.Form == NativeForm.Struct ? element.Alignment : size, pack);
            if (layout.Kind == LayoutExplicit)
            {
                var fieldOffset = field.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.FieldOffsetAttribute");
                if (fieldOffset?.ConstructorArguments.FirstOrDefault().Value is not int at)
                    return ManagedNative.Unknown($"field '{field.Name}' of {name} has no FieldOffset");
                offset = at;
            }
            else
            {
                offset = CType.AlignUp(offset, fieldAlignment);
            }
            for (long i = 0; i < count; i++)
            {
                string path = count > 1 ? $"{field.Name}[{i}]" : field.Name;
                long at = offset + i * size;
                if (element.Form == NativeForm.Struct)
                {
                    foreach (var leaf in element.Leaves!) leaves.Add(new CLeaf(at + leaf.Offset, leaf.Size, leaf.IsFloat, path + "." + leaf.Path));
                }
                else
                {
                    leaves.Add(new CLeaf(at, size, element.Form == NativeForm.Float, path));
                }
            }
            offset += size * count;
            end = Math.Max(end, offset);
            alignment = Math.Max(alignment, fieldAlignment);
        }
        long total = Math.Max(CType.AlignUp(end, alignment), layout.Size);
        var ordered = leaves.OrderBy(l => l.Offset).ThenBy(l => l.Size).ToList();
        return ManagedNative.Struct(total, ordered, $"{name} ({ManagedNative.Bytes(total)}: {Describe(ordered)})", alignment);
    }

    /// <summary>"[0] p (8-byte integer), [8] n (4-byte integer)".</summary>
    public static string Describe(IReadOnlyList<CLeaf> leaves) =>
        leaves.Count == 0 ? "no fields" :
        string.Join(", ", leaves.Take(8).Select(l => $"[{l.Offset}] {l.Path} ({l.Size}-byte {(l.IsFloat ? "float" : "integer")})")) +
        (leaves.Count > 8 ? $", … {leaves.Count - 8} more" : "");

    private ManagedNative FieldElement(IFieldSymbol field, StringEncoding charSet, int depth, out long count)
    {
        count = 1;
        var marshalAs = MarshalAs.Of(field.GetAttributes());
        if (field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol buffer)
        {
            count = field.FixedSize;
            return Value(buffer.PointedAtType, null, inStruct: true, depth + 1);
        }
        if (marshalAs is { Value: MarshalAs.ByValArray } byValArray && field.Type is IArrayTypeSymbol array)
        {
            if (byValArray.SizeConst is not { } n) return ManagedNative.Unknown("MarshalAs(ByValArray) without SizeConst");
            count = n;
            return Value(array.ElementType, byValArray.ArraySubTypeMarshalAs, inStruct: true, depth + 1);
        }
        if (marshalAs is { Value: MarshalAs.ByValTStr } byValString)
        {
            if (byValString.SizeConst is not { } n) return ManagedNative.Unknown("MarshalAs(ByValTStr) without SizeConst");
            count = n;
            long width = charSet == StringEncoding.Utf16 ? 2 : 1;
            return ManagedNative.Integer(width, $"char ({ManagedNative.Bytes(width)})");
        }
        if (field.Type.SpecialType == SpecialType.System_String)
        {
            if (LibraryImport && !Disabled) return ManagedNative.ByRuntime;
            return ManagedNative.String(charSet, "string (a char* pointer)");
        }
        if (field.Type.SpecialType == SpecialType.System_Boolean && marshalAs is null)
        {
            if (Disabled) return ManagedNative.Integer(1, "bool (1 byte)");
            if (LibraryImport) return ManagedNative.ByRuntime;
            return ManagedNative.DefaultBool();
        }
        return Value(field.Type, marshalAs, inStruct: true, depth + 1);
    }
}
