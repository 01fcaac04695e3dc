using GoBootCheck.Go;
using GoBootCheck.Go.Inference;
using GoBootCheck.Tests.TestSupport;

namespace GoBootCheck.Tests.Go;

[TestClass]
public sealed class ConstantInferenceProbe
{
    [TestMethod]
    public void Probe()
    {
        var lines = new List<string>();
        foreach (var (name, path) in Fixtures.All.Select(f => (f.ToString(), f.Path)).Concat(Fixtures.Release.Select(r => (r.ToString(), r.Path))))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var go = Load.Go(path);
            var inf = RuntimeConstantInference.Infer(go.Image.Memory, go.Functions, go.Pclntab, DwarfConstants.Read(go.Image));
            var t = go.Version is { } v ? RuntimeConstants.ForVersion(v.Minor, go.IsRace) : null;
            lines.Add($"== {name} ({sw.ElapsedMilliseconds} ms) table={t}\n{inf.Describe()}");
        }
        File.WriteAllText("/tmp/infer-probe.txt", string.Join("\n", lines));
    }
}
