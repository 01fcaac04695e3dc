using GoBootCheck.Binary;
using Iced.Intel;

namespace GoBootCheck.Disassembly;

/// <summary>
/// Decodes x86-64 instructions at virtual addresses of an image, a few at a time. Not thread-safe: one per thread.
/// A byte that is unmapped, zero-filled or cut off by <see cref="Seek"/>'s window decodes as an invalid instruction:
/// invalid input is a value, never an exception.
/// </summary>
internal sealed class CodeDecoder
{
    private readonly VirtualMemory _memory;
    private readonly MemoryCodeReader _reader = new();
    private readonly Decoder _decoder;

    public CodeDecoder(VirtualMemory memory)
    {
        _memory = memory;
        _decoder = Decoder.Create(64, _reader, 0, DecoderOptions.None);
    }

    /// <summary>Positions the decoder at <paramref name="address"/>; it will not read past <paramref name="limit"/>.</summary>
    public void Seek(ulong address, ulong limit)
    {
        int max = limit <= address ? 0 : (int)Math.Min(limit - address, int.MaxValue);
        _reader.Reset(_memory.GetFileBackedMemory(address, max));
        _decoder.IP = address;
    }

    /// <summary>The address of the next instruction <see cref="Next"/> decodes.</summary>
    public ulong IP => _decoder.IP;

    /// <summary>Decodes the next instruction (<see cref="Instruction.IsInvalid"/> if the bytes do not form one).</summary>
    public Instruction Next()
    {
        _decoder.Decode(out var instruction);
        return instruction;
    }

    /// <summary>Decodes the next instruction, skipping NOPs (the assembler pads with them between blocks).</summary>
    public Instruction NextSkippingNops(int maxNops = 8)
    {
        var i = Next();
        for (int n = 0; n < maxNops && i.Mnemonic == Mnemonic.Nop; n++) i = Next();
        return i;
    }
}
