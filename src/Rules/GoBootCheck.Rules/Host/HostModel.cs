using GoBootCheck.Disassembly;
using GoBootCheck.Go;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Host;

/// <summary>
/// Everything the rules of one binary share: the public views of the image and the Go metadata and the published
/// analyses, keyed by their public type. Built once per binary, read by every rule (concurrently for isolated packs).
/// </summary>
internal sealed class HostModel
{
    private readonly IReadOnlyDictionary<Type, object> _analyses;

    public HostModel(GoBinary binary, IReadOnlyDictionary<Type, object> analyses, IReadOnlyList<Sdk.CompanionFile> companions)
    {
        Binary = binary;
        Image = new ElfImageView(binary.Image);
        Go = new GoMetadataView(binary);
        _analyses = analyses;
        Companions = companions;
    }

    public GoBinary Binary { get; }

    public ElfImageView Image { get; }

    public GoMetadataView Go { get; }

    public IReadOnlyList<Sdk.CompanionFile> Companions { get; }

    public T? GetAnalysis<T>() where T : class => _analyses.TryGetValue(typeof(T), out var value) ? value as T : null;

    /// <summary>Instructions are decoded per call (cheap next to a rule's own work, and nothing is retained).</summary>
    public IReadOnlyList<Sdk.Instruction> Decode(ulong address, ulong end, int maxCount) =>
        InstructionModel.Decode(Binary.Image.Memory, address, end, maxCount);
}
