using GoBootCheck.Binary;
using GoBootCheck.Go;

namespace GoBootCheck.Emulation;

/// <summary>
/// Names run-time addresses for the trace: pclntab for Go code (present even in stripped binaries), ELF function
/// symbols for C code, model names for model entry points; "C code at 0x… (no symbol)" otherwise.
/// </summary>
internal sealed class FunctionNamer
{
    private readonly GoBinary _binary;
    private readonly EmulatedProcess _process;
    private readonly Symbol[] _functions; // sorted by address, with a size
    private readonly Section[] _plt;       // .plt, .plt.sec, .plt.got: import trampolines

    public FunctionNamer(GoBinary binary, EmulatedProcess process)
    {
        _binary = binary;
        _process = process;
        _functions = [.. binary.Image.Symbols.Where(s => s.IsDefined && s.Kind == SymbolKind.Function && s.Value != 0)
            .GroupBy(s => s.Value).Select(g => g.First()).OrderBy(s => s.Value)];
        _plt = [.. binary.Image.Sections.Where(s => s.IsExecutable && s.Name.StartsWith(".plt", StringComparison.Ordinal))];
    }

    /// <summary>The Go function at a run-time address, or null.</summary>
    public GoFunction? GoFunctionAt(ulong address) => _binary.FunctionAt(address - _process.LoadBias);

    /// <summary>The best name for the code at <paramref name="address"/>, and the range it covers (run-time addresses).</summary>
    public (string Name, ulong Start, ulong End) Name(ulong address)
    {
        if (_process.ModelAt(address) is { } model) return ($"{model} (model)", address, address + 1);
        ulong link = address - _process.LoadBias;
        if (_binary.FunctionAt(link) is { } f) return (f.Name, f.Entry + _process.LoadBias, f.End + _process.LoadBias);
        int lo = 0, hi = _functions.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_functions[mid].Value <= link) lo = mid + 1;
            else hi = mid - 1;
        }
        if (hi >= 0 && link < _functions[hi].Value + Math.Max(_functions[hi].Size, 1))
            return (_functions[hi].Name, _functions[hi].Value + _process.LoadBias, _functions[hi].Value + Math.Max(_functions[hi].Size, 1) + _process.LoadBias);
        if (_plt.FirstOrDefault(p => link >= p.Address && link < p.Address + p.Size) is { } plt)
            return ($"{plt.Name} stub", plt.Address + _process.LoadBias, plt.Address + plt.Size + _process.LoadBias);
        return ("C code (no symbol)", address, address + 1);
    }
}
