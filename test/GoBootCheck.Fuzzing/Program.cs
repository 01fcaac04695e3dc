using System.Globalization;
using GoBootCheck.Fuzzing;

// The long fuzz run (test/fuzz/run-fuzz.sh): cases [start, start+cases) of run SEED over the default seeds.
//   run [--cases N] [--start I] [--seed S] [--budget INSTRUCTIONS] [--limit SECONDS] [--out DIR] [--seconds S] [--every N]
//   case --seed S --index I [--dump FILE]     reruns one case, prints its input and result (and writes the input to FILE)
// Every crash is minimized against its seed and written to DIR as a patch line (Minimizer.Describe), the form the
// regression tests take. Exit status: 0 no crash, 1 crashes or hangs, 2 bad arguments.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 1; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
string command = args.Length > 0 ? args[0] : "";
if (command is not ("run" or "case"))
{
    Console.Error.WriteLine("usage: GoBootCheck.Fuzzing run [--cases N] [--start I] [--seed S] [--budget INSTRUCTIONS] [--limit SECONDS] [--out DIR] | case --seed S --index I");
    return 2;
}
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

var seeds = Seeds.Load(Seeds.Default);
var fuzz = new FuzzOptions(Int("--seed", 1), Int("--budget", 1_000_000), TimeSpan.FromSeconds(Int("--limit", 20)));
var harness = new FuzzHarness(seeds, fuzz);
if (command == "case")
{
    var one = harness.RunCase(Int("--index", 0));
    if (options.TryGetValue("--dump", out var dump)) File.WriteAllBytes(dump, harness.MakeInput(one.Index, out _));
    if (one.IsCrash && !one.IsHang) Console.WriteLine($"minimized: {MinimizedPatch(harness, one)}");
    Console.WriteLine($"case {one.Index}: {one.Input} ({one.Length} bytes) → {one.Outcome} in {one.Elapsed.TotalMilliseconds:F0} ms, {one.Allocated / 1e6:F1} MB; {one.Problem ?? "no problem"}");
    return one.IsCrash ? 1 : 0;
}

int cases = Int("--cases", 100_000), start = Int("--start", 0);
string outDir = options.GetValueOrDefault("--out", Path.Combine(Path.GetTempPath(), "gobootcheck-fuzz"));
Directory.CreateDirectory(outDir);
Console.WriteLine($"fuzz: seed {fuzz.RunSeed}, cases {start}..{start + cases - 1}, instruction budget {fuzz.InstructionBudget}, case limit {fuzz.Limit.TotalSeconds} s, " +
                  $"seeds {string.Join(' ', seeds.Select(s => s.Name))}");
// --seconds N ends the run gracefully after N seconds, as does SIGTERM or SIGINT: the summary covers the cases run.
using var stop = new CancellationTokenSource();
if (options.TryGetValue("--seconds", out var seconds)) stop.CancelAfter(TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture)));
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
var summary = FuzzRun.Execute(harness, start, cases, Console.WriteLine, Int("--every", 1000), stop.Token);
foreach (var crash in summary.Crashes.Where(c => !c.IsHang))
{
    string patch = MinimizedPatch(harness, crash);
    string file = Path.Combine(outDir, $"crash-{fuzz.RunSeed}-{crash.Index}.txt");
    File.WriteAllText(file, $"{crash.Problem}\n{crash.Input}\n{patch}\n");
    Console.WriteLine($"minimized case {crash.Index} → {file}: {patch}");
}
Console.WriteLine($"peak RSS {PeakRss() / 1e6:F0} MB");
Console.WriteLine($"mutation kinds: {string.Join(", ", summary.Kinds.Select(k => $"{k.Key} {k.Value}"))}");
Console.WriteLine($"RESULT {summary}");
return summary.Crashes.Count == 0 ? 0 : 1;

static string MinimizedPatch(FuzzHarness harness, CaseResult crash)
{
    var input = harness.MakeInput(crash.Index, out _, out var origin);
    string signature = FuzzSummary.Signature(crash.Problem!);
    return origin is null
        ? $"random-elf base64={Convert.ToBase64String(input)}"
        : Minimizer.Describe(Minimizer.Minimize(input, origin, candidate =>
            harness.Check(crash.Index, "minimizing", candidate).Problem is { } p && FuzzSummary.Signature(p) == signature), origin);
}

static long PeakRss() =>
    File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) is { } line
        ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024
        : 0;
