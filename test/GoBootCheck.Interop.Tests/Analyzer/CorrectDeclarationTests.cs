using GoBootCheck.Interop.Tests.Support;

namespace GoBootCheck.Interop.Tests.Analyzer;

/// <summary>Declarations written as the header asks give no diagnostic, over an old and a new Go release's header.</summary>
[TestClass]
public sealed class CorrectDeclarationTests
{
    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task DllImport_EveryCgoType_NoDiagnostic(string release, string header)
    {
        _ = release;
        await InteropVerifier.VerifyAnalyzerAsync(Declarations.AllExports, File.ReadAllText(header));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.OldAndNew), typeof(TestHeaders))]
    public async Task LibraryImport_OtherSpellingsOfTheLibraryAndTypes_NoDiagnostic(string release, string header)
    {
        _ = release;
        await InteropVerifier.VerifyAnalyzerAsync(Declarations.LibraryImports, File.ReadAllText(header));
    }

    [TestMethod]
    public async Task WrongDeclarations_OfAnotherLibrary_NotChecked()
    {
        const string source = """
            public static class Other
            {
                [DllImport("otherlib")] public static extern int AddInt(int a);
                [DllImport("cgotypes2")] public static extern int Nothing();
            }
            """;
        await InteropVerifier.VerifyAnalyzerAsync(source, File.ReadAllText(TestHeaders.Committed(TestHeaders.OldRelease)));
    }

    [TestMethod]
    public async Task WrongDeclarations_WithoutAnyHeader_NoDiagnostic()
    {
        const string source = """
            public static class Native
            {
                [DllImport("cgotypes")] public static extern int AddInt(int a);
                [DllImport("cgotypes")] public static extern int NoSuchFunction();
            }
            """;
        await InteropVerifier.VerifyAnalyzerAsync(source, headerText: "");
    }
}
