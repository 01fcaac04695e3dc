namespace GoBootCheck.Interop.Tests.Analyzer;

/// <summary>C# declarations of libcgotypes's exports, written as the header asks.</summary>
internal static class Declarations
{
    /// <summary>The C# types that stand in for the Go and preamble types.</summary>
    public const string Types = """
        public unsafe struct GoString { public byte* p; public nint n; }
        public struct GoSlice { public IntPtr data; public long len; public long cap; }
        public struct GoInterface { public IntPtr t; public IntPtr v; }
        public struct Complex64 { public float Real; public float Imaginary; }
        public struct DivModResult { public long Quotient; public long Remainder; }
        public struct ParseDigitResult { public long Value; [MarshalAs(UnmanagedType.U1)] public bool Ok; }
        public struct Point { public int X; public int Y; public double Weight; }
        [StructLayout(LayoutKind.Explicit, Size = 16)] public struct Pair { [FieldOffset(0)] public long A; [FieldOffset(8)] public byte B; }
        public enum Color { Red, Green = 5, Blue }

        """;

    /// <summary>Every export of libcgotypes through DllImport, each as its header declares it.</summary>
    public const string AllExports = Types + """
        public static unsafe class Native
        {
            private const string Lib = "cgotypes";
            [DllImport(Lib)] public static extern void Hello();
            [DllImport("libcgotypes.so")] public static extern long AddInt(long a, long b);
            [DllImport(Lib)] public static extern ulong AddUint(ulong a, ulong b);
            [DllImport(Lib)] public static extern ulong Widths(sbyte a, byte b, short c, ushort d, int e, uint f, long g, ulong h);
            [DllImport(Lib)] public static extern double Floats(float a, double b);
            [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool Negate([MarshalAs(UnmanagedType.U1)] bool b);
            [DllImport(Lib)] public static extern int Runes(int r, byte b);
            [DllImport(Lib)] public static extern nuint Address(nuint p);
            [DllImport(Lib)] public static extern System.Numerics.Complex Complexes(Complex64 a, System.Numerics.Complex b);
            [DllImport(Lib)] public static extern long StringLength(GoString s);
            [DllImport(Lib)] public static extern IntPtr Greeting();
            [DllImport(Lib)] public static extern int CStringLength([MarshalAs(UnmanagedType.LPUTF8Str)] string s);
            [DllImport(Lib)] public static extern long SumSlice(GoSlice xs);
            [DllImport(Lib)] public static extern DivModResult DivMod(long a, long b);
            [DllImport(Lib)] public static extern ParseDigitResult ParseDigit(GoString s);
            [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool IsNil(GoInterface v);
            [DllImport(Lib)] public static extern GoInterface Fail(GoString message);
            [DllImport(Lib)] public static extern long MapLength(IntPtr m);
            [DllImport(Lib)] public static extern long ChannelCapacity(nint c);
            [DllImport(Lib)] public static extern Point ScalePoint(Point p, double factor);
            [DllImport(Lib)] public static extern void MovePoint(ref Point p, int dx, int dy);
            [DllImport(Lib)] public static extern long PairSum(Pair p);
            [DllImport(Lib)] public static extern Color NextColor(Color c);
            [DllImport(Lib)] public static extern long Apply(delegate* unmanaged<long, long, long> f, long a, long b);
            [DllImport(Lib)] public static extern void* Identity(void* p);
            [DllImport(Lib)] public static extern nuint Sizes(nuint n, long d, ulong u, sbyte c, byte uc, short s, long ll);
        }
        """;

    /// <summary>Exports through LibraryImport, with other spellings of the library name and of the types.</summary>
    public const string LibraryImports = Types + """
        public static unsafe partial class Native
        {
            [LibraryImport("libcgotypes")] public static partial long AddInt(long a, long b);
            [LibraryImport("./libcgotypes.so", StringMarshalling = StringMarshalling.Utf8)] public static partial int CStringLength(string s);
            [LibraryImport("cgotypes")] [return: MarshalAs(UnmanagedType.U1)] public static partial bool Negate([MarshalAs(UnmanagedType.U1)] bool b);
            [LibraryImport("cgotypes", EntryPoint = "DivMod")] public static partial DivModResult Divide(long a, long b);
            [LibraryImport("cgotypes")] public static partial void MovePoint(Point* p, int dx, int dy);
            [LibraryImport("cgotypes")] public static partial long SumSlice(GoSlice xs);
            [LibraryImport("cgotypes", EntryPoint = "CStringLength")] public static partial int Length(byte[] s);
        }
        """;
}
