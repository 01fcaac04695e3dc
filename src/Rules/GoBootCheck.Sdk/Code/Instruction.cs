namespace GoBootCheck.Sdk;

/// <summary>How an instruction changes the flow of control.</summary>
public enum FlowControl
{
    /// <summary>Falls through to the next instruction.</summary>
    Next,
    /// <summary>Unconditional direct jump.</summary>
    UnconditionalBranch,
    /// <summary>Indirect jump (through a register or memory).</summary>
    IndirectBranch,
    /// <summary>Conditional jump (Jcc, LOOP, JRCXZ).</summary>
    ConditionalBranch,
    /// <summary>RET.</summary>
    Return,
    /// <summary>Direct CALL.</summary>
    Call,
    /// <summary>Indirect CALL.</summary>
    IndirectCall,
    /// <summary>INT, SYSCALL and similar.</summary>
    Interrupt,
    /// <summary>UD2, INT3, HLT and other instructions that do not continue.</summary>
    Exception,
}

/// <summary>What an operand is.</summary>
public enum OperandKind
{
    /// <summary>A register.</summary>
    Register,
    /// <summary>An immediate value.</summary>
    Immediate,
    /// <summary>A memory reference.</summary>
    Memory,
    /// <summary>A near branch target.</summary>
    BranchTarget,
}

/// <summary>One operand of an x86-64 instruction, in Intel order (destination first).</summary>
public sealed record Operand
{
    /// <summary>Register, immediate, memory or branch target.</summary>
    public OperandKind Kind { get; init; }

    /// <summary>For registers: lower-case name ("rsp", "r14", "eax").</summary>
    public string? Register { get; init; }

    /// <summary>For immediates (sign-extended) and branch targets (the address).</summary>
    public long Immediate { get; init; }

    /// <summary>For memory: segment override ("fs") or null.</summary>
    public string? Segment { get; init; }

    /// <summary>For memory: base register ("rip" for RIP-relative) or null.</summary>
    public string? Base { get; init; }

    /// <summary>For memory: index register or null.</summary>
    public string? Index { get; init; }

    /// <summary>For memory: index scale (1, 2, 4, 8).</summary>
    public int Scale { get; init; } = 1;

    /// <summary>For memory: the displacement (for RIP-relative operands, the absolute target address).</summary>
    public long Displacement { get; init; }

    /// <summary>For memory: bytes accessed (0 if not applicable, e.g. LEA).</summary>
    public int Size { get; init; }
}

/// <summary>One decoded x86-64 instruction (the host's decoder; no decoder types leak into the API).</summary>
public sealed record Instruction
{
    /// <summary>Link-time address.</summary>
    public ulong Address { get; init; }

    /// <summary>Length in bytes (1 for an invalid byte).</summary>
    public int Length { get; init; }

    /// <summary>The instruction's bytes.</summary>
    public IReadOnlyList<byte> Bytes { get; init; } = [];

    /// <summary>True if the bytes do not decode as an instruction.</summary>
    public bool IsInvalid { get; init; }

    /// <summary>Lower-case mnemonic ("mov", "cmp", "jbe", "call"); "(bad)" when invalid.</summary>
    public string Mnemonic { get; init; } = "";

    /// <summary>Intel syntax text, e.g. "cmp rsp,[r14+10h]".</summary>
    public string Text { get; init; } = "";

    /// <summary>How it changes the flow of control.</summary>
    public FlowControl FlowControl { get; init; }

    /// <summary>The target of a direct jump or call, or null.</summary>
    public ulong? BranchTarget { get; init; }

    /// <summary>Operands in Intel order.</summary>
    public IReadOnlyList<Operand> Operands { get; init; } = [];

    /// <summary>The address after this instruction.</summary>
    public ulong NextAddress => Address + (ulong)Length;

    /// <inheritdoc/>
    public override string ToString() => "0x" + Address.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ": " + Text;
}
