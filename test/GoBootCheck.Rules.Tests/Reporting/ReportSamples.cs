using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Tests.Reporting;

/// <summary>Hand-made reports covering every status, for the sinks' tests.</summary>
internal static class ReportSamples
{
    public static readonly RuleDescriptor EntryRule = new(RuleIds.EntryReachesRt0Go, "EntryReachesRt0Go",
        "The entry point reaches runtime.rt0_go.", "Full description of GBC0001.", Severity.Error, "docs/rules/GBC0001.md");

    public static readonly RuleDescriptor PrologueRule = new(RuleIds.PrologueChecksStackguard0, "PrologueChecksStackguard0",
        "Prologues check stackguard0.", "Full description of GBC0004.");

    public static readonly RuleDescriptor CgoRule = new(RuleIds.CgoStackGuard, "CgoStackGuard",
        "cgo stack guard.", "Full description of GBC0003.");

    public static IReadOnlyList<RuleDescriptor> Rules => [EntryRule, PrologueRule, CgoRule];

    public static BinarySummary Summary => new("go1.22.12", Sdk.GoBuildMode.Exe, false, Sdk.CgoUse.No, false, 1557, "go1.20+ (0xfffffff1)", "example.com/hello");

    /// <summary>A binary where GBC0001 passes, GBC0004 fails once and GBC0003 does not apply.</summary>
    public static BinaryReport Failing(string path) => new(path, Summary, [],
    [
        RuleResult.Pass(EntryRule, "the entry reaches runtime.rt0_go with argc in DI and argv in SI"),
        RuleResult.Fail(PrologueRule,
        [
            new Finding(RuleIds.PrologueChecksStackguard0, Severity.Error,
                "main.work compares SP with g.stackguard1 instead of g.stackguard0",
                new CodeLocation("main.work", "/src/hello/main.go", 12, 0x4812a0)),
        ]),
        RuleResult.NotApplicable(CgoRule, "the binary does not link runtime/cgo"),
    ], TimeSpan.FromMilliseconds(42)) { LoadSegments = Segments };

    /// <summary>One text segment at 0x400000 from file offset 0, as the Go linker lays out a non-PIE executable.</summary>
    public static IReadOnlyList<Segment> Segments => [new Segment(0x400000, 0x100000, 0, 0x100000, SegmentAccess.Read | SegmentAccess.Execute)];

    /// <summary>A binary whose GBC0004 fails with the given findings (GBC0001 passes, GBC0003 does not apply).</summary>
    public static BinaryReport WithFindings(string path, params Finding[] findings) => Failing(path) with
    {
        Results =
        [
            RuleResult.Pass(EntryRule, "the entry reaches runtime.rt0_go with argc in DI and argv in SI"),
            RuleResult.Fail(PrologueRule, findings),
            RuleResult.NotApplicable(CgoRule, "the binary does not link runtime/cgo"),
        ],
    };

    /// <summary>A GBC0004 finding in <paramref name="function"/> with source position and address.</summary>
    public static Finding PrologueFinding(string function, string? file, int? line, ulong address) =>
        new(RuleIds.PrologueChecksStackguard0, Severity.Error, $"{function} compares SP with g.stackguard1 instead of g.stackguard0",
            new CodeLocation(function, file, line, address));

    /// <summary>A file that is not ELF: one diagnostic, no rule results.</summary>
    public static BinaryReport NotElf(string path) => new(path, null,
        [ToolDiagnostic.Broken(DiagnosticIds.NotElf, $"{path}: not an ELF file (first bytes 48656C6C)")], [], TimeSpan.FromMilliseconds(1));

    /// <summary>An arm64 binary: one unsupported-target warning.</summary>
    public static BinaryReport Arm64(string path) => new(path, null,
        [ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedTarget, $"{path}: ELF64 AArch64 is not verified")], [], TimeSpan.FromMilliseconds(1));
}
