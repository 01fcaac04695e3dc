using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Go;

namespace GoBootCheck.Tests.TestSupport;

/// <summary>Loads binaries for tests, failing with the diagnostics when they do not load.</summary>
public static class Load
{
    /// <summary>The Go model of <paramref name="path"/>.</summary>
    public static GoBinary Go(string path) => Go(path, File.ReadAllBytes(path));

    /// <summary>The Go model of <paramref name="bytes"/>, named <paramref name="name"/>.</summary>
    public static GoBinary Go(string name, byte[] bytes)
    {
        var diagnostics = new DiagnosticBag();
        Assert.IsTrue(BinaryImage.TryLoad(name, bytes, diagnostics, out var image), Describe(diagnostics));
        Assert.IsTrue(GoBinary.TryRead(image!, diagnostics, out var binary), Describe(diagnostics));
        return binary!;
    }

    /// <summary>All diagnostics, one per line.</summary>
    public static string Describe(DiagnosticBag diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Items.Select(d => $"{d.Id} {d.Severity}: {d.Message}"));
}
