using Iced.Intel;

namespace GoBootCheck.Disassembly;

/// <summary>
/// An Iced <see cref="CodeReader"/> over a window of the file's bytes (from <see cref="Binary.VirtualMemory.GetFileBackedMemory"/>):
/// no copy, and it can be re-pointed so one decoder serves a whole scan on one thread.
/// </summary>
internal sealed class MemoryCodeReader : CodeReader
{
    private ReadOnlyMemory<byte> _window;
    private int _position;

    /// <summary>Points the reader at <paramref name="window"/>, from its first byte.</summary>
    public void Reset(ReadOnlyMemory<byte> window)
    {
        _window = window;
        _position = 0;
    }

    /// <inheritdoc/>
    public override int ReadByte() => _position < _window.Length ? _window.Span[_position++] : -1;
}
