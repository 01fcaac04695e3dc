using System.Globalization;
using GoBootCheck.Diagnostics;

namespace GoBootCheck.Go.Inference;

/// <summary>
/// Chooses the runtime constants the rules use. The binary's own agreeing sources come first
/// (<see cref="RuntimeConstantInference"/>); the table row of its Go version (refined by its DWARF, as
/// <see cref="DwarfConstants.Resolve"/> does) fills in only what the binary does not establish. The version thus
/// chooses an expectation only where the binary is silent, and never overrides what the binary says:
/// <list type="bullet">
/// <item>a constant inferred and equal to the table: used, provenance "binary";</item>
/// <item>inferred and different from the table: the binary's value, with GBC1023 (a note: the table is wrong);</item>
/// <item>not inferred (its sources disagree: GBC1024; or too few witnesses): the table's;</item>
/// <item>not inferred and no table row: no constants, GBC1008 naming each constant and why.</item>
/// </list>
/// </summary>
internal static class ConstantsResolution
{
    /// <summary>The constants for binary <paramref name="name"/>, or null (with GBC1008) if some needed one is unknown.</summary>
    /// <param name="name">The binary, for messages.</param>
    /// <param name="baseline">The table row refined by DWARF, or null (no row, or the table switched off).</param>
    /// <param name="inference">What the binary itself says.</param>
    /// <param name="noBaselineReason">Why there is no baseline, for GBC1008 ("go1.99 is newer than the table").</param>
    /// <param name="diagnostics">Where GBC1008, GBC1023 and GBC1024 go.</param>
    public static RuntimeConstants? Resolve(string name, RuntimeConstants? baseline, RuntimeConstantInference inference, string noBaselineReason, DiagnosticBag diagnostics)
    {
        var fromBinary = new List<string>();
        var fromTable = new List<string>();
        var contradictions = new List<string>();
        var disagreements = new List<string>();
        var unknown = new List<string>();

        int? Choose(InferredConstant c, int? tableValue)
        {
            switch (c.Status)
            {
                case InferenceStatus.Agreed:
                    fromBinary.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Value} [{c.Brief()}]"));
                    if (tableValue is { } t && t != c.Value)
                        contradictions.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: the binary says {c.Value} ({string.Join("; ", c.Evidence)}), the table {t}"));
                    return c.Value;
                case InferenceStatus.Bounded:
                {
                    var (low, high) = c.Bound!.Value;
                    if (tableValue is { } tb)
                    {
                        if (tb >= low && (high is null || tb <= high))
                        {
                            fromBinary.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name} {tb} [table, within the bound {Bound(low, high)} set by {c.Brief()}]"));
                            return tb;
                        }
                        contradictions.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: the binary bounds it to {Bound(low, high)} ({string.Join("; ", c.Evidence)}), the table says {tb}"));
                    }
                    // The largest value every prologue admits: a medium-form frame is wrong only if the binary's own
                    // huge-form prologues show frames of its size need the huge form.
                    int value = high ?? low;
                    fromBinary.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name} {value} [the bound {Bound(low, high)} set by {c.Brief()}]"));
                    return value;
                }
                default:
                    if (c.Status == InferenceStatus.Disagree) disagreements.Add(c.Describe());
                    if (tableValue is { } tv)
                    {
                        fromTable.Add(c.Name);
                        return tv;
                    }
                    unknown.Add(c.Describe());
                    return null;
            }
        }

        int? guard = Choose(inference.StackGuard, baseline?.StackGuard);
        int? small = Choose(inference.StackSmall, baseline?.StackSmall);
        int? big = Choose(inference.StackBig, baseline?.StackBig);
        int? limit = Choose(inference.StackLimit, baseline?.StackLimit);
        int? tls = Choose(inference.GTlsOffset, baseline?.GTlsOffset);

        if (contradictions.Count > 0)
        {
            diagnostics.Add(ToolDiagnostic.Info(DiagnosticIds.InferredConstantsContradictTable,
                $"{name}: the binary's own agreeing sources contradict the runtime constants table ({baseline!.Source}): {string.Join("; ", contradictions)}; using the binary's values"));
        }
        if (disagreements.Count > 0 && baseline is not null)
        {
            diagnostics.Add(ToolDiagnostic.Info(DiagnosticIds.InferenceSourcesDisagree,
                $"{name}: {string.Join("; ", disagreements)}; using the table's value ({baseline.Source})"));
        }
        if (unknown.Count > 0)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnknownGoConfiguration,
                $"{name}: {noBaselineReason}, and the binary does not establish every runtime constant itself: {string.Join("; ", unknown)}; rules that need them cannot be verified"));
            return null;
        }

        string source = "binary: " + string.Join(", ", fromBinary);
        if (fromTable.Count > 0) source += $"; {string.Join(", ", fromTable)} from {baseline!.Source}";
        return new RuntimeConstants(guard!.Value, small!.Value, big!.Value, limit!.Value, baseline?.MTls ?? inference.MTls, tls!.Value, source);
    }

    private static string Bound(int low, int? high) =>
        string.Create(CultureInfo.InvariantCulture, $"[{low}, {(high is { } h ? h.ToString(CultureInfo.InvariantCulture) : "∞")}]");
}
