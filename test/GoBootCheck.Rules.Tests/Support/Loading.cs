using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Go;

namespace GoBootCheck.Tests.Support;

/// <summary>Reads fixture bytes into the Go model, failing the test on any diagnostic of the reader.</summary>
internal static class Loading
{
    public static GoBinary Go(byte[] bytes, string name = "fixture")
    {
        var diagnostics = new DiagnosticBag();
        Assert.IsTrue(BinaryImage.TryLoad(name, bytes, diagnostics, out var image), string.Join("; ", diagnostics.Items));
        Assert.IsTrue(GoBinary.TryRead(image!, diagnostics, out var binary), string.Join("; ", diagnostics.Items));
        return binary!;
    }
}
