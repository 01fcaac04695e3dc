using GoBootCheck.Interop.Tests.Support;
using static GoBootCheck.Interop.Tests.Support.InteropVerifier;

namespace GoBootCheck.Interop.Tests.Analyzer;

/// <summary>What the analyzer says about headers it cannot fully use.</summary>
[TestClass]
public sealed class HeaderDiagnosticTests
{
    [TestMethod]
    public async Task NotACgoHeader_OneWarningAtTheHeader_AndNoDeclarationChecked()
    {
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern int NoSuchFunction(int a);
            }
            """;
        await VerifyAnalyzerAsync(source, "#include <stdint.h>\nint32_t add(int32_t a, int32_t b);\n", "cgotypes",
            Diagnostic(Descriptors.HeaderProblem).WithSpan(HeaderPath, 1, 1, 1, 1).WithArguments(
                "libcgotypes.h: not a header written by cgo: the comments cgo writes around its sections (\"Start of preamble from import \"C\" comments.\" … \"End of boilerplate cgo prologue.\") are missing; P/Invokes of 'cgotypes' are not verified"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task TypeFromAnIncludedFile_NotVerified_WithTheIncludeNamed(string release, string path)
    {
        _ = release;
        // The real header with a preamble that includes a header of its own and an export that uses its type.
        var lines = File.ReadAllLines(path).ToList();
        int preamble = lines.FindIndex(l => l.Contains("Start of preamble from import", StringComparison.Ordinal));
        lines.Insert(preamble + 1, "#include \"mylib.h\"");
        int last = lines.FindLastIndex(l => l.StartsWith("extern ", StringComparison.Ordinal));
        lines.Insert(last + 1, "extern void UseHandle(handle_t h, handle_t* p);");
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern void UseHandle({|#0:IntPtr|} h, IntPtr p);
            }
            """;
        await VerifyAnalyzerAsync(source, string.Join("\n", lines), "cgotypes",
            Diagnostic(Descriptors.NotVerified).WithLocation(0).WithArguments("parameter 'h' of UseHandle", $"libcgotypes.h:{last + 2}",
                $"'handle_t' is not defined in the header (it may come from #include \"mylib.h\" at line {preamble + 2}, which the header does not contain)"));
    }
}
