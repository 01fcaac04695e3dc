using GoBootCheck.Binary;
using Iced.Intel;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Disassembly;

/// <summary>Decodes code for rules and publishes each instruction in the public model (no Iced type leaves this file).</summary>
internal static class InstructionModel
{
    /// <summary>At most <paramref name="maxCount"/> instructions from <paramref name="address"/> up to <paramref name="end"/>; stops after an invalid one.</summary>
    public static IReadOnlyList<Sdk.Instruction> Decode(VirtualMemory memory, ulong address, ulong end, int maxCount)
    {
        var decoder = new CodeDecoder(memory);
        decoder.Seek(address, end);
        var result = new List<Sdk.Instruction>();
        while (decoder.IP < end && result.Count < maxCount)
        {
            ulong at = decoder.IP;
            var instruction = decoder.Next();
            var bytes = memory.GetFileBacked(at, Math.Max(instruction.Length, 1)).ToArray();
            result.Add(Publish(instruction, bytes));
            if (instruction.IsInvalid) break;
        }
        return result;
    }

    private static Sdk.Instruction Publish(in Instruction i, byte[] bytes)
    {
        if (i.IsInvalid)
        {
            return new Sdk.Instruction
            {
                Address = i.IP, Length = Math.Max(i.Length, 1), Bytes = bytes, IsInvalid = true, Mnemonic = "(bad)",
                Text = InstructionText.Format(i, bytes), FlowControl = Sdk.FlowControl.Exception,
            };
        }
        var operands = new Sdk.Operand[i.OpCount];
        for (int n = 0; n < operands.Length; n++) operands[n] = Operand(i, n);
        bool direct = i.FlowControl is Iced.Intel.FlowControl.UnconditionalBranch or Iced.Intel.FlowControl.ConditionalBranch or Iced.Intel.FlowControl.Call
                      && i.Op0Kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64;
        return new Sdk.Instruction
        {
            Address = i.IP,
            Length = i.Length,
            Bytes = bytes,
            Mnemonic = i.Mnemonic.ToString().ToLowerInvariant(),
            Text = InstructionText.Format(i),
            FlowControl = i.FlowControl switch
            {
                Iced.Intel.FlowControl.UnconditionalBranch => Sdk.FlowControl.UnconditionalBranch,
                Iced.Intel.FlowControl.IndirectBranch => Sdk.FlowControl.IndirectBranch,
                Iced.Intel.FlowControl.ConditionalBranch => Sdk.FlowControl.ConditionalBranch,
                Iced.Intel.FlowControl.Return => Sdk.FlowControl.Return,
                Iced.Intel.FlowControl.Call => Sdk.FlowControl.Call,
                Iced.Intel.FlowControl.IndirectCall => Sdk.FlowControl.IndirectCall,
                Iced.Intel.FlowControl.Interrupt => Sdk.FlowControl.Interrupt,
                Iced.Intel.FlowControl.Exception => Sdk.FlowControl.Exception,
                _ => Sdk.FlowControl.Next,
            },
            BranchTarget = direct ? i.NearBranchTarget : null,
            Operands = operands,
        };
    }

    private static Sdk.Operand Operand(in Instruction i, int n) => i.GetOpKind(n) switch
    {
        OpKind.Register => new Sdk.Operand { Kind = Sdk.OperandKind.Register, Register = Name(i.GetOpRegister(n)) },
        OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64 =>
            new Sdk.Operand { Kind = Sdk.OperandKind.BranchTarget, Immediate = (long)i.NearBranchTarget },
        OpKind.Memory => new Sdk.Operand
        {
            Kind = Sdk.OperandKind.Memory,
            Segment = i.SegmentPrefix == Register.None ? null : Name(i.SegmentPrefix),
            Base = i.MemoryBase == Register.None ? null : Name(i.MemoryBase),
            Index = i.MemoryIndex == Register.None ? null : Name(i.MemoryIndex),
            Scale = i.MemoryIndexScale,
            Displacement = (long)i.MemoryDisplacement64,
            Size = i.MemorySize.GetSize(),
        },
        OpKind.Immediate8 or OpKind.Immediate16 or OpKind.Immediate32 or OpKind.Immediate64 or OpKind.Immediate8to16 or OpKind.Immediate8to32
            or OpKind.Immediate8to64 or OpKind.Immediate32to64 or OpKind.Immediate8_2nd =>
            new Sdk.Operand { Kind = Sdk.OperandKind.Immediate, Immediate = (long)i.GetImmediate(n) },
        _ => new Sdk.Operand { Kind = Sdk.OperandKind.Immediate },
    };

    private static string Name(Register register) => register.ToString().ToLowerInvariant();
}
