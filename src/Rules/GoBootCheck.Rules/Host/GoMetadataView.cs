using GoBootCheck.Binary;
using GoBootCheck.Go;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Host;

/// <summary>
/// The public view of a <see cref="GoBinary"/>. Function views are made on first use and kept (a large binary has
/// 250 000 functions, of which a rule usually touches a few).
/// </summary>
internal sealed class GoMetadataView : Sdk.GoMetadata
{
    private readonly GoBinary _binary;
    private readonly GoFunctionView?[] _views;
    private readonly FunctionList _functions;
    private Sdk.GoBuildInfo? _buildInfo;
    private Sdk.GoVersion? _version;

    public GoMetadataView(GoBinary binary)
    {
        _binary = binary;
        _views = new GoFunctionView?[binary.Functions.Count];
        _functions = new FunctionList(this);
        Constants = binary.Constants is { } c ? Publish(c) : null;
    }

    /// <summary>The engine's model behind the view.</summary>
    public GoBinary Binary => _binary;

    public override Sdk.GoVersion? Version => _version ??= _binary.Version is { } v ? new Sdk.GoVersion(v.Major, v.Minor, v.Patch, v.Text) : null;

    public override Sdk.GoBuildInfo? BuildInfo => _buildInfo ??= _binary.BuildInfo is { } b ? Publish(b) : null;

    public override Sdk.GoBuildMode BuildMode => _binary.BuildMode;

    public override bool BuildModeInferred => _binary.BuildModeInferred;

    public override Sdk.CgoUse Cgo => _binary.Cgo;

    public override bool IsRace => _binary.IsRace;

    public override string PclntabLayout => _binary.Pclntab.Layout.Describe();

    public override IReadOnlyList<Sdk.GoFunction> Functions => _functions;

    public override Sdk.RuntimeConstants? Constants { get; }

    public override Sdk.GoFunction? FunctionAt(ulong address) => _binary.FunctionAt(address) is { } f ? ViewOf(f) : null;

    public override IReadOnlyList<Sdk.GoFunction> FunctionsNamed(string name) => [.. _binary.FunctionsNamed(name).Select(f => ViewOf(f))];

    public override Sdk.CodeLocation? SourceAt(ulong address) =>
        _binary.FunctionAt(address) is { } f && _binary.Pclntab.SourceAt(f, address) is { } s ? new Sdk.CodeLocation(s.File, s.Line) : null;

    public override int? FrameAt(ulong address) =>
        _binary.FunctionAt(address) is { IsGoCode: true } f ? _binary.Pclntab.ValueAt(f, f.PcSp, address) : null;

    /// <summary>The view of the function at <paramref name="index"/> of pclntab.</summary>
    public GoFunctionView ViewAt(int index) => _views[index] ??= new GoFunctionView(_binary, _binary.Functions[index]);

    /// <summary>
    /// The view of an engine function expected at pclntab index <paramref name="hint"/> (a list in pclntab order, as
    /// the prologue scan's): no search when it is there.
    /// </summary>
    public GoFunctionView ViewOf(GoFunction function, int hint) =>
        (uint)hint < (uint)_binary.Functions.Count && ReferenceEquals(_binary.Functions[hint], function) ? ViewAt(hint) : ViewOf(function);

    /// <summary>The view of an engine function.</summary>
    public GoFunctionView ViewOf(GoFunction function)
    {
        int index = IndexOf(function.Entry);
        return index >= 0 ? ViewAt(index) : new GoFunctionView(_binary, function);
    }

    private int IndexOf(ulong entry)
    {
        var functions = _binary.Functions;
        int lo = 0, hi = functions.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            ulong e = functions[mid].Entry;
            if (e == entry) return mid;
            if (e < entry) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    private static Sdk.RuntimeConstants Publish(RuntimeConstants c) => new()
    {
        StackGuard = c.StackGuard, StackSmall = c.StackSmall, StackBig = c.StackBig, StackLimit = c.StackLimit,
        MTlsOffset = c.MTls, GTlsOffset = c.GTlsOffset, GTlsOffsetKnown = c.GTlsOffsetKnown, Source = c.Source,
        Provenance = c.Source.StartsWith("binary", StringComparison.Ordinal) ? Sdk.ConstantsProvenance.Binary
            : c.Source.StartsWith("table", StringComparison.Ordinal) ? Sdk.ConstantsProvenance.Table
            : c.Source.Contains("table", StringComparison.Ordinal) ? Sdk.ConstantsProvenance.DwarfAndTable
            : Sdk.ConstantsProvenance.Dwarf,
    };

    private static Sdk.GoBuildInfo Publish(BuildInfo b)
    {
        var modules = new List<Sdk.GoModule>();
        Sdk.GoModule? main = null;
        foreach (string line in b.ModInfoLines)
        {
            var parts = line.Split('\t');
            if (parts.Length < 2) continue;
            var module = new Sdk.GoModule(parts[1], parts.Length > 2 ? parts[2] : "", parts.Length > 3 ? parts[3] : null);
            if (parts[0] == "mod") main = module;
            else if (parts[0] == "dep") modules.Add(module);
            else if (parts[0] == "=>" && modules.Count > 0) modules[^1] = module; // the replacement of the dep above
        }
        return new Sdk.GoBuildInfo
        {
            GoVersion = b.GoVersion, Path = b.Path, MainModule = main, Dependencies = modules, Settings = b.Settings, Source = b.Source,
        };
    }

    private sealed class FunctionList(GoMetadataView owner) : IReadOnlyList<Sdk.GoFunction>
    {
        public Sdk.GoFunction this[int index] => owner.ViewAt(index);

        public int Count => owner._views.Length;

        public IEnumerator<Sdk.GoFunction> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return owner.ViewAt(i);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>The public view of one pclntab function; frame and source position are read on first use.</summary>
internal sealed class GoFunctionView(GoBinary binary, GoFunction function) : Sdk.GoFunction
{
    private int? _frame;
    private Sdk.CodeLocation? _source;
    private bool _sourceRead;

    /// <summary>The engine's function behind the view.</summary>
    public GoFunction Function => function;

    public override string Name => function.Name;

    public override ulong Entry => function.Entry;

    public override ulong End => function.End;

    public override bool IsGoCode => function.IsGoCode;

    public override Sdk.GoFunctionFlags Flags => (Sdk.GoFunctionFlags)(int)function.Flags;

    public override int ArgumentSize => function.Args;

    public override int FrameSize => _frame ??= function.IsGoCode ? binary.Pclntab.MaxFrame(function) : 0;

    public override Sdk.CodeLocation? Source
    {
        get
        {
            if (!_sourceRead)
            {
                _source = binary.Pclntab.SourceAt(function, function.Entry) is { } s ? new Sdk.CodeLocation(s.File, s.Line) : null;
                _sourceRead = true;
            }
            return _source;
        }
    }

    public override bool NameStartsWith(string prefix) => function.NameStartsWith(prefix);
}
