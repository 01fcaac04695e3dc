using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace GoBootCheck.Interop.Managed;

/// <summary>A [MarshalAs] attribute: the UnmanagedType value and the arguments that size arrays.</summary>
internal readonly struct MarshalAs
{
    // System.Runtime.InteropServices.UnmanagedType values.
    public const int Bool = 2, I1 = 3, U1 = 4, I2 = 5, U2 = 6, I4 = 7, U4 = 8, I8 = 9, U8 = 10, R4 = 11, R8 = 12;
    public const int LPStr = 20, LPWStr = 21, ByValTStr = 23, Struct = 27, ByValArray = 30, SysInt = 31, SysUInt = 32;
    public const int VariantBool = 37, FunctionPtr = 38, LPArray = 42, LPUTF8Str = 48;

    private static readonly Dictionary<int, string> Names = new()
    {
        [Bool] = "Bool", [I1] = "I1", [U1] = "U1", [I2] = "I2", [U2] = "U2", [I4] = "I4", [U4] = "U4", [I8] = "I8", [U8] = "U8",
        [R4] = "R4", [R8] = "R8", [LPStr] = "LPStr", [LPWStr] = "LPWStr", [ByValTStr] = "ByValTStr", [Struct] = "Struct",
        [ByValArray] = "ByValArray", [SysInt] = "SysInt", [SysUInt] = "SysUInt", [VariantBool] = "VariantBool",
        [FunctionPtr] = "FunctionPtr", [LPArray] = "LPArray", [LPUTF8Str] = "LPUTF8Str",
    };

    private MarshalAs(int value, int? sizeConst, int? arraySubType)
    {
        Value = value;
        SizeConst = sizeConst;
        ArraySubType = arraySubType;
    }

    public int Value { get; }

    public int? SizeConst { get; }

    public int? ArraySubType { get; }

    public string Name => Names.TryGetValue(Value, out string? n) ? n : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>LPArray, ByValArray, ByValTStr: forms that describe the array or buffer rather than the value.</summary>
    public bool IsArrayForm => Value is LPArray or ByValArray or ByValTStr;

    /// <summary>The element's marshalling of an array form with ArraySubType.</summary>
    public MarshalAs? ArraySubTypeMarshalAs => ArraySubType is { } sub ? new MarshalAs(sub, null, null) : null;

    public static MarshalAs? Of(ImmutableArray<AttributeData> attributes)
    {
        foreach (var a in attributes)
        {
            if (a.AttributeClass?.ToDisplayString() != "System.Runtime.InteropServices.MarshalAsAttribute" || a.ConstructorArguments.Length != 1) continue;
            int? value = a.ConstructorArguments[0].Value switch { int i => i, short s => s, _ => null };
            if (value is null) continue;
            int? sizeConst = null, subType = null;
            foreach (var named in a.NamedArguments)
            {
                if (named.Key == "SizeConst" && named.Value.Value is int size) sizeConst = size;
                if (named.Key == "ArraySubType" && named.Value.Value is int sub) subType = sub;
            }
            return new MarshalAs(value.Value, sizeConst, subType);
        }
        return null;
    }
}
