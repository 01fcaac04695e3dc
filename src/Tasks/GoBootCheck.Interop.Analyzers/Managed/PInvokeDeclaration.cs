using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoBootCheck.Interop.Managed;

/// <summary>How strings and chars are marshalled by a declaration.</summary>
internal enum StringEncoding
{
    /// <summary>No marshalling given (LibraryImport without StringMarshalling): the runtime's analyzers report it.</summary>
    Unspecified,

    /// <summary>UTF-8 (DllImport's CharSet.Ansi/None/Auto on Linux, StringMarshalling.Utf8, LPStr, LPUTF8Str).</summary>
    Utf8,

    /// <summary>UTF-16 (CharSet.Unicode, StringMarshalling.Utf16, LPWStr).</summary>
    Utf16,

    /// <summary>A custom marshaller: not verified.</summary>
    Custom,
}

/// <summary>A [DllImport] or [LibraryImport] method, as far as the native call is concerned.</summary>
internal sealed class PInvokeDeclaration
{
    private const string LibraryImportAttribute = "System.Runtime.InteropServices.LibraryImportAttribute";
    private const string DisableRuntimeMarshallingAttribute = "System.Runtime.CompilerServices.DisableRuntimeMarshallingAttribute";

    private PInvokeDeclaration(IMethodSymbol method, bool isLibraryImport, string library, string entryPoint, StringEncoding encoding,
        bool preserveSig, bool runtimeMarshallingDisabled, AttributeSyntax? attribute, ExpressionSyntax? entryPointArgument)
    {
        Method = method;
        IsLibraryImport = isLibraryImport;
        Library = library;
        EntryPoint = entryPoint;
        Encoding = encoding;
        PreserveSig = preserveSig;
        RuntimeMarshallingDisabled = runtimeMarshallingDisabled;
        Attribute = attribute;
        EntryPointArgument = entryPointArgument;
    }

    public IMethodSymbol Method { get; }

    public bool IsLibraryImport { get; }

    public string Library { get; }

    public string EntryPoint { get; }

    /// <summary>How string and char parameters are marshalled.</summary>
    public StringEncoding Encoding { get; }

    /// <summary>False for DllImport(PreserveSig = false): the native signature is then an HRESULT one.</summary>
    public bool PreserveSig { get; }

    /// <summary>[assembly: DisableRuntimeMarshalling]: bool and char pass as their managed layout.</summary>
    public bool RuntimeMarshallingDisabled { get; }

    /// <summary>The attribute's syntax (where an entry point problem is reported).</summary>
    public AttributeSyntax? Attribute { get; }

    /// <summary>The EntryPoint = "…" argument, if written.</summary>
    public ExpressionSyntax? EntryPointArgument { get; }

    public string Kind => IsLibraryImport ? "LibraryImport" : "DllImport";

    /// <summary>The declaration of <paramref name="method"/>, or null when it is not a P/Invoke declared in source.</summary>
    public static PInvokeDeclaration? From(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        // The implementation part of a partial method is the source generator's: its definition part is the one.
        if (method.PartialDefinitionPart is not null) return null;
        bool disabled = compilation.Assembly.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DisableRuntimeMarshallingAttribute);
        var libraryImport = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == LibraryImportAttribute);
        if (libraryImport is not null)
        {
            if (libraryImport.ConstructorArguments.Length != 1 || libraryImport.ConstructorArguments[0].Value is not string library) return null;
            string entry = method.Name;
            var encoding = StringEncoding.Unspecified;
            foreach (var named in libraryImport.NamedArguments)
            {
                if (named.Key == "EntryPoint" && named.Value.Value is string e) entry = e;
                else if (named.Key == "StringMarshalling" && named.Value.Value is int m)
                    encoding = m switch { 1 => StringEncoding.Utf8, 2 => StringEncoding.Utf16, 0 => StringEncoding.Custom, _ => StringEncoding.Custom };
                else if (named.Key == "StringMarshallingCustomType") encoding = StringEncoding.Custom;
            }
            var syntax = libraryImport.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            return new PInvokeDeclaration(method, true, library, entry, encoding, true, disabled, syntax, EntryPointArgumentOf(syntax));
        }
        var data = method.GetDllImportData();
        if (data?.ModuleName is not { } module) return null;
        var dllImport = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.DllImportAttribute");
        var attribute = dllImport?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        // CharSet.Ansi, None and Auto marshal UTF-8 on Linux; Unicode marshals UTF-16.
        var charSet = data.CharacterSet == System.Runtime.InteropServices.CharSet.Unicode ? StringEncoding.Utf16 : StringEncoding.Utf8;
        bool preserveSig = dllImport?.NamedArguments.FirstOrDefault(a => a.Key == "PreserveSig").Value.Value is not false;
        return new PInvokeDeclaration(method, false, module, data.EntryPointName ?? method.Name, charSet, preserveSig, disabled,
            attribute, EntryPointArgumentOf(attribute));
    }

    private static ExpressionSyntax? EntryPointArgumentOf(AttributeSyntax? attribute) =>
        attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "EntryPoint")?.Expression;
}
