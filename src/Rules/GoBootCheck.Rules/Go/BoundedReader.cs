using System.Buffers.Binary;

namespace GoBootCheck.Go;

/// <summary>
/// Little-endian reads from untrusted bytes. An out-of-range read returns 0 and sets <see cref="Failed"/>, so a parser
/// can read a whole record and check once; no offset from the file ever indexes unchecked.
/// </summary>
internal sealed class BoundedReader(ReadOnlyMemory<byte> data)
{
    public ReadOnlyMemory<byte> Data { get; } = data;

    public int Length => Data.Length;

    public bool Failed { get; private set; }

    public void Reset() => Failed = false;

    private bool InRange(ulong offset, int size)
    {
        if (offset <= (ulong)Data.Length && (ulong)size <= (ulong)Data.Length - offset) return true;
        Failed = true;
        return false;
    }

    public byte U8(ulong offset) => InRange(offset, 1) ? Data.Span[(int)offset] : (byte)0;

    public uint U32(ulong offset) => InRange(offset, 4) ? BinaryPrimitives.ReadUInt32LittleEndian(Data.Span[(int)offset..]) : 0;

    public int I32(ulong offset) => (int)U32(offset);

    public ulong U64(ulong offset) => InRange(offset, 8) ? BinaryPrimitives.ReadUInt64LittleEndian(Data.Span[(int)offset..]) : 0;

    /// <summary>A NUL-terminated UTF-8 string at <paramref name="offset"/> (at most 64 KiB).</summary>
    public string CString(ulong offset)
    {
        if (!InRange(offset, 1)) return "";
        var span = Data.Span[(int)offset..];
        int n = span[..Math.Min(span.Length, 65536)].IndexOf((byte)0);
        if (n < 0) { Failed = true; return ""; }
        return System.Text.Encoding.UTF8.GetString(span[..n]);
    }

    /// <summary>An unsigned LEB128 varint (at most 5 bytes for 32-bit values) at <paramref name="offset"/>, advancing it.</summary>
    public uint UVarint(ref ulong offset)
    {
        uint v = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (!InRange(offset, 1)) return 0;
            byte b = Data.Span[(int)offset++];
            v |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return v;
        }
        Failed = true;
        return 0;
    }
}
