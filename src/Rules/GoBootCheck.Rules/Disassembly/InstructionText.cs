using System.Text;
using Iced.Intel;

namespace GoBootCheck.Disassembly;

/// <summary>Renders instructions for messages: Intel syntax with 0x hex, plus the encoded bytes.</summary>
internal static class InstructionText
{
    /// <summary>"cmp rsp,[r14+0x18] (49 3b 66 18)", or "invalid bytes" for an undecodable one.</summary>
    public static string Format(in Instruction instruction, ReadOnlySpan<byte> bytes = default)
    {
        if (instruction.IsInvalid) return bytes.IsEmpty ? "undecodable bytes" : $"undecodable bytes ({Hex(bytes)})";
        // A fresh formatter per call: messages are rare and formatters carry options state.
        var formatter = new IntelFormatter();
        formatter.Options.HexPrefix = "0x";
        formatter.Options.HexSuffix = null;
        formatter.Options.UppercaseHex = false;
        formatter.Options.SpaceAfterOperandSeparator = true;
        formatter.Options.BranchLeadingZeros = false;
        var output = new StringOutput();
        formatter.Format(instruction, output);
        string text = output.ToStringAndReset();
        return bytes.IsEmpty ? text : $"{text} ({Hex(bytes[..Math.Min(bytes.Length, instruction.Length)])})";
    }

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
