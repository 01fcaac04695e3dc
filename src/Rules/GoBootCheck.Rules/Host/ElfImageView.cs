using GoBootCheck.Binary;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.Host;

/// <summary>The public view of a <see cref="BinaryImage"/>; lists are built once, on first use.</summary>
internal sealed class ElfImageView(BinaryImage image) : Sdk.ElfImage
{
    private IReadOnlyList<Sdk.ElfSection>? _sections;
    private IReadOnlyList<Sdk.ElfSegment>? _segments;
    private IReadOnlyList<Sdk.ElfSymbol>? _symbols;

    public override string Name => image.Name;

    public override long Length => image.Bytes.Length;

    public override Sdk.ElfImageType Type => image.Type == ImageType.Executable ? Sdk.ElfImageType.Executable : Sdk.ElfImageType.SharedObject;

    public override ulong Entry => image.Entry;

    public override bool HasInterpreter => image.HasInterpreter;

    public override bool IsStripped => !image.HasSymbolTable;

    public override bool HasTlsSegment => image.Tls is not null;

    public override IReadOnlyList<Sdk.ElfSection> Sections => _sections ??=
        [.. image.Sections.Select(s => new Sdk.ElfSection { Name = s.Name, Address = s.Address, Size = s.Size, IsAllocated = s.IsAllocated, IsExecutable = s.IsExecutable })];

    public override IReadOnlyList<Sdk.ElfSegment> Segments => _segments ??=
        [.. image.Memory.Segments.Select(s => new Sdk.ElfSegment
        {
            VirtualAddress = s.VirtualAddress, MemorySize = s.MemorySize, FileOffset = s.FileOffset, FileSize = s.FileSize, Access = (Sdk.SegmentAccess)(int)s.Access,
        })];

    public override IReadOnlyList<Sdk.ElfSymbol> Symbols => _symbols ??=
        [.. image.Symbols.Select(s => new Sdk.ElfSymbol
        {
            Name = s.Name, Value = s.Value, Size = s.Size, IsDefined = s.IsDefined, IsDynamic = s.IsDynamic,
            Kind = s.Kind switch
            {
                SymbolKind.Object => Sdk.SymbolKind.Object,
                SymbolKind.Function => Sdk.SymbolKind.Function,
                SymbolKind.Tls => Sdk.SymbolKind.Tls,
                SymbolKind.Section or SymbolKind.File => Sdk.SymbolKind.Section,
                _ => Sdk.SymbolKind.Other,
            },
        })];

    public override bool TryRead(ulong address, Span<byte> destination) => image.Memory.TryRead(address, destination);
}
