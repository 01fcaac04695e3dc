using GoBootCheck.Interop.Tests.Support;
using static GoBootCheck.Interop.Tests.Support.InteropVerifier;

namespace GoBootCheck.Interop.Tests.Analyzer;

/// <summary>Before and after of each code fix, over the new release's header.</summary>
[TestClass]
public sealed class CodeFixTests
{
    private static string Header => File.ReadAllText(TestHeaders.Generated(TestHeaders.NewRelease));

    private static string At(string name)
    {
        var lines = File.ReadAllLines(TestHeaders.Generated(TestHeaders.NewRelease));
        return $"libcgotypes.h:{Array.FindIndex(lines, l => l.StartsWith("extern ", StringComparison.Ordinal) && l.Contains(" " + name + "(", StringComparison.Ordinal)) + 1}";
    }

    [TestMethod]
    public async Task NativeSize_IntForGoInt_BecomesLong()
    {
        const string before = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern long AddInt({|#0:int|} a, long b);
                [DllImport("cgotypes")] public static extern {|#1:int|} AddUint(ulong a, ulong b);
            }
            """;
        const string after = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern long AddInt(long a, long b);
                [DllImport("cgotypes")] public static extern ulong AddUint(ulong a, ulong b);
            }
            """;
        await VerifyCodeFixAsync(before, Header,
            [
                Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(0).WithArguments("parameter 'a' of AddInt", "int (4 bytes)", At("AddInt"), "GoInt a (long long, 8 bytes)"),
                Diagnostic(Descriptors.NativeSizeMismatch).WithLocation(1).WithArguments("the return value of AddUint", "int (4 bytes)", At("AddUint"), "GoUint (unsigned long long, 8 bytes)"),
            ],
            Usings + after);
    }

    [TestMethod]
    public async Task Bool_WithoutMarshalAs_GetsMarshalAsU1OnParameterAndReturn()
    {
        const string before = """
            public static class Native
            {
                [DllImport("cgotypes")]
                public static extern {|#0:bool|} Negate({|#1:bool|} b);
            }
            """;
        const string after = """
            public static class Native
            {
                [DllImport("cgotypes")]
                [return: MarshalAs(UnmanagedType.U1)]
                public static extern bool Negate([MarshalAs(UnmanagedType.U1)] bool b);
            }
            """;
        await VerifyCodeFixAsync(before, Header,
            [
                Diagnostic(Descriptors.BoolWithoutU1).WithLocation(0).WithArguments("the return value of Negate", "bool (a 4-byte BOOL)", At("Negate"), "GoUint8 (unsigned char, 1 byte)"),
                Diagnostic(Descriptors.BoolWithoutU1).WithLocation(1).WithArguments("parameter 'b' of Negate", "bool (a 4-byte BOOL)", At("Negate"), "GoUint8 b (unsigned char, 1 byte)"),
            ],
            Usings + after, fixAllIterations: 1);
    }

    [TestMethod]
    public async Task EntryPoint_Misspelled_IsReplacedOrAddedWithTheNearestName()
    {
        const string before = """
            public static class Native
            {
                [DllImport("cgotypes", EntryPoint = {|#0:"DivMood"|})] public static extern void Divide(long a, long b);
                [{|#1:DllImport("cgotypes")|}] public static extern byte Negat(byte b);
            }
            """;
        const string after = """
            public static class Native
            {
                [DllImport("cgotypes", EntryPoint = "DivMod")] public static extern void Divide(long a, long b);
                [DllImport("cgotypes", EntryPoint = "Negate")] public static extern byte Negat(byte b);
            }
            """;
        await VerifyCodeFixAsync(before, Header,
            [
                Diagnostic(Descriptors.EntryPointNotFound).WithLocation(0).WithArguments("DivMood", "libcgotypes.h", "cgotypes", "; did you mean 'DivMod'?"),
                Diagnostic(Descriptors.EntryPointNotFound).WithLocation(1).WithArguments("Negat", "libcgotypes.h", "cgotypes", "; did you mean 'Negate'?"),
            ],
            Usings + after);
    }
}
