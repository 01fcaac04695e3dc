using GoBootCheck.CgoHeaders;
using GoBootCheck.CgoHeaders.Types;

namespace GoBootCheck.Interop.Tests.Parsing;

/// <summary>
/// Forms of headers the fixture cache's toolchains do not write: the boilerplate of cgo before Go 1.10 (quoted from
/// cmd/cgo's gccExportHeaderProlog of that era: GoString with a GoInt length, __SIZE_TYPE__, the static assertion
/// behind #ifdef __LP64__), a header for a 32-bit target, preambles with includes, packing and conditionals.
/// </summary>
[TestClass]
public sealed class CgoHeaderFormTests
{
    private static string Header(string preamble, string boilerplate, string exports) => $$"""
        /* Created by "go tool cgo" - DO NOT EDIT. */

        /* package command-line-arguments */

        /* Start of preamble from import "C" comments.  */

        {{preamble}}

        /* End of preamble from import "C" comments.  */


        /* Start of boilerplate cgo prologue.  */

        #ifndef GO_CGO_PROLOGUE_H
        #define GO_CGO_PROLOGUE_H

        {{boilerplate}}

        #endif

        /* End of boilerplate cgo prologue.  */

        #ifdef __cplusplus
        extern "C" {
        #endif

        {{exports}}

        #ifdef __cplusplus
        }
        #endif
        """;

    private static string Boilerplate(int intBits) => $$"""
        typedef signed char GoInt8;
        typedef unsigned char GoUint8;
        typedef short GoInt16;
        typedef unsigned short GoUint16;
        typedef int GoInt32;
        typedef unsigned int GoUint32;
        typedef long long GoInt64;
        typedef unsigned long long GoUint64;
        typedef GoInt{{intBits}} GoInt;
        typedef GoUint{{intBits}} GoUint;
        typedef __SIZE_TYPE__ GoUintptr;
        typedef float GoFloat32;
        typedef double GoFloat64;
        typedef float _Complex GoComplex64;
        typedef double _Complex GoComplex128;

        /*
          static assertion to make sure the file is being used on architecture
          at least with matching size of GoInt.
        */
        typedef char _check_for_{{intBits}}_bit_pointer_matching_GoInt[sizeof(void*)=={{intBits}}/8 ? 1:-1];

        typedef struct { const char *p; GoInt n; } GoString;
        typedef void *GoMap;
        typedef void *GoChan;
        typedef struct { void *t; void *v; } GoInterface;
        typedef struct { void *data; GoInt len; GoInt cap; } GoSlice;
        """;

    [TestMethod]
    public void Parse_Go15To19Boilerplate_GoStringHasAGoIntLengthAndGoUintptrIsSizeType()
    {
        var header = CgoHeader.Parse(Header("", Boilerplate(64), "extern GoInt Len(GoString p0);\n\nextern char* Name();"));

        Assert.IsEmpty(header.Problems, string.Join("\n", header.Problems));
        Assert.AreEqual("GoUintptr (unsigned long, 8 bytes)", header.Typedef("GoUintptr")!.Describe());
        var goString = (CStructType)header.Typedef("GoString")!.Resolved;
        Assert.AreEqual("GoInt n", goString.Members[1].ToString());
        Assert.AreEqual(16L, goString.Size);
        CollectionAssert.AreEqual(new[] { "Len", "Name" }, header.Exports.Select(e => e.Name).ToArray());
        Assert.IsTrue(header.Exports[1].ParametersUnspecified);
        Assert.AreEqual("GoString p0", header.Exports[0].Parameters[0].ToString());
    }

    [TestMethod]
    public void Parse_HeaderFor32BitTarget_ReportsWrongArchitectureAtTheAssertion()
    {
        var header = CgoHeader.Parse(Header("", Boilerplate(32), "extern GoInt Len(GoString p0);"));

        var problem = header.Problems.Single();
        Assert.AreEqual(CgoHeaderProblemKind.WrongArchitecture, problem.Kind);
        StringAssert.Contains(problem.Message, "_check_for_32_bit_pointer_matching_GoInt");
        Assert.AreEqual(4L, header.Typedef("GoInt")!.Size, "GoInt is read as the header defines it");
    }

