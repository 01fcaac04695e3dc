using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>Real faults written to disk: a copy of a fixture with bytes patched, for task and consumer-build tests.</summary>
internal static class InjectedFault
{
    public const string Function = "main.makeCounter";

    /// <summary>
    /// go1.22/default with main.makeCounter's stack check comparing SP with [r14+0x18] instead of g.stackguard0
    /// ([r14+0x10]): exactly one GBC0004 finding, in main.makeCounter (main.go:66), and no other rule fails.
    /// </summary>
    public static string Gbc0004InMakeCounter(string directory, string name = "hello")
    {
        string original = Fixtures.Get("go1.22", "default").Path;
        byte[] bytes = File.ReadAllBytes(original);
        var binary = Load.Go(original, bytes.ToArray());
        var function = binary.FunctionsNamed(Function).Single();
        int offset = CodePatching.FileOffset(binary, function.Entry, 4);
        CollectionAssert.AreEqual(new byte[] { 0x49, 0x3b, 0x66, 0x10 }, bytes.AsSpan(offset, 4).ToArray(), "cmp rsp, [r14+0x10] expected at main.makeCounter's entry");
        bytes[offset + 3] = 0x18;
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
