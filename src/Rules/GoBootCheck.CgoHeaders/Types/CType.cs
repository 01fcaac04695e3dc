namespace GoBootCheck.CgoHeaders.Types;

/// <summary>
/// A C type as the header declares it, laid out for linux/amd64 (LP64, System V ABI): the sizes and alignments gcc
/// gives it there. A type the header does not define (declared in an #include'd file, or in text the parser did not
/// understand) is a <see cref="CUnknownType"/>: it has no size, and nothing is inferred about it.
/// </summary>
public abstract class CType
{
    /// <summary>Size in bytes; null when not known.</summary>
    public abstract long? Size { get; }

    /// <summary>Alignment in bytes; null when not known.</summary>
    public abstract long? Alignment { get; }

    /// <summary>The type with every typedef resolved.</summary>
    public virtual CType Resolved => this;

    /// <summary>How C spells the type (with typedef names as written).</summary>
    public abstract string Spelling { get; }

    /// <summary>Why the type is not known, if anything in it is not (null when fully known).</summary>
    public virtual string? UnknownReason => null;

    /// <summary>A spelling with what it resolves to, for messages: "GoInt (long long, 8 bytes)".</summary>
    public string Describe()
    {
        var resolved = Resolved;
        string size = Size is { } s ? $"{s} byte{(s == 1 ? "" : "s")}" : "size unknown";
        return resolved.Spelling == Spelling ? $"{Spelling} ({size})" : $"{Spelling} ({resolved.Spelling}, {size})";
    }

    /// <inheritdoc/>
    public override string ToString() => Spelling;

    /// <summary><paramref name="offset"/> rounded up to a multiple of <paramref name="alignment"/>.</summary>
    public static long AlignUp(long offset, long alignment) => alignment <= 1 ? offset : (offset + alignment - 1) / alignment * alignment;
}

/// <summary>How a scalar is passed: the System V class of its eightbyte (integer registers or SSE registers).</summary>
public enum CScalarKind
{
    /// <summary><c>void</c>: no value.</summary>
    Void,

    /// <summary><c>_Bool</c>.</summary>
    Bool,

    /// <summary>A signed integer (<c>char</c> is signed on x86).</summary>
    SignedInteger,

    /// <summary>An unsigned integer.</summary>
    UnsignedInteger,

    /// <summary>A floating-point type (SSE class).</summary>
    Float,

    /// <summary>A <c>_Complex</c> floating-point type: two floats side by side.</summary>
    Complex,
}

/// <summary>A builtin arithmetic type or void.</summary>
public sealed class CPrimitiveType : CType
{
    internal CPrimitiveType(string spelling, CScalarKind kind, long size, long alignment)
    {
        Spelling = spelling;
        Kind = kind;
        Size = size;
        Alignment = alignment;
    }

    /// <summary>The kind.</summary>
    public CScalarKind Kind { get; }

    /// <inheritdoc/>
    public override long? Size { get; }

    /// <inheritdoc/>
    public override long? Alignment { get; }

    /// <inheritdoc/>
    public override string Spelling { get; }

    internal static readonly CPrimitiveType Void = new("void", CScalarKind.Void, 0, 1);
}

/// <summary>A pointer (8 bytes).</summary>
public sealed class CPointerType : CType
{
    internal CPointerType(CType pointee, bool pointeeConst)
    {
        Pointee = pointee;
        PointeeConst = pointeeConst;
    }

    /// <summary>What it points to.</summary>
    public CType Pointee { get; }

    /// <summary>The pointee is const-qualified (<c>const char*</c>).</summary>
    public bool PointeeConst { get; }

    /// <inheritdoc/>
    public override long? Size => 8;

    /// <inheritdoc/>
    public override long? Alignment => 8;

    /// <inheritdoc/>
    public override string Spelling => (PointeeConst ? "const " : "") + (Pointee is CFunctionType f ? f.PointerSpelling : Pointee.Spelling + "*");
}

/// <summary>An array (in a struct; as a parameter it is a pointer).</summary>
public sealed class CArrayType : CType
{
    internal CArrayType(CType element, long? length, string? unknownLength)
    {
        Element = element;
        Length = length;
        _unknownLength = unknownLength;
    }

    private readonly string? _unknownLength;

    /// <summary>The element type.</summary>
    public CType Element { get; }

