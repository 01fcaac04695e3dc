namespace GoBootCheck.Binary;

/// <summary>
/// A read-only, seekable <see cref="Stream"/> over a <see cref="ReadOnlyMemory{T}"/>, so that LibObjectFile reads the
/// caller's memory (a byte[], a slice of one, a memory-mapped view) in place instead of a copy of the whole file.
/// </summary>
internal sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => memory.Length;

    public override long Position
    {
        get => _position;
        set
        {
            // As MemoryStream: past the end is allowed (reads there return 0), beyond int.MaxValue throws. LibObjectFile
            // seeks to offsets from corrupt headers; the throw is what stops it before it sizes tables from them.
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, int.MaxValue);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= memory.Length) return 0;
        int n = Math.Min(buffer.Length, memory.Length - (int)_position);
        memory.Span.Slice((int)_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int ReadByte() => _position < memory.Length ? memory.Span[(int)_position++] : -1;

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => memory.Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0) throw new IOException("Seek before the start of the stream.");
        Position = target;
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
