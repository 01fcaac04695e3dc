using System.Resources;
using Microsoft.CodeAnalysis;

namespace GoBootCheck.Interop;

/// <summary>The interop analyzer's descriptors; texts come from Resources.resx.</summary>
internal static class Descriptors
{
    private const string Category = "GoBootCheck.Interop";

    /// <summary>Where the docs pages live; each id has docs/interop/&lt;id&gt;.md.</summary>
    public const string HelpBase = "https://github.com/GoBootCheck/GoBootCheck/blob/main/docs/interop/";

    private static readonly ResourceManager Resources = new("GoBootCheck.Interop.Resources", typeof(Descriptors).Assembly);

    private static LocalizableResourceString Text(string name) => new(name, Resources, typeof(Descriptors));

    private static DiagnosticDescriptor Create(string id, string name, DiagnosticSeverity severity, params string[] tags) =>
        new(id, Text(name + "Title"), Text(name + "Message"), Category, severity, isEnabledByDefault: true,
            description: Text(name + "Description"), helpLinkUri: HelpBase + id + ".md", customTags: tags);

    public static readonly DiagnosticDescriptor EntryPointNotFound =
        Create(DiagnosticIds.EntryPointNotFound, nameof(EntryPointNotFound), DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ParameterCountMismatch =
        Create(DiagnosticIds.ParameterCountMismatch, nameof(ParameterCountMismatch), DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NativeSizeMismatch =
        Create(DiagnosticIds.NativeSizeMismatch, nameof(NativeSizeMismatch), DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NativeKindMismatch =
        Create(DiagnosticIds.NativeKindMismatch, nameof(NativeKindMismatch), DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor StructLayoutMismatch =
        Create(DiagnosticIds.StructLayoutMismatch, nameof(StructLayoutMismatch), DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor StringMismatch =
        Create(DiagnosticIds.StringMismatch, nameof(StringMismatch), DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor BoolWithoutU1 =
        Create(DiagnosticIds.BoolWithoutU1, nameof(BoolWithoutU1), DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor PointerAsInteger =
        Create(DiagnosticIds.PointerAsInteger, nameof(PointerAsInteger), DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NotVerified =
        Create(DiagnosticIds.NotVerified, nameof(NotVerified), DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor HeaderProblem =
        Create(DiagnosticIds.HeaderProblem, nameof(HeaderProblem), DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor DuplicateLibrary =
        Create(DiagnosticIds.DuplicateLibrary, nameof(DuplicateLibrary), DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);
}
