namespace GoBootCheck.CgoHeaders.Types;

/// <summary>A member of a struct or union.</summary>
public sealed class CMember
{
    internal CMember(string? name, CType type, int? bitWidth)
    {
        Name = name;
        Type = type;
        BitWidth = bitWidth;
    }

    /// <summary>The name; null for an anonymous struct or union member (C11), whose members belong to the outer one.</summary>
    public string? Name { get; }

    /// <summary>The type.</summary>
    public CType Type { get; }

    /// <summary>Bit-field width, if a bit-field.</summary>
    public int? BitWidth { get; }

    /// <summary>Offset in bytes inside its struct (set by the layout).</summary>
    public long Offset { get; internal set; }

    /// <summary>"GoInt len".</summary>
    public override string ToString() => Name is null ? Type.Spelling : $"{Type.Spelling} {Name}";
}

/// <summary>
/// One scalar of a flattened layout: where it lies and how the System V ABI classes it (integer or SSE). Two layouts
/// with the same scalars at the same offsets are passed and read the same way.
/// </summary>
public readonly struct CLeaf : IEquatable<CLeaf>
{
    /// <summary>Creates a leaf.</summary>
    public CLeaf(long offset, long size, bool isFloat, string path)
    {
        Offset = offset;
        Size = size;
        IsFloat = isFloat;
        Path = path;
    }

    /// <summary>Offset in bytes from the start of the outermost struct.</summary>
    public long Offset { get; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; }

    /// <summary>Floating point (SSE class); otherwise integer class (integers, pointers, _Bool, enums).</summary>
    public bool IsFloat { get; }

    /// <summary>The member path ("p", "inner.x", "data[3]").</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public bool Equals(CLeaf other) => Offset == other.Offset && Size == other.Size && IsFloat == other.IsFloat;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CLeaf other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((int)(Offset * 31 + Size * 7) + (IsFloat ? 1 : 0));

    /// <summary>Same offset, size and class.</summary>
    public static bool operator ==(CLeaf left, CLeaf right) => left.Equals(right);

    /// <summary>Not the same offset, size and class.</summary>
    public static bool operator !=(CLeaf left, CLeaf right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"[{Offset}] {Path} ({Size}-byte {(IsFloat ? "float" : "integer")})";
}

/// <summary>A struct or union with its linux/amd64 layout (gcc's rules, <c>#pragma pack</c> and <c>packed</c>/<c>aligned</c>).</summary>
public sealed class CStructType : CType
{
    private List<CMember>? _members;
    private bool _laidOut;
    private long? _size;
    private long? _alignment;
    private string? _unknown;

    internal CStructType(string? tag, bool isUnion, int line)
    {
        Tag = tag;
        IsUnion = isUnion;
        Line = line;
    }

    /// <summary>The tag (<c>struct Tag</c>); null for an anonymous struct.</summary>
    public string? Tag { get; }

    /// <summary>A union rather than a struct.</summary>
    public bool IsUnion { get; }

    /// <summary>Line of the definition (or of the first mention while incomplete).</summary>
    public int Line { get; private set; }

    /// <summary>The members; empty while the struct is incomplete.</summary>
    public IReadOnlyList<CMember> Members => _members ?? [];

    /// <summary>The definition has been seen.</summary>
    public bool IsComplete => _members is not null;

    internal int Pack { get; private set; }

    internal bool Packed { get; private set; }

    internal long? AlignedTo { get; private set; }

    internal string? AttributeProblem { get; private set; }

    internal void Complete(List<CMember> members, int line, int pack, bool packed, long? alignedTo, string? attributeProblem)
    {
        _members = members;
        Line = line;
        Pack = pack;
        Packed = packed;
        AlignedTo = alignedTo;
        AttributeProblem = attributeProblem;
        _laidOut = false;
    }

    /// <inheritdoc/>
    public override long? Size
    {
        get
        {
            LayOut();
            return _size;
        }
    }

    /// <inheritdoc/>
    public override long? Alignment
    {
        get
        {
            LayOut();
            return _alignment;
        }
    }

    /// <inheritdoc/>
    public override string? UnknownReason
    {
        get
        {
            LayOut();
            return _unknown;
        }
    }

    /// <inheritdoc/>
    public override string Spelling => (IsUnion ? "union " : "struct ") + (Tag ?? "{ " + string.Join(" ", Members.Select(m => m + ";")) + " }");

    /// <summary>The layout flattened to its scalars, in offset order; null when the layout is not known.</summary>
    public IReadOnlyList<CLeaf>? Leaves()
    {
        LayOut();
        if (_unknown is not null) return null;
        var leaves = new List<CLeaf>();
        return Flatten(this, 0, "", leaves) ? leaves.OrderBy(l => l.Offset).ThenBy(l => l.Size).ToList() : null;
    }

    private const int MaximumLeaves = 4096;

    /// <summary>Appends the scalars of <paramref name="type"/> placed at <paramref name="offset"/>; false if too many or unknown.</summary>
    public static bool Flatten(CType type, long offset, string path, List<CLeaf> leaves)
    {
        if (leaves.Count > MaximumLeaves) return false;
        switch (type.Resolved)
        {
            case CStructType s:
                if (s.UnknownReason is not null) return false;
                foreach (var m in s.Members)
                {
                    string inner = m.Name is null ? path : path.Length == 0 ? m.Name : path + "." + m.Name;
                    if (!Flatten(m.Type, offset + m.Offset, inner, leaves)) return false;
                }
                return true;
            case CArrayType a:
                if (a.Length is not { } n || a.Element.Size is not { } es) return false;
                for (long i = 0; i < n; i++)
                {
                    if (!Flatten(a.Element, offset + i * es, $"{path}[{i}]", leaves)) return false;
                }
                return true;
            case CPrimitiveType { Kind: CScalarKind.Complex } c:
                leaves.Add(new CLeaf(offset, c.Size!.Value / 2, true, path + ".real"));
                leaves.Add(new CLeaf(offset + c.Size!.Value / 2, c.Size!.Value / 2, true, path + ".imag"));
                return true;
            case CPrimitiveType p:
                if (p.Kind == CScalarKind.Void) return false;
                leaves.Add(new CLeaf(offset, p.Size!.Value, p.Kind == CScalarKind.Float, path));
                return true;
            case CPointerType:
                leaves.Add(new CLeaf(offset, 8, false, path));
                return true;
            case CEnumType e when e.Size is { } size:
                leaves.Add(new CLeaf(offset, size, false, path));
                return true;
            default:
                return false;
        }
    }

    private void LayOut()
    {
        if (_laidOut) return;
        _laidOut = true;
        _size = null;
        _alignment = null;
        _unknown = null;
        if (_members is null)
        {
            _unknown = $"{Spelling} is declared but never defined in the header";
            return;
        }
        if (AttributeProblem is not null)
        {
            _unknown = AttributeProblem;
            return;
        }
        long offset = 0, size = 0, alignment = 1;
        foreach (var member in _members)
        {
            if (member.BitWidth is not null)
            {
                _unknown = $"{Spelling} has bit-fields (their layout is not checked)";
                return;
            }
            if (member.Type.UnknownReason is { } reason)
            {
                _unknown = $"member '{member}' of {Spelling}: {reason}";
                return;
            }
            long memberAlignment = member.Type.Alignment ?? 1;
            long? memberSize = member.Type.Size;
            if (memberSize is null)
            {
                _unknown = $"member '{member}' of {Spelling} has no known size";
                return;
            }
            if (Packed) memberAlignment = 1;
            else if (Pack > 0) memberAlignment = Math.Min(memberAlignment, Pack);
            alignment = Math.Max(alignment, memberAlignment);
            if (IsUnion)
            {
                member.Offset = 0;
                size = Math.Max(size, memberSize.Value);
            }
            else
            {
                offset = AlignUp(offset, memberAlignment);
                member.Offset = offset;
                offset += memberSize.Value;
                size = offset;
            }
        }
        if (AlignedTo is { } aligned) alignment = Math.Max(alignment, aligned);
        _alignment = alignment;
        _size = AlignUp(size, alignment);
    }
}
