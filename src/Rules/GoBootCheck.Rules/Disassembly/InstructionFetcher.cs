using GoBootCheck.Binary;
using GoBootCheck.Emulation;
using Iced.Intel;

namespace GoBootCheck.Disassembly;

/// <summary>
/// Decodes instructions from emulated memory with Iced. Fetches obey execute permission; decoded instructions of
/// pages the program cannot write are cached by address (code does not change under them).
/// </summary>
internal sealed class InstructionFetcher
{
    private const int MaxInstructionLength = 15;

    private readonly EmulatedMemory _memory;
    private readonly ByteReader _reader = new();
    private readonly Decoder _decoder;
    private readonly Dictionary<ulong, Instruction> _cache = [];

    public InstructionFetcher(EmulatedMemory memory)
    {
        _memory = memory;
        _decoder = Decoder.Create(64, _reader, 0, DecoderOptions.None);
    }

    /// <summary>Decodes the instruction at <paramref name="address"/>; null plus a reason if it cannot be fetched or decoded.</summary>
    public bool TryFetch(ulong address, out Instruction instruction, out StopReason? failure)
    {
        failure = null;
        if (_cache.TryGetValue(address, out instruction)) return true;
        var region = _memory.FindRegion(address);
        if (region is null || (region.Access & SegmentAccess.Execute) == 0)
        {
            failure = new StopReason(StopKind.MemoryFault, address, region is null
                ? $"execution reached unmapped address 0x{address:x}"
                : $"execution reached non-executable {region.Name} ({region.Permissions}) at 0x{address:x}", address);
            return false;
        }
        // Read up to 15 bytes but no further than the executable region (a short read decodes as truncated).
        int length = (int)Math.Min(MaxInstructionLength, region.End - address);
        _reader.Reset(length);
        _memory.Read(address, _reader.Buffer.AsSpan(0, length));
        _decoder.IP = address;
        _decoder.Decode(out instruction);
        if (instruction.IsInvalid)
        {
            failure = new StopReason(StopKind.InvalidInstruction, address,
                $"the bytes at 0x{address:x} ({Convert.ToHexString(_reader.Buffer, 0, Math.Min(length, 8))}…) are not a valid instruction ({_decoder.LastError}): SIGILL");
            return false;
        }
        if ((region.Access & SegmentAccess.Write) == 0) _cache[address] = instruction;
        return true;
    }

    private sealed class ByteReader : CodeReader
    {
        private int _position, _length;

        public byte[] Buffer { get; } = new byte[MaxInstructionLength];

        public void Reset(int length)
        {
            _position = 0;
            _length = length;
        }

        public override int ReadByte() => _position < _length ? Buffer[_position++] : -1;
    }
}
