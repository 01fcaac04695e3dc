using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;
using GoBootCheck.Analysis;
using GoBootCheck.Go;

namespace GoBootCheck.Prologue;

/// <summary>Computes the <see cref="PrologueScan"/> once per binary for GBC0004 and GBC0005.</summary>
internal sealed class PrologueScanAnalysis : IBinaryAnalysis
{
    // Undecodable entries are each reported; past this many, one summary line stands for the rest.
    private const int MaxReported = 20;

    public Type ResultType => typeof(Sdk.PrologueScan);

    public object? Compute(GoBinary binary, AnalysisOptions options, DiagnosticBag diagnostics, CancellationToken cancellation)
    {
        // Every entry of a Go function must lie in executable memory; otherwise pclntab was misread (e.g. a layout
        // change) and decoding would judge the wrong bytes.
        var misplaced = binary.Functions.FirstOrDefault(f => f.IsGoCode &&
            (binary.Image.Memory.FindSegment(f.Entry) is not { } s || (s.Access & SegmentAccess.Execute) == 0));
        if (misplaced is not null)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedGoLayout,
                $"{binary.Image.Name}: pclntab ({binary.Pclntab.Layout.Describe()}) puts {misplaced.Name} at 0x{misplaced.Entry:x}, outside the executable segments; " +
                "the table is not read correctly for this Go version, so no prologue was verified", misplaced.Entry));
            return null;
        }
        var scan = PrologueScanner.Scan(binary, options.Parallelism, cancellation, out string? abiNote);
        if (abiNote is not null)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnknownGoConfiguration,
                $"{binary.Image.Name}: the binary records no Go version and its pclntab layout ({binary.Pclntab.Layout.Describe()}) is shared by go1.16 " +
                $"(g always loaded from TLS) and go1.17 (g in R14); {abiNote}"));
        }
        var (heights, via, incomplete, recursive) = NosplitChains.Compute(binary, scan.Functions, cancellation);
        scan = new PrologueScan(scan.Functions, scan.RegisterAbi)
        {
            NosplitHeights = heights, NosplitVia = via, IncompleteBodies = incomplete, RecursiveNosplit = recursive,
        };
        foreach (int i in incomplete.Take(MaxReported))
        {
            var f = scan.Functions[i].Function;
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UndecodableCode,
                $"{binary.Image.Name}: the code of {binary.Locate(f.Entry)}, a function without a stack check, does not decode to its end; calls after that point are not in its nosplit height",
                f.Entry));
        }
        var undecodable = scan.Functions.Where(p => p.Kind is PrologueKind.Undecodable or PrologueKind.Unrecognized).ToList();
        foreach (var p in undecodable.Take(MaxReported))
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UndecodableCode, p.Kind == PrologueKind.Undecodable
                ? $"{binary.Image.Name}: the entry of {binary.Locate(p.Function.Entry)} does not decode as x86-64 ({p.Fault?.Found}); its prologue was not verified"
                : $"{binary.Image.Name}: the prologue of {binary.Locate(p.Function.Entry)} reads g's stackguard at 0x{p.Fault?.Address:x} (`{p.Fault?.Found}`) in a form the tool does not know; it was not verified",
                p.Function.Entry));
        }
        if (undecodable.Count > MaxReported)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UndecodableCode,
                $"{binary.Image.Name}: {undecodable.Count - MaxReported} more function entries do not decode or have an unknown prologue form; they were not verified"));
        }
        return scan;
    }

    /// <inheritdoc/>
    public object Publish(object result, Host.GoMetadataView go) => PrologueScanModel.Publish((PrologueScan)result, go);
}
