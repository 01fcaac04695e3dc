using Microsoft.CodeAnalysis;

namespace GoBootCheck.Interop.Matching;

/// <summary>What is wrong in one position of a declaration, and the obvious fix if there is one.</summary>
internal sealed class Mismatch
{
    public Mismatch(DiagnosticDescriptor descriptor, string managed, string header, string? fixType = null, bool addMarshalAsU1 = false, bool atPointee = false)
    {
        Descriptor = descriptor;
        Managed = managed;
        Header = header;
        FixType = fixType;
        AddMarshalAsU1 = addMarshalAsU1;
        AtPointee = atPointee;
    }

    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>What the C# side is ("int (4 bytes)").</summary>
    public string Managed { get; }

    /// <summary>What the header declares ("GoInt a (long long, 8 bytes)"), or for GBC2110 why it is not verified.</summary>
    public string Header { get; }

    /// <summary>The C# keyword the type should be (a code fix offers it).</summary>
    public string? FixType { get; }

    /// <summary>A code fix adds [MarshalAs(UnmanagedType.U1)].</summary>
    public bool AddMarshalAsU1 { get; }

    /// <summary>The mismatch is in what a pointer points to.</summary>
    public bool AtPointee { get; }

    public Mismatch Pointee() => new(Descriptor, Managed, Header, FixType, AddMarshalAsU1, atPointee: true);
}
