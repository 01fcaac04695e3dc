namespace GoBootCheck.Sdk;

/// <summary>
/// What one rule may read about one binary, and where it reports. Read-only views built by the host once per binary;
/// the same models are handed to every rule. Only the host creates contexts (in tests: GoBootCheck.Sdk.Testing's
/// RuleHarness, which runs the real engine).
/// </summary>
public abstract class RuleContext
{
    private protected RuleContext()
    {
    }

    /// <summary>The ELF image: sections, segments, symbols and the bytes behind virtual addresses.</summary>
    public abstract ElfImage Image { get; }

    /// <summary>The Go metadata: version, build info, pclntab functions with source positions and frames, runtime constants.</summary>
    public abstract GoMetadata Go { get; }

    /// <summary>Cancelled when the build is cancelled or the rule's time budget runs out; check it in long loops.</summary>
    public abstract CancellationToken Cancellation { get; }

    /// <summary>
    /// A shared analysis the host computed once for this binary, by type: <see cref="BootstrapTrace"/> (the start-up
    /// emulation) or <see cref="PrologueScan"/>. Null when it was not computed (the binary's metadata did not allow it;
    /// the build log has a tool diagnostic saying why).
    /// </summary>
    public abstract T? GetAnalysis<T>() where T : class;

    /// <summary>The value in effect for one of this rule's parameters: the build's configuration, else its default.</summary>
    public abstract T GetParameter<T>(RuleParameter<T> parameter) where T : notnull;

    /// <summary>
    /// A file the build associates with this binary, by kind (<see cref="CompanionFile.CHeader"/>: the c-shared header),
    /// or null if it has none.
    /// </summary>
    public abstract CompanionFile? GetCompanionFile(string kind);

    /// <summary>
    /// The instructions of <paramref name="function"/> from its entry to its end (decoding stops at the first bytes that
    /// are not an instruction, which is then the last item, <see cref="Instruction.IsInvalid"/>).
    /// </summary>
    public abstract IReadOnlyList<Instruction> Decode(GoFunction function);

    /// <summary>Up to <paramref name="maxCount"/> instructions from <paramref name="address"/> (link-time), in file-backed memory.</summary>
    public abstract IReadOnlyList<Instruction> Decode(ulong address, int maxCount);

    /// <summary>Reports a violation of this rule. The rule must then return <see cref="Verdict.Fail(string?)"/>.</summary>
    public abstract void Report(Finding finding);
}
