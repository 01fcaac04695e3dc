using GoBootCheck.Binary;
using GoBootCheck.Go;

namespace GoBootCheck.Prologue;

/// <summary>
/// What the matcher needs to know about the binary, kept apart from <see cref="GoBinary"/> so that hermetic tests can
/// build it from assembled bytes.
/// </summary>
/// <param name="Memory">The image's memory (code is decoded from it).</param>
/// <param name="FunctionAt">The pclntab function containing an address (identifies morestack by the called function).</param>
/// <param name="RegisterAbi">
/// True if ABIInternal functions receive g in R14 (Go ≥ 1.17); false before; null if the binary does not say.
/// The version only chooses this expectation; the verdict comes from the decoded compare.
/// </param>
/// <param name="StackSmall">abi.StackSmall (128 in every Go release).</param>
/// <param name="StackBig">abi.StackBig (4096 in every Go release).</param>
/// <param name="SpDeltaAt">
/// The pcsp value of a function at a pc (null where the table does not cover it): cross-checks the frame a prologue
/// allocates against what the linker recorded. Null in hermetic tests without pc tables.
/// </param>
internal sealed record PrologueEnvironment(VirtualMemory Memory, Func<ulong, GoFunction?> FunctionAt, bool? RegisterAbi, int StackSmall = 128, int StackBig = 4096,
    Func<GoFunction, ulong, int?>? SpDeltaAt = null)
{
    /// <summary>runtime.stackPreempt (uintptrMask &amp; −1314), which ≤ 1.16 huge-frame prologues test explicitly.</summary>
    public const ulong StackPreempt = unchecked((ulong)-1314);
}
