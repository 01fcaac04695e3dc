using GoBootCheck.CgoHeaders.Text;

namespace GoBootCheck.CgoHeaders.Preprocessing;

/// <summary>
/// The part of a C preprocessor a cgo header needs: conditionals (<c>#if</c>, <c>#ifdef</c>, <c>#elif</c>…) evaluated
/// as gcc on linux/amd64 would, object-like macros, <c>#pragma pack</c>. <c>#include</c>d files are not read (they are
/// not part of the header): their names are recorded so that a type they would declare can be reported as unknown.
/// </summary>
internal sealed class Preprocessor : IConstantContext
{
    private readonly string _original;
    private readonly string _text;
    private readonly SourceLines _lines;
    private readonly Dictionary<string, Macro> _macros = new(StringComparer.Ordinal);
    private readonly Stack<Conditional> _conditionals = new();
    private readonly Stack<int> _packs = new();
    private readonly List<CToken> _output = [];
    private readonly List<CgoHeaderProblem> _problems;
    private int _pack;

    private Preprocessor(string text, List<CgoHeaderProblem> problems)
    {
        _original = text;
        _text = CommentStripper.Strip(text);
        _lines = new SourceLines(text);
        _problems = problems;
        foreach (var (name, body) in Macro.Predefined)
            _macros[name] = new Macro(name, false, CLexer.Tokenize(body, 0, body.Length, new SourceLines(body)));
    }

    /// <summary>Files named by <c>#include</c> in active regions, with the line of the directive.</summary>
    public List<(string Name, int Line)> Includes { get; } = [];

    /// <summary>Runs the preprocessor over <paramref name="text"/>: the active tokens with object-like macros expanded.</summary>
    public static List<CToken> Run(string text, List<CgoHeaderProblem> problems, out Preprocessor preprocessor)
    {
        preprocessor = new Preprocessor(text, problems);
        preprocessor.RunLines();
        return preprocessor._output;
    }

    /// <summary>The macro called <paramref name="name"/>, if defined at the end of the header.</summary>
    public Macro? MacroNamed(string name) => _macros.TryGetValue(name, out var m) ? m : null;

    private bool Active => _conditionals.Count == 0 || _conditionals.Peek().Active;

