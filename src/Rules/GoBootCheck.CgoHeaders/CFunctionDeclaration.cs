using GoBootCheck.CgoHeaders.Types;

namespace GoBootCheck.CgoHeaders;

/// <summary>Where in a cgo header a declaration stands.</summary>
public enum CgoHeaderSection
{
    /// <summary>cgo's built-in prologue before the preamble (<c>_GoString_</c>, Go 1.10+).</summary>
    BuiltinPrologue,

    /// <summary>The user's preamble (the comment before <c>import "C"</c>).</summary>
    Preamble,

    /// <summary>cgo's boilerplate: the Go types (GoInt, GoString, GoSlice…).</summary>
    Boilerplate,

    /// <summary>The exported functions (and their <c>X_return</c> structs).</summary>
    Exports,
}

/// <summary>A function declared (or defined) in the header.</summary>
public sealed class CFunctionDeclaration
{
    internal CFunctionDeclaration(string name, CFunctionType type, bool parametersUnspecified, bool isStatic, bool hasBody,
        int line, string text, CgoHeaderSection section)
    {
        Name = name;
        Type = type;
        ParametersUnspecified = parametersUnspecified;
        IsStatic = isStatic;
        HasBody = hasBody;
        Line = line;
        Text = text;
        Section = section;
    }

    /// <summary>The function's name: the symbol a P/Invoke binds to.</summary>
    public string Name { get; }

    /// <summary>Its type.</summary>
    public CFunctionType Type { get; }

    /// <summary>The return type.</summary>
    public CType ReturnType => Type.ReturnType;

    /// <summary>The parameters.</summary>
    public IReadOnlyList<CParameter> Parameters => Type.Parameters;

    /// <summary>
    /// Declared with an empty list, <c>f()</c>. cgo writes that for a function without parameters before Go 1.25
    /// (<c>f(void)</c> after); it is read as "no parameters".
    /// </summary>
    public bool ParametersUnspecified { get; }

    /// <summary>Has internal linkage (<c>static</c>): not a symbol of the library.</summary>
    public bool IsStatic { get; }

    /// <summary>A definition (with a body) rather than a prototype.</summary>
    public bool HasBody { get; }

    /// <summary>1-based line in the header.</summary>
    public int Line { get; }

    /// <summary>The declaration as the header writes it (one line, without a body).</summary>
    public string Text { get; }

    /// <summary>Which part of the header declares it.</summary>
    public CgoHeaderSection Section { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
