using GoBootCheck.Binary;
using GoBootCheck.Go;
using GoBootCheck.Prologue;
using Iced.Intel;

namespace GoBootCheck.Tests.Prologue;

/// <summary>
/// Hermetic code images for prologue tests: functions assembled with Iced's Assembler at link-time addresses, with the
/// pclntab facts the matcher needs (name, entry, end, flags, frame) and the morestack variants as real functions.
/// </summary>
internal sealed class AssembledCode
{
    public const ulong Base = 0x401000;

    private readonly Assembler _a = new(64);
    private readonly List<(string Name, Label Start, FuncFlags Flags, bool IsGo)> _functions = [];
    private readonly Dictionary<string, Label> _marks = [];
    private (Label Label, int Count) _entry; // Iced allows one label per instruction: a mark at an entry aliases it

    public AssembledCode()
    {
        Morestack = Function("runtime.morestack", (a, _) => a.int3());
        MorestackNoctxt = Function("runtime.morestack_noctxt", (a, _) => a.int3());
        Morestackc = Function("runtime.morestackc", (a, _) => a.int3());
        Abort = Function("runtime.abort", (a, _) => a.int3());
    }

    public Label Morestack { get; }
    public Label MorestackNoctxt { get; }
    public Label Morestackc { get; }
    public Label Abort { get; }

    /// <summary>Adds a function; <paramref name="body"/> gets the assembler and the function's own entry label.</summary>
    public Label Function(string name, Action<Assembler, Label> body, FuncFlags flags = FuncFlags.None, bool isGo = true)
    {
        var start = _a.CreateLabel(name);
        _a.Label(ref start);
        _entry = (start, _a.Instructions.Count);
        body(_a, start);
        _a.int3(); // Go pads between functions with INT3
        _functions.Add((name, start, flags, isGo));
        return start;
    }

    /// <summary>Names the next instruction, so a test can assert a fault's address.</summary>
    public void Mark(string name)
    {
        Declare(name);
        Bind(name);
    }

    /// <summary>A label created by <see cref="Mark"/> or <see cref="Declare"/>.</summary>
    public Label this[string name] => _marks[name];

    /// <summary>A named label to refer to before it is bound with <see cref="Bind"/>.</summary>
    public Label Declare(string name) => _marks[name] = _a.CreateLabel(name);

    /// <summary>Binds a declared label to the next instruction.</summary>
    public void Bind(string name)
    {
        if (_a.Instructions.Count == _entry.Count)
        {
            _marks[name] = _entry.Label;
            return;
        }
        var l = _marks[name];
        _a.Label(ref l);
        _marks[name] = l;
    }

    public Image Build()
    {
        var stream = new MemoryStream();
        var result = _a.Assemble(new StreamCodeWriter(stream), Base, BlockEncoderOptions.ReturnNewInstructionOffsets);
        byte[] bytes = stream.ToArray();
        ulong end = Base + (ulong)bytes.Length;
        var entries = _functions.Select(f => { var l = f.Start; return result.GetLabelRIP(l); }).ToArray();
        var functions = new List<GoFunction>();
        for (int i = 0; i < _functions.Count; i++)
        {
            var (name, _, flags, isGo) = _functions[i];
            ulong next = i + 1 < entries.Length ? entries[i + 1] : end;
            functions.Add(new GoFunction(name, entries[i], next, 0, 0, flags, 0) { PcSp = isGo ? 1u : 0u });
        }
        var marks = _marks.ToDictionary(kv => kv.Key, kv => { var l = kv.Value; return result.GetLabelRIP(l); });
        var memory = new VirtualMemory(bytes, [new Segment(Base, (ulong)bytes.Length, 0, (ulong)bytes.Length, SegmentAccess.Read | SegmentAccess.Execute)]);
        return new Image(memory, functions, marks);
    }

    internal sealed class Image(VirtualMemory memory, IReadOnlyList<GoFunction> functions, IReadOnlyDictionary<string, ulong> marks)
    {
        public VirtualMemory Memory { get; } = memory;

        public GoFunction this[string name] => functions.Single(f => f.Name == name);

        public ulong At(string mark) => marks[mark];

        public GoFunction? FunctionAt(ulong pc) => functions.FirstOrDefault(f => pc >= f.Entry && pc < f.End);

        /// <summary>Matches <paramref name="name"/> with the given pcsp frame and register-ABI expectation.</summary>
        public FunctionPrologue Match(string name, int frame, bool? registerAbi = true) =>
            new PrologueMatcher(new PrologueEnvironment(Memory, FunctionAt, registerAbi)).Match(this[name], frame);
    }
}