    /// <summary>Element count; null when the bound is not a constant this parser knows (or absent: a flexible member).</summary>
    public long? Length { get; }

    /// <inheritdoc/>
    public override long? Size => Length is { } n && Element.Size is { } s ? n * s : null;

    /// <inheritdoc/>
    public override long? Alignment => Element.Alignment;

    /// <inheritdoc/>
    public override string Spelling => $"{Element.Spelling}[{(Length is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}]";

    /// <inheritdoc/>
    public override string? UnknownReason => Element.UnknownReason ?? (Length is null ? _unknownLength ?? "array bound unknown" : null);
}

/// <summary>A function type (behind a pointer: a function pointer).</summary>
public sealed class CFunctionType : CType
{
    internal CFunctionType(CType returnType, IReadOnlyList<CParameter> parameters, bool variadic)
    {
        ReturnType = returnType;
        Parameters = parameters;
        IsVariadic = variadic;
    }

    /// <summary>The return type.</summary>
    public CType ReturnType { get; }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<CParameter> Parameters { get; }

    /// <summary>Ends in <c>...</c>.</summary>
    public bool IsVariadic { get; }

    /// <inheritdoc/>
    public override long? Size => null;

    /// <inheritdoc/>
    public override long? Alignment => null;

    /// <inheritdoc/>
    public override string Spelling => $"{ReturnType.Spelling} ({ParameterList})";

    internal string PointerSpelling => $"{ReturnType.Spelling} (*)({ParameterList})";

    private string ParameterList => string.Join(", ", Parameters.Select(p => p.Type.Spelling)) + (IsVariadic ? ", ..." : "");
}

/// <summary>A typedef name and what it names.</summary>
public sealed class CTypedefType : CType
{
    internal CTypedefType(string name, CType target, int line)
    {
        Name = name;
        Target = target;
        Line = line;
    }

    /// <summary>The typedef name.</summary>
    public string Name { get; }

    /// <summary>What it names.</summary>
    public CType Target { get; }

    /// <summary>1-based header line of the typedef (0 for the C library's standard names).</summary>
    public int Line { get; }

    /// <inheritdoc/>
    public override long? Size => Target.Size;

    /// <inheritdoc/>
    public override long? Alignment => Target.Alignment;

    /// <inheritdoc/>
    public override CType Resolved => Target.Resolved;

    /// <inheritdoc/>
    public override string Spelling => Name;

    /// <inheritdoc/>
    public override string? UnknownReason => Target.UnknownReason;
}

/// <summary>An enumeration: an integer of the size gcc picks for its values.</summary>
public sealed class CEnumType : CType
{
    internal CEnumType(string? tag, long? size, bool isSigned)
    {
        Tag = tag;
        Size = size;
        IsSigned = isSigned;
    }

    /// <summary>The tag, if any.</summary>
    public string? Tag { get; }

    /// <summary>True when the underlying integer is signed.</summary>
    public bool IsSigned { get; }

    /// <inheritdoc/>
    public override long? Size { get; }

    /// <inheritdoc/>
    public override long? Alignment => Size;

    /// <inheritdoc/>
    public override string Spelling => "enum " + (Tag ?? "<anonymous>");

    /// <inheritdoc/>
    public override string? UnknownReason => Size is null ? "an enumerator value is not a constant this parser knows" : null;
}

/// <summary>A type the header uses but does not define.</summary>
public sealed class CUnknownType : CType
{
    internal CUnknownType(string spelling, string reason)
    {
        Spelling = spelling;
        Reason = reason;
    }

    /// <summary>Why it is not known.</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override long? Size => null;

    /// <inheritdoc/>
    public override long? Alignment => null;

    /// <inheritdoc/>
    public override string Spelling { get; }

    /// <inheritdoc/>
    public override string? UnknownReason => Reason;
}

/// <summary>A function parameter (or a struct member) with its name as the header writes it.</summary>
public sealed class CParameter
{
    internal CParameter(string? name, CType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The name, if written.</summary>
    public string? Name { get; }

    /// <summary>The type (arrays and functions already adjusted to pointers for parameters).</summary>
    public CType Type { get; }

    /// <summary>"GoInt a".</summary>
    public override string ToString() => Name is null ? Type.Spelling : $"{Type.Spelling} {Name}";
}