    [TestMethod]
    public void Parse_LP64AssertionBehindIfdef_IsEvaluatedAsOnLinuxAmd64()
    {
        string boilerplate = Boilerplate(64).Replace(
            "typedef char _check_for_64_bit_pointer_matching_GoInt[sizeof(void*)==64/8 ? 1:-1];",
            "#ifdef __LP64__\ntypedef char _check_for_64_bit_pointer_matching_GoInt[sizeof(void*)==64/8 ? 1:-1];\n#else\ntypedef char _check_for_32_bit_pointer_matching_GoInt[sizeof(void*)==32/8 ? 1:-1];\n#endif",
            StringComparison.Ordinal);

        var header = CgoHeader.Parse(Header("", boilerplate, "extern GoInt Len(GoString p0);"));

        Assert.IsEmpty(header.Problems, string.Join("\n", header.Problems));
        Assert.IsNotNull(header.Typedef("_check_for_64_bit_pointer_matching_GoInt"));
        Assert.IsNull(header.Typedef("_check_for_32_bit_pointer_matching_GoInt"));
    }

    [TestMethod]
    public void Parse_TypeFromAnIncludedHeader_IsUnknownWithTheIncludeNamed()
    {
        const string preamble = "#line 3 \"main.go\"\n#include <stdlib.h>\n#include \"mylib.h\"\ntypedef struct { handle_t h; int flags; } wrapper;";
        var header = CgoHeader.Parse(Header(preamble, Boilerplate(64), "extern void Use(handle_t p0, wrapper p1, handle_t* p2);"));

        var use = header.EntryPoint("Use")!;
        var handle = use.Parameters[0].Type;
        Assert.IsInstanceOfType<CUnknownType>(handle);
        Assert.AreEqual("'handle_t' is not defined in the header (it may come from #include \"mylib.h\" at line 9, which the header does not contain)", handle.UnknownReason);
        StringAssert.StartsWith(use.Parameters[1].Type.UnknownReason, "member 'handle_t h' of struct");
        Assert.AreEqual(8L, use.Parameters[2].Type.Size, "a pointer to an unknown type is still a pointer");
    }

    [TestMethod]
    public void Parse_PackingAndAttributes_LayOutAsGcc()
    {
        const string preamble = """
            #pragma pack(push, 1)
            typedef struct { char c; long long v; } packed1;
            #pragma pack(pop)
            typedef struct { char c; long long v; } natural;
            typedef struct __attribute__((packed)) { char c; int v; } attr;
            typedef struct { char c; } __attribute__((aligned(8))) aligned8;
            typedef union { int i; double d; char bytes[12]; } u;
            typedef struct { unsigned flag : 1; } bits;
            """;
        var header = CgoHeader.Parse(Header(preamble, Boilerplate(64), ""));

        Assert.AreEqual(9L, header.Typedef("packed1")!.Size);
        Assert.AreEqual(16L, header.Typedef("natural")!.Size);
        Assert.AreEqual(5L, header.Typedef("attr")!.Size);
        Assert.AreEqual(8L, header.Typedef("aligned8")!.Size);
        Assert.AreEqual(16L, header.Typedef("u")!.Size);
        StringAssert.Contains(header.Typedef("bits")!.UnknownReason, "bit-fields");
    }

    [TestMethod]
    public void Parse_ConditionalItCannotEvaluate_SaysSoAndReadsNoBranch()
    {
        const string preamble = "#if __has_include(<foo.h>)\ntypedef int maybe;\n#else\ntypedef long maybe;\n#endif";
        var header = CgoHeader.Parse(Header(preamble, Boilerplate(64), "extern void F(maybe p0);"));

        var problem = header.Problems.Single();
        Assert.AreEqual(CgoHeaderProblemKind.Preprocessor, problem.Kind);
        Assert.AreEqual(7, problem.Line);
        Assert.IsInstanceOfType<CUnknownType>(header.EntryPoint("F")!.Parameters[0].Type);
    }

    [TestMethod]
    public void Parse_NotACgoHeader_OneProblemAndNoExports()
    {
        var header = CgoHeader.Parse("#include <stdint.h>\nint32_t add(int32_t a, int32_t b);\n");

        Assert.IsFalse(header.IsCgoHeader);
        Assert.AreEqual(CgoHeaderProblemKind.NotACgoHeader, header.Problems.Single().Kind);
        Assert.IsEmpty(header.Exports);
    }

    [TestMethod]
    public void Parse_ExportBlockDeclarationNotUnderstood_IsAProblemAtItsLine()
    {
        var header = CgoHeader.Parse(Header("", Boilerplate(64), "extern GoInt Good(GoInt p0);\nextern GoInt Bad(GoInt p0;\n"));

        var problem = header.Problems.Single();
        Assert.AreEqual(CgoHeaderProblemKind.ExportNotUnderstood, problem.Kind);
        StringAssert.Contains(problem.Message, "not understood");
        Assert.AreEqual("Good", header.Exports.Single().Name);
    }
}
