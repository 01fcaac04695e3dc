using System.Text;

namespace GoBootCheck.Go;

/// <summary>
/// pclntab's funcnametab (runtime/symtab.go: NUL-terminated UTF-8 names, addressed by _func.nameOff): decodes one
/// name when asked and compares names in place, so a table of 250 000 functions costs no string until one is used.
/// Every offset handed out was checked by <see cref="Pclntab"/> to hold a terminated name inside the table.
/// </summary>
internal sealed class FunctionNames(ReadOnlyMemory<byte> table, ulong nameBase)
{
    private const int MaxName = 65536;

    /// <summary>The name's bytes without its NUL, or empty if the offset is negative or the name is not terminated.</summary>
    public ReadOnlySpan<byte> Bytes(int nameOffset) => Bytes(table.Span, nameBase, nameOffset);

    public string Decode(int nameOffset) => Encoding.UTF8.GetString(Bytes(nameOffset));

    public bool Equals(int nameOffset, string name)
    {
        var bytes = Bytes(nameOffset);
        return IsAscii(name) ? bytes.Length == name.Length && Ascii.Equals(bytes, name) : Decode(nameOffset) == name;
    }

    public bool StartsWith(int nameOffset, string prefix)
    {
        var bytes = Bytes(nameOffset);
        return IsAscii(prefix)
            ? bytes.Length >= prefix.Length && Ascii.Equals(bytes[..prefix.Length], prefix)
            : Decode(nameOffset).StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The length of the terminated name at <paramref name="nameOffset"/>, or -1 if it runs off the table or is longer than 64 KiB (a corrupt table).</summary>
    public static int Length(ReadOnlySpan<byte> table, ulong nameBase, int nameOffset)
    {
        if (nameOffset < 0) return 0;
        ulong at = nameBase + (ulong)nameOffset;
        if (at >= (ulong)table.Length) return 0; // as BoundedReader.CString: an offset off the table reads as no name
        var rest = table[(int)at..];
        return rest[..Math.Min(rest.Length, MaxName)].IndexOf((byte)0);
    }

    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> table, ulong nameBase, int nameOffset)
    {
        int n = Length(table, nameBase, nameOffset);
        return n <= 0 ? [] : table.Slice((int)(nameBase + (ulong)nameOffset), n);
    }

    private static bool IsAscii(string s) => Ascii.IsValid(s);
}