    private void RunLines()
    {
        int line = 1;
        while (line <= _lines.Count)
        {
            int start = _lines.StartOf(line);
            int firstLine = line;
            // Join continuation lines (a backslash right before the newline).
            int end;
            while (true)
            {
                end = line < _lines.Count ? _lines.StartOf(line + 1) - 1 : _text.Length;
                int last = end - 1;
                while (last >= start && _text[last] == '\r') last--;
                line++;
                if (last >= start && _text[last] == '\\' && line <= _lines.Count) continue;
                break;
            }
            var tokens = CLexer.Tokenize(_text, start, end, _lines);
            if (tokens.Count > 0 && tokens[0].Is("#"))
            {
                Directive(tokens, firstLine);
            }
            else if (Active)
            {
                foreach (var token in tokens) token.Pack = _pack;
                Expand(tokens, 0, tokens.Count, _output, new HashSet<string>(StringComparer.Ordinal), 0);
            }
        }
        if (_conditionals.Count > 0)
            _problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.Preprocessor, _conditionals.Peek().Line,
                "#if without a matching #endif"));
    }

    private void Directive(List<CToken> tokens, int line)
    {
        string name = tokens.Count > 1 ? tokens[1].Text : "";
        switch (name)
        {
            case "if":
                Push(line, Active ? Condition(tokens, 2, line) : false);
                return;
            case "ifdef":
            case "ifndef":
                {
                    bool defined = tokens.Count > 2 && _macros.ContainsKey(tokens[2].Text);
                    Push(line, name == "ifdef" ? defined : !defined);
                    return;
                }
            case "elif":
            case "else":
                {
                    if (_conditionals.Count == 0)
                    {
                        _problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.Preprocessor, line, $"#{name} without #if"));
                        return;
                    }
                    var c = _conditionals.Pop();
                    bool? take = c.Unknown || c.Taken ? false
                        : name == "else" ? true
                        : c.ParentActive ? Condition(tokens, 2, line) : false;
                    _conditionals.Push(new Conditional(c.Line, c.ParentActive, take == true, c.Taken || take == true, c.Unknown || take is null));
                    return;
                }
            case "endif":
                if (_conditionals.Count == 0)
                    _problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.Preprocessor, line, "#endif without #if"));
                else
                    _conditionals.Pop();
                return;
        }
        if (!Active) return;
        switch (name)
        {
            case "define":
                Define(tokens);
                break;
            case "undef":
                if (tokens.Count > 2) _macros.Remove(tokens[2].Text);
                break;
            case "include":
            case "include_next":
                {
                    int open = tokens.Count > 2 ? tokens[2].Start : -1;
                    int close = tokens.Count > 2 ? tokens[tokens.Count - 1].Start + tokens[tokens.Count - 1].Text.Length : -1;
                    Includes.Add((open >= 0 ? _original.Substring(open, close - open) : "", line));
                    break;
                }
            case "pragma":
                if (tokens.Count > 2 && tokens[2].Text == "pack") Pragma(tokens, line);
                break;
            case "error":
                _problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.Preprocessor, line,
                    "#error in an active region: " + LineText(line)));
                break;
            case "":
            case "line":
            case "warning":
            case "ident":
            case "sccs":
            case "assert":
            case "unassert":
                break;
            default:
                // A line number directive written as "# 12 "file"".
                if (tokens.Count > 1 && tokens[1].Kind == CTokenKind.Number) break;
                _problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.Preprocessor, line, $"unknown directive #{name}"));
                break;
        }
    }

    private string LineText(int line)
    {
        int start = _lines.StartOf(line);
        int end = line < _lines.Count ? _lines.StartOf(line + 1) : _original.Length;
        return _original.Substring(start, end - start).Trim();
    }

    private void Push(int line, bool? condition)
    {
        bool parent = Active;
        _conditionals.Push(new Conditional(line, parent, condition == true, condition == true, condition is null));
    }

    private bool? Condition(List<CToken> tokens, int from, int line)
    {
        // defined X / defined(X) first (their operand is not expanded), then the macros, then identifiers are 0.
        var replaced = new List<CToken>();
        for (int i = from; i < tokens.Count; i++)
        {
            if (tokens[i].Is("defined"))
            {
                bool parenthesized = i + 1 < tokens.Count && tokens[i + 1].Is("(");
                int operand = parenthesized ? i + 2 : i + 1;
                if (operand >= tokens.Count) return Undecidable(line);
                string isDefined = _macros.ContainsKey(tokens[operand].Text) ? "1" : "0";
                replaced.Add(new CToken(CTokenKind.Number, isDefined, tokens[i].Start, tokens[i].Line));
                i = parenthesized ? operand + 1 : operand;
                continue;
            }
            replaced.Add(tokens[i]);
        }
        var expanded = new List<CToken>();
        Expand(replaced, 0, replaced.Count, expanded, new HashSet<string>(StringComparer.Ordinal), 0);
        long? value = ConstantExpression.EvaluateAll(expanded, this);
        return value is null ? Undecidable(line) : value != 0;
    }

    private bool? Undecidable(int line)
    {
        _problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.Preprocessor, line,
            "conditional not understood (" + LineText(line) + "): none of its branches is read"));
        return null;
    }

    long? IConstantContext.Identifier(string name) => _macros.TryGetValue(name, out var m) && m.IsFunctionLike ? null : 0;

    long? IConstantContext.TypeNameSize(IReadOnlyList<CToken> tokens, ref int position, out bool isTypeName)
    {
        isTypeName = false;
        return null;
    }

    private void Define(List<CToken> tokens)
    {
        if (tokens.Count < 3 || tokens[2].Kind != CTokenKind.Identifier) return;
        var nameToken = tokens[2];
        // Function-like only when "(" follows the name without a space.
        bool functionLike = tokens.Count > 3 && tokens[3].Is("(") && tokens[3].Start == nameToken.Start + nameToken.Text.Length;
        int body = 3;
        if (functionLike)
        {
            while (body < tokens.Count && !tokens[body].Is(")")) body++;
            body++;
        }
        _macros[nameToken.Text] = new Macro(nameToken.Text, functionLike, tokens.GetRange(Math.Min(body, tokens.Count), Math.Max(0, tokens.Count - body)));
    }

    private void Pragma(List<CToken> tokens, int line)
    {
        // pack(n) | pack() | pack(push[, n]) | pack(pop)
        var args = tokens.Skip(3).Where(t => !t.Is("(") && !t.Is(")") && !t.Is(",")).ToList();
        if (args.Count == 0)
        {
            _pack = 0;
        }
        else if (args[0].Text == "push")
        {
            _packs.Push(_pack);
            if (args.Count > 1) _pack = (int)(ConstantExpression.ParseInteger(args[1].Text) ?? 0);
        }
        else if (args[0].Text == "pop")
        {
            _pack = _packs.Count > 0 ? _packs.Pop() : 0;
        }
        else if (ConstantExpression.ParseInteger(args[0].Text) is { } n)
        {
            _pack = (int)n;
        }
        else
        {
            _problems.Add(new CgoHeaderProblem(CgoHeaderProblemKind.Preprocessor, line, "#pragma pack not understood: " + LineText(line)));
        }
    }

    private void Expand(List<CToken> tokens, int from, int to, List<CToken> output, HashSet<string> expanding, int depth)
    {
        for (int i = from; i < to; i++)
        {
            var token = tokens[i];
            if (token.Kind == CTokenKind.Identifier && depth < 32 && !expanding.Contains(token.Text) &&
                _macros.TryGetValue(token.Text, out var macro) && !macro.IsFunctionLike)
            {
                var body = macro.Body.Select(t => t.At(token)).ToList();
                expanding.Add(token.Text);
                Expand(body, 0, body.Count, output, expanding, depth + 1);
                expanding.Remove(token.Text);
                continue;
            }
            output.Add(token);
        }
    }

    private readonly struct Conditional
    {
        public Conditional(int line, bool parentActive, bool taking, bool taken, bool unknown)
        {
            Line = line;
            ParentActive = parentActive;
            Taking = taking;
            Taken = taken;
            Unknown = unknown;
        }

        public int Line { get; }

        public bool ParentActive { get; }

        private bool Taking { get; }

        public bool Taken { get; }

        public bool Unknown { get; }

        public bool Active => ParentActive && Taking && !Unknown;
    }
}
