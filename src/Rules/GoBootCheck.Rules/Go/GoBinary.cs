using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Go.Inference;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Go;

/// <summary>
/// A Go linux/amd64 binary as the rules see it: the image, build info, pclntab functions and runtime constants.
/// Everything here is read from the binary alone, stripped or not.
/// </summary>
public sealed class GoBinary
{
    private readonly GoFunction[] _byEntry;

    private GoBinary(BinaryImage image, BuildInfo? buildInfo, Pclntab pclntab, RuntimeConstants? constants, bool isRace, RuntimeConstantInference? inference)
    {
        Inference = inference;
        Image = image;
        BuildInfo = buildInfo;
        Version = GoVersion.TryParse(buildInfo?.GoVersion);
        Pclntab = pclntab;
        Constants = constants;
        IsRace = isRace;
        _byEntry = [.. pclntab.Functions];
    }

    /// <summary>The ELF image.</summary>
    public BinaryImage Image { get; }

    /// <summary>Build info, or null for Go ≤ 1.12 binaries (and stripped ones without runtime.buildVersion).</summary>
    public BuildInfo? BuildInfo { get; }

    /// <summary>The Go version, or null if the binary does not record one.</summary>
    public GoVersion? Version { get; }

    /// <summary>The parsed pclntab.</summary>
    public Pclntab Pclntab { get; }

    /// <summary>All functions of pclntab, by entry address.</summary>
    public IReadOnlyList<GoFunction> Functions => _byEntry;

    /// <summary>Runtime constants for this binary, or null if the version/configuration is unknown.</summary>
    public RuntimeConstants? Constants { get; }

    /// <summary>Why no rule can judge this binary (a Go release before 1.4), or null.</summary>
    public string? UnsupportedReason { get; private init; }
    /// <summary>What the binary itself says about each runtime constant, source by source.</summary>
    internal RuntimeConstantInference? Inference { get; }

    /// <summary>True for -race builds.</summary>
    public bool IsRace { get; }

    /// <summary>True if the binary has no .symtab.</summary>
    public bool IsStripped => !Image.HasSymbolTable;

    /// <summary>-buildmode as recorded, or inferred from the ELF (suffixed " (inferred)").</summary>
    public string BuildMode => BuildInfo?.Setting("-buildmode") ?? (Image.Type, Image.Entry, Image.HasInterpreter) switch
    {
        (ImageType.Executable, _, _) => "exe (inferred)",
        // A PIE names its interpreter; a shared library does not (and often has no entry point).
        (ImageType.SharedObject, 0, _) or (ImageType.SharedObject, _, false) => "c-shared (inferred)",
        _ => "pie (inferred)",
    };

    /// <summary>
    /// "yes" if pclntab shows runtime/cgo: a runtime/cgo function, or what only runtime/cgo pulls in (_cgo_panic and
    /// _cgo_topofstack, exported by runtime/cgo/callbacks.go; crosscall2; x_cgo_init when linked internally). Else
    /// "unknown": Go 1.19 drops runtime/cgo's Go functions at link time and external linking keeps C code out of
    /// pclntab, so only the start-up emulation can tell for sure.
    /// </summary>
    public string Cgo => Functions.Any(f => f.NameIs("x_cgo_init") || f.NameIs("crosscall2") || f.NameIs("_cgo_panic") || f.NameIs("_cgo_topofstack")
                                            || f.NameStartsWith("runtime/cgo."))
        ? "yes"
        : "unknown";

    /// <summary>The function containing <paramref name="pc"/>, or null.</summary>
    public GoFunction? FunctionAt(ulong pc)
    {
        int lo = 0, hi = _byEntry.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var f = _byEntry[mid];
            if (pc < f.Entry) hi = mid - 1;
            else if (pc >= f.End) lo = mid + 1;
            else return f;
        }
        return null;
    }

    /// <summary>All functions with exactly this pclntab name (an ABI0 function and its wrapper can share one).</summary>
    /// <remarks>
    /// A linear scan (about a millisecond for 250 000 functions): rules ask for a handful of names, and an index by
    /// name would cost tens of megabytes on large binaries (the benchmark's memory budget is 1.5 × the file size).
    /// </remarks>
    public IReadOnlyList<GoFunction> FunctionsNamed(string name) => [.. _byEntry.Where(f => f.NameIs(name))];

    /// <summary>Function, source file:line and address of <paramref name="pc"/>, as far as known.</summary>
    public CodeLocation Locate(ulong pc)
    {
        var f = FunctionAt(pc);
        var src = f is null ? null : Pclntab.SourceAt(f, pc);
        return new CodeLocation(f?.Name, src?.File, src?.Line, pc);
    }

    /// <summary>Reads the Go model of <paramref name="image"/>; reports one diagnostic naming the file if it is not Go or is corrupt.</summary>
    public static bool TryRead(BinaryImage image, DiagnosticBag diagnostics, out GoBinary? binary) =>
        TryRead(image, diagnostics, out binary, useTable: true);

    /// <summary>
    /// As <see cref="TryRead(BinaryImage, DiagnosticBag, out GoBinary?)"/>; with <paramref name="useTable"/> false the
    /// runtime constants table is switched off and the constants come from the binary alone (tests of inference).
    /// </summary>
    internal static bool TryRead(BinaryImage image, DiagnosticBag diagnostics, out GoBinary? binary, bool useTable)
    {
        binary = null;
        var buildInfo = BuildInfo.TryRead(image, diagnostics);
        var version = GoVersion.TryParse(buildInfo?.GoVersion);
        var pclntab = PclntabLocator.Find(image, version, diagnostics);
        if (pclntab is null) return false;

        if (GoVersionSupport.WhyUnsupported(version, pclntab) is { } why)
        {
            // One clear warning instead of a table miss and rule verdicts that would all be wrong.
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedGoVersion,
                $"{image.Name}: not verified: {why}; see README (Go versions)"));
            binary = new GoBinary(image, buildInfo, pclntab, null, false, null) { UnsupportedReason = why };
            return true;
        }
        bool race = buildInfo?.Setting("-race") == "true" ||
                    pclntab.Functions.Any(f => f.NameIs("runtime.raceinit") && f.IsGoCode);
        var table = version is null || !useTable ? null : RuntimeConstants.ForVersion(version.Minor, race);
        // The table refined by the binary's DWARF (notes for DWARF it cannot read or that disagrees with the table) …
        var dwarf = DwarfConstants.Read(image);
        var baseline = table is null ? null : DwarfConstants.Resolve(image.Name, table, dwarf, diagnostics);
        // … and what the binary's own code and DWARF establish, which wins where it is established.
        var model = new GoBinary(image, buildInfo, pclntab, null, race, null);
        var inference = RuntimeConstantInference.Infer(image.Memory, model.Functions, pclntab, dwarf);
        string noTable = !useTable ? "the runtime constants table is switched off"
            : version is null ? $"the binary records no Go version (no build info; pclntab layout {pclntab.Layout.Describe()}), so the runtime constants table cannot be used"
            : $"{version} is newer or older than the runtime constants table (go1.4 to go1.26)";
        var constants = ConstantsResolution.Resolve(image.Name, baseline, inference, noTable, diagnostics);
        binary = new GoBinary(image, buildInfo, pclntab, constants, race, inference);
        return true;
    }
}
