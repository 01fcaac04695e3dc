using GoBootCheck.CgoHeaders;
using GoBootCheck.CgoHeaders.Types;
using GoBootCheck.Interop.Tests.Support;

namespace GoBootCheck.Interop.Tests.Parsing;

/// <summary>
/// The parser over real headers cgo wrote for test/fixtures/go/libcgotypes (Go 1.19 committed, Go 1.19–1.25 from the
/// fixture cache): every export with the types the header's own boilerplate and preamble define.
/// </summary>
[TestClass]
public sealed class CgoHeaderRealHeaderTests
{
    private static readonly string[] ExportNames =
    [
        "Hello", "AddInt", "AddUint", "Widths", "Floats", "Negate", "Runes", "Address", "Complexes", "StringLength",
        "Greeting", "CStringLength", "SumSlice", "DivMod", "ParseDigit", "IsNil", "Fail", "MapLength", "ChannelCapacity",
        "ScalePoint", "MovePoint", "PairSum", "NextColor", "Apply", "Identity", "Sizes",
    ];

    private static CgoHeader Parse(string path) => CgoHeader.Parse(File.ReadAllText(path));

    private static string Leaves(CType type)
    {
        var leaves = new List<CLeaf>();
        Assert.IsTrue(CStructType.Flatten(type, 0, "", leaves), $"{type.Spelling} has no known layout: {type.UnknownReason}");
        return string.Join("; ", leaves.Select(l => l.ToString()));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.All), typeof(TestHeaders))]
    public void Parse_RealHeader_FindsEveryExportInOrderAndNoProblem(string release, string path)
    {
        var header = Parse(path);

        Assert.IsTrue(header.IsCgoHeader, release);
        Assert.IsEmpty(header.Problems, string.Join(Environment.NewLine, header.Problems));
        CollectionAssert.AreEqual(ExportNames, header.Exports.Select(e => e.Name).ToArray(), release);
        Assert.AreEqual("gobootcheck.test/fixtures/libcgotypes", header.PackagePath);
        // The preamble's static inline helper is a function of the header but not an entry point of the library.
        var apply = header.Functions.Single(f => f.Name == "apply");
        Assert.AreEqual(CgoHeaderSection.Preamble, apply.Section);
        Assert.IsTrue(apply.IsStatic && apply.HasBody);
        Assert.IsNull(header.EntryPoint("apply"));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.All), typeof(TestHeaders))]
    public void Parse_RealHeader_GoTypesComeFromTheBoilerplate(string release, string path)
    {
        var header = Parse(path);
        CType Go(string name) => header.Typedef(name) ?? throw new AssertFailedException($"{release}: {name} not defined");

        Assert.AreEqual("GoInt (long long, 8 bytes)", Go("GoInt").Describe());
        Assert.AreEqual("GoUint (unsigned long long, 8 bytes)", Go("GoUint").Describe());
        Assert.AreEqual("GoInt8 (signed char, 1 byte)", Go("GoInt8").Describe());
        Assert.AreEqual("GoUint16 (unsigned short, 2 bytes)", Go("GoUint16").Describe());
        Assert.AreEqual("GoInt32 (int, 4 bytes)", Go("GoInt32").Describe());
        Assert.AreEqual("GoUintptr (unsigned long, 8 bytes)", Go("GoUintptr").Describe());
        Assert.AreEqual("GoFloat32 (float, 4 bytes)", Go("GoFloat32").Describe());
        Assert.AreEqual("GoFloat64 (double, 8 bytes)", Go("GoFloat64").Describe());
        Assert.AreEqual("GoComplex64 (float _Complex, 8 bytes)", Go("GoComplex64").Describe());
        Assert.AreEqual(4L, Go("GoComplex64").Alignment);
        Assert.AreEqual("GoComplex128 (double _Complex, 16 bytes)", Go("GoComplex128").Describe());
        Assert.IsInstanceOfType<CPointerType>(Go("GoMap").Resolved);
        Assert.IsInstanceOfType<CPointerType>(Go("GoChan").Resolved);
        Assert.AreEqual(16L, Go("GoString").Size);
        Assert.AreEqual("[0] p (8-byte integer); [8] n (8-byte integer)", Leaves(Go("GoString")));
        Assert.AreEqual("const char*", ((CStructType)Go("GoString").Resolved).Members[0].Type.Spelling);
        Assert.AreEqual("[0] data (8-byte integer); [8] len (8-byte integer); [16] cap (8-byte integer)", Leaves(Go("GoSlice")));
        Assert.AreEqual("[0] t (8-byte integer); [8] v (8-byte integer)", Leaves(Go("GoInterface")));
    }

    [TestMethod]
    [DynamicData(nameof(TestHeaders.All), typeof(TestHeaders))]
    public void Parse_RealHeader_ExportSignaturesResolveToTheirLayouts(string release, string path)
    {
        var header = Parse(path);
        CFunctionDeclaration Export(string name) => header.EntryPoint(name) ?? throw new AssertFailedException($"{release}: no {name}");

        // cgo before go1.11 names exported functions' parameters p0, p1, … instead of keeping Go's names.
        bool positional = release.StartsWith("go1.10 ", StringComparison.Ordinal);
        string Names(string goNames) => positional
            ? string.Join(", ", goNames.Split(", ").Select((p, i) => p[..(p.LastIndexOf(' ') + 1)] + "p" + i))
            : goNames;
        var addInt = Export("AddInt");
        Assert.AreEqual($"extern GoInt AddInt({Names("GoInt a, GoInt b")});", addInt.Text);
        Assert.AreEqual(Names("GoInt a, GoInt b"), string.Join(", ", addInt.Parameters));
        Assert.AreEqual(8L, addInt.ReturnType.Size);
        Assert.IsEmpty(Export("Hello").Parameters);
        Assert.AreEqual("void", Export("Hello").ReturnType.Spelling);
        Assert.AreEqual(Names("GoInt8 a, GoUint8 b, GoInt16 c, GoUint16 d, GoInt32 e, GoUint32 f, GoInt64 g, GoUint64 h"),
            string.Join(", ", Export("Widths").Parameters));
        Assert.AreEqual("char*", Export("Greeting").ReturnType.Spelling);

        var divMod = Export("DivMod").ReturnType;
        Assert.AreEqual("struct DivMod_return", divMod.Spelling);
        Assert.AreEqual("[0] r0 (8-byte integer); [8] r1 (8-byte integer)", Leaves(divMod));
        var parseDigit = Export("ParseDigit").ReturnType;
        Assert.AreEqual(16L, parseDigit.Size);
        Assert.AreEqual("[0] r0 (8-byte integer); [8] r1 (1-byte integer)", Leaves(parseDigit));

        Assert.AreEqual("[0] x (4-byte integer); [4] y (4-byte integer); [8] weight (8-byte float)", Leaves(Export("ScalePoint").ReturnType));
        var movePoint = (CPointerType)Export("MovePoint").Parameters[0].Type;
        Assert.AreEqual("point", movePoint.Pointee.Spelling);
        var pair = Export("PairSum").Parameters[0].Type;
        Assert.AreEqual("struct pair", pair.Spelling);
        Assert.AreEqual(16L, pair.Size);
        Assert.AreEqual("[0] a (8-byte integer); [8] b (1-byte integer)", Leaves(pair));
        Assert.AreEqual(4L, Export("NextColor").ReturnType.Size);
        var op = Export("Apply").Parameters[0].Type.Resolved;
        Assert.IsInstanceOfType<CFunctionType>(((CPointerType)op).Pointee);
        Assert.AreEqual("void*", Export("Identity").ReturnType.Spelling);
        Assert.AreEqual(Names("unsigned long n, long d, unsigned long u, char c, unsigned char uc, short s, long long ll"),
            string.Join(", ", Export("Sizes").Parameters.Select(p => $"{p.Type.Resolved.Spelling} {p.Name}")));
    }
}
