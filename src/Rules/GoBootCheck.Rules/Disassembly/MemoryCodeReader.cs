using Iced.Intel;

namespace GoBootCheck.Disassembly;

/// <summary>
/// An Iced <see cref="CodeReader"/> over a window of the file's bytes (from <see cref="Binary.VirtualMemory.GetFileBackedMemory"/>);
/// it can be re-pointed so one decoder serves a whole scan on one thread. Iced asks for one byte at a time, and a
/// memory-mapped file's <see cref="ReadOnlyMemory{T}.Span"/> is a virtual call: the window is read a chunk at a
/// time into a buffer of the reader's own (a prologue is a few dozen bytes, so one chunk serves most functions).
/// </summary>
internal sealed class MemoryCodeReader : CodeReader
{
    private const int ChunkSize = 256;

    private readonly byte[] _chunk = new byte[ChunkSize];
    private ReadOnlyMemory<byte> _window;
    private int _windowRead; // bytes of the window copied into chunks so far
    private int _position;   // next byte of _chunk
    private int _count;      // bytes in _chunk

    /// <summary>Points the reader at <paramref name="window"/>, from its first byte.</summary>
    public void Reset(ReadOnlyMemory<byte> window)
    {
        _window = window;
        _windowRead = 0;
        _position = 0;
        _count = 0;
    }

    /// <inheritdoc/>
    public override int ReadByte() => _position < _count ? _chunk[_position++] : NextChunk();

    private int NextChunk()
    {
        int n = Math.Min(ChunkSize, _window.Length - _windowRead);
        if (n <= 0) return -1;
        _window.Span.Slice(_windowRead, n).CopyTo(_chunk);
        _windowRead += n;
        _count = n;
        _position = 1;
        return _chunk[0];
    }
}
