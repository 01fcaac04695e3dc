using GoBootCheck.Interop.Tests.Support;
using Microsoft.CodeAnalysis.Testing;
using static GoBootCheck.Interop.Tests.Support.InteropVerifier;

namespace GoBootCheck.Interop.Tests.Analyzer;

/// <summary>
/// Each kind of mismatch fires at the C# parameter, return type or attribute that is wrong, with what the header
/// declares there, over an old and a new Go release's header (the line numbers differ: the messages name them).
/// </summary>
[TestClass]
public sealed class MismatchTests
{
    private static string Header(string path) => File.ReadAllText(path);

    /// <summary>"libcgotypes.h:N" of the export <paramref name="name"/> in <paramref name="path"/>.</summary>
    private static string At(string path, string name)
    {
        var lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, l => l.StartsWith("extern ", StringComparison.Ordinal) && l.Contains(" " + name + "(", StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, index, $"{name} not in {path}");
        return $"libcgotypes.h:{index + 1}";
    }

    private static Task Verify(string source, string header, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(Declarations.Types + source, Header(header), "cgotypes", expected);

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task EntryPoint_Misspelled_FiresAtTheEntryPointWithTheNearestNames(string release, string header)
    {
        _ = release;
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes", EntryPoint = {|#0:"AddInts"|})] public static extern long Add(long a, long b);
                [{|#1:DllImport("cgotypes")|}] public static extern long Addint(long a, long b);
                [{|#2:LibraryImport("cgotypes")|}] public static partial long Frobnicate();
            }
            """;
        await Verify(source.Replace("public static class", "public static partial class", StringComparison.Ordinal), header,
            Diagnostic(Descriptors.EntryPointNotFound).WithLocation(0).WithArguments("AddInts", "libcgotypes.h", "cgotypes", "; did you mean 'AddInt', 'AddUint'?"),
            Diagnostic(Descriptors.EntryPointNotFound).WithLocation(1).WithArguments("Addint", "libcgotypes.h", "cgotypes", "; did you mean 'AddInt', 'AddUint'?"),
            Diagnostic(Descriptors.EntryPointNotFound).WithLocation(2).WithArguments("Frobnicate", "libcgotypes.h", "cgotypes",
                "; it exports Hello, AddInt, AddUint, Widths, Floats and 21 more"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task ParameterCount_TooManyOrTooFew_FiresAtTheExtraParametersOrTheList(string release, string header)
    {
        _ = release;
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern long AddInt(long a, long b, {|#0:long c, int d|});
                [DllImport("cgotypes", EntryPoint = "AddInt")] public static extern long AddOne{|#1:(long a)|};
            }
            """;
        await Verify(source, header,
            Diagnostic(Descriptors.ParameterCountMismatch).WithLocation(0).WithArguments("DllImport AddInt", "4", At(header, "AddInt"), "2: extern GoInt AddInt(GoInt a, GoInt b);"),
            Diagnostic(Descriptors.ParameterCountMismatch).WithLocation(1).WithArguments("DllImport AddOne", "1", At(header, "AddInt"), "2: extern GoInt AddInt(GoInt a, GoInt b);"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task NativeSize_IntForGoIntFloatForDoubleIntForPointee_FiresAtTheType(string release, string header)
    {
        _ = release;
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern long AddInt({|#0:int|} a, long b);
                [DllImport("cgotypes")] public static extern {|#1:int|} AddUint(ulong a, ulong b);
                [DllImport("cgotypes")] public static extern double Floats(float a, {|#2:float|} b);
                [DllImport("cgotypes")] public static extern int CStringLength({|#3:ref int|} s);
                [DllImport("cgotypes")] public static extern long MapLength({|#4:int|} m);
            }
            """;
        await Verify(source.Replace("{|#3:ref int|}", "ref {|#3:int|}", StringComparison.Ordinal), header,
            Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(0).WithArguments("parameter 'a' of AddInt", "int (4 bytes)", At(header, "AddInt"), "GoInt a (long long, 8 bytes)"),
            Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(1).WithArguments("the return value of AddUint", "int (4 bytes)", At(header, "AddUint"), "GoUint (unsigned long long, 8 bytes)"),
            Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(2).WithArguments("parameter 'b' of Floats", "float (4 bytes)", At(header, "Floats"), "GoFloat64 b (double, 8 bytes)"),
            Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(3).WithArguments("parameter 's' of CStringLength", "ref int (a pointer) to int (4 bytes)", At(header, "CStringLength"), "char* s (8 bytes)"),
            Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(4).WithArguments("parameter 'm' of MapLength", "int (4 bytes)", At(header, "MapLength"), "GoMap m (void*, 8 bytes)"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task NativeKind_IntegerForFloatPointerForValueScalarForStructValueForVoid_FiresAtTheType(string release, string header)
    {
        _ = release;
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern double Floats(float a, {|#0:long|} b);
                [DllImport("cgotypes")] public static extern long AddInt({|#1:ref long|} a, long b);
                [DllImport("cgotypes")] public static extern {|#2:long|} DivMod(long a, long b);
                [DllImport("cgotypes")] public static extern {|#3:long|} Hello();
                [DllImport("cgotypes")] public static extern long MovePoint({|#4:Point|} p, int dx, int dy);
            }
            """;
        await Verify(source.Replace("{|#1:ref long|}", "ref {|#1:long|}", StringComparison.Ordinal).Replace("extern long MovePoint", "extern void MovePoint", StringComparison.Ordinal), header,
            Diagnostic(Descriptors.NativeKindMismatch).WithLocation(0).WithArguments("parameter 'b' of Floats", "long (8 bytes)", At(header, "Floats"), "GoFloat64 b (double, 8 bytes)"),
            Diagnostic(Descriptors.NativeKindMismatch).WithLocation(1).WithArguments("parameter 'a' of AddInt", "ref long (a pointer)", At(header, "AddInt"), "GoInt a (long long, 8 bytes)"),
            Diagnostic(Descriptors.NativeKindMismatch).WithLocation(2).WithArguments("the return value of DivMod", "long (8 bytes)", At(header, "DivMod"),
                "struct DivMod_return (16 bytes: [0] r0 (8-byte integer), [8] r1 (8-byte integer))"),
            Diagnostic(Descriptors.NativeKindMismatch).WithLocation(3).WithArguments("the return value of Hello", "long (8 bytes)", At(header, "Hello"), "void (0 bytes)"),
            Diagnostic(Descriptors.NativeKindMismatch).WithLocation(4).WithArguments("parameter 'p' of MovePoint",
                "Point (16 bytes: [0] X (4-byte integer), [4] Y (4-byte integer), [8] Weight (8-byte float))", At(header, "MovePoint"), "point* p (8 bytes)"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task StructLayout_ShortLengthBoolFieldPackedStructWrongFieldOffset_FiresAtTheType(string release, string header)
    {
        _ = release;
        const string source = """
            public struct ShortString { public IntPtr p; public int n; }
            public struct BoolResult { public long Value; public bool Ok; }
            [StructLayout(LayoutKind.Sequential, Pack = 1)] public struct PackedPair { public long A; public byte B; }
            [StructLayout(LayoutKind.Explicit)] public struct ShiftedPoint { [FieldOffset(0)] public int X; [FieldOffset(8)] public int Y; [FieldOffset(8)] public double Weight; }
            public static class Native
            {
                [DllImport("cgotypes")] public static extern long StringLength({|#0:ShortString|} s);
                [DllImport("cgotypes")] public static extern {|#1:BoolResult|} ParseDigit(GoString s);
                [DllImport("cgotypes")] public static extern long PairSum({|#2:PackedPair|} p);
                [DllImport("cgotypes")] public static extern Point ScalePoint({|#3:ShiftedPoint|} p, double factor);
            }
            """;
        await Verify(source, header,
            Diagnostic(Descriptors.StructLayoutMismatch).WithLocation(0).WithArguments("parameter 's' of StringLength",
                "ShortString (16 bytes: [0] p (8-byte integer), [8] n (4-byte integer))", At(header, "StringLength"),
                "GoString s (struct { const char* p; ptrdiff_t n; }, 16 bytes: [0] p (8-byte integer), [8] n (8-byte integer))"),
            Diagnostic(Descriptors.StructLayoutMismatch).WithLocation(1).WithArguments("the return value of ParseDigit",
                "BoolResult (16 bytes: [0] Value (8-byte integer), [8] Ok (4-byte integer))", At(header, "ParseDigit"),
                "struct ParseDigit_return (16 bytes: [0] r0 (8-byte integer), [8] r1 (1-byte integer))"),
            Diagnostic(Descriptors.StructLayoutMismatch).WithLocation(2).WithArguments("parameter 'p' of PairSum",
                "PackedPair (9 bytes: [0] A (8-byte integer), [8] B (1-byte integer))", At(header, "PairSum"),
                "struct pair p (16 bytes: [0] a (8-byte integer), [8] b (1-byte integer))"),
            Diagnostic(Descriptors.StructLayoutMismatch).WithLocation(3).WithArguments("parameter 'p' of ScalePoint",
                "ShiftedPoint (16 bytes: [0] X (4-byte integer), [8] Y (4-byte integer), [8] Weight (8-byte float))", At(header, "ScalePoint"),
                "point p (struct { int32_t x; int32_t y; double weight; }, 16 bytes: [0] x (4-byte integer), [4] y (4-byte integer), [8] weight (8-byte float))"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task Strings_StringForGoStringAndUtf16ForCharPointer_FireAtTheType(string release, string header)
    {
        _ = release;
        const string source = """
            public static partial class Native
            {
                [DllImport("cgotypes")] public static extern long StringLength({|#0:string|} s);
                [DllImport("cgotypes", CharSet = CharSet.Unicode)] public static extern int CStringLength({|#1:string|} s);
                [LibraryImport("cgotypes", StringMarshalling = StringMarshalling.Utf16)] public static partial int CStringLength2({|#2:string|} s);
                [DllImport("cgotypes")] public static extern {|#3:string|} Fail(GoString message);
            }
            """;
        await Verify(source.Replace("CStringLength2(", "CStringLengthUtf16(", StringComparison.Ordinal)
                .Replace("StringMarshalling.Utf16)]", "StringMarshalling.Utf16, EntryPoint = \"CStringLength\")]", StringComparison.Ordinal), header,
            Diagnostic(Descriptors.StringMismatch).WithLocation(0).WithArguments("parameter 's' of StringLength", "string (a UTF-8 char* pointer)", At(header, "StringLength"),
                "GoString s (struct { const char* p; ptrdiff_t n; }, 16 bytes: [0] p (8-byte integer), [8] n (8-byte integer))"),
            Diagnostic(Descriptors.StringMismatch).WithLocation(1).WithArguments("parameter 's' of CStringLength", "string (a UTF-16 char* pointer)", At(header, "CStringLength"), "char* s (8 bytes)"),
            Diagnostic(Descriptors.StringMismatch).WithLocation(2).WithArguments("parameter 's' of CStringLengthUtf16", "string (a UTF-16 char* pointer)", At(header, "CStringLength"), "char* s (8 bytes)"),
            Diagnostic(Descriptors.StringMismatch).WithLocation(3).WithArguments("the return value of Fail", "string (a UTF-8 char* pointer)", At(header, "Fail"),
                "GoInterface (struct { void* t; void* v; }, 16 bytes: [0] t (8-byte integer), [8] v (8-byte integer))"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task Bool_DllImportWithoutMarshalAs_FiresOnParameterAndReturn(string release, string header)
    {
        _ = release;
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern {|#0:bool|} Negate({|#1:bool|} b);
                [DllImport("cgotypes")] [return: MarshalAs(UnmanagedType.Bool)] public static extern {|#2:bool|} IsNil(GoInterface v);
            }
            """;
        await Verify(source, header,
            Diagnostic(Descriptors.BoolWithoutU1).WithLocation(0).WithArguments("the return value of Negate", "bool (a 4-byte BOOL)", At(header, "Negate"), "GoUint8 (unsigned char, 1 byte)"),
            Diagnostic(Descriptors.BoolWithoutU1).WithLocation(1).WithArguments("parameter 'b' of Negate", "bool (a 4-byte BOOL)", At(header, "Negate"), "GoUint8 b (unsigned char, 1 byte)"),
            Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(2).WithArguments("the return value of IsNil", "bool with MarshalAs(UnmanagedType.Bool) (4 bytes)", At(header, "IsNil"), "GoUint8 (unsigned char, 1 byte)"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task RuntimeAnalyzersReportIt_LibraryImportBoolAndStringWithoutMarshalling_NothingMore(string release, string header)
    {
        _ = release;
        // SYSLIB1051 (the runtime's LibraryImport generator) reports these; the interop analyzer stays silent.
        const string source = """
            public static partial class Native
            {
                [LibraryImport("cgotypes")] public static partial bool Negate(bool b);
                [LibraryImport("cgotypes")] public static partial long StringLength(string s);
                [LibraryImport("cgotypes")] public static partial byte IsNil(char c);
            }
            """;
        await Verify(source, header);
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task PointerAsLong_Warns_NotVerified_WarnsWithTheReason(string release, string header)
    {
        _ = release;
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern {|#0:long|} Greeting();
                [DllImport("cgotypes")] public static extern long AddInt({|#1:object|} a, long b);
                [DllImport("cgotypes")] public static extern long PairSum({|#2:System.Drawing.Point|} p);
            }
            """;
        await Verify(source.Replace("System.Drawing.Point", "System.ValueTuple<long, byte>", StringComparison.Ordinal), header,
            Diagnostic(Descriptors.PointerAsInteger).WithLocation(0).WithArguments("the return value of Greeting", "long (8 bytes)", At(header, "Greeting"), "char* (8 bytes)"),
            Diagnostic(Descriptors.NotVerified).WithLocation(1).WithArguments("parameter 'a' of AddInt", At(header, "AddInt"),
                "object is not a type this analyzer knows how the runtime marshals"),
            Diagnostic(Descriptors.NotVerified).WithLocation(2).WithArguments("parameter 'p' of PairSum", At(header, "PairSum"),
                "the layout of (long, byte) (declared outside this compilation) is not checked"));
    }
}
