using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace GoBootCheck.Interop.CodeFixes;

/// <summary>
/// The obvious fixes: the integer or floating-point type the header's size asks for (GBC2103), [MarshalAs(U1)] on a
/// bool (GBC2107), the nearest entry point of the header (GBC2101).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InteropCodeFixProvider)), Shared]
public sealed class InteropCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.EntryPointNotFound, DiagnosticIds.NativeSizeMismatch, DiagnosticIds.BoolWithoutU1);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            switch (diagnostic.Id)
            {
                case DiagnosticIds.NativeSizeMismatch when diagnostic.Properties.TryGetValue(InteropAnalyzer.FixTypeProperty, out string? fixType) && fixType is not null:
                    if (PredefinedTypeIn(node) is { } predefined)
                    {
                        context.RegisterCodeFix(CodeAction.Create($"Change '{predefined}' to '{fixType}'",
                            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(predefined,
                                SyntaxFactory.ParseTypeName(fixType).WithTriviaFrom(predefined)))),
                            equivalenceKey: DiagnosticIds.NativeSizeMismatch + "." + fixType), diagnostic);
                    }
                    break;
                case DiagnosticIds.BoolWithoutU1 when diagnostic.Properties.TryGetValue(InteropAnalyzer.MarshalAsU1Property, out string? where):
                    context.RegisterCodeFix(CodeAction.Create("Add [MarshalAs(UnmanagedType.U1)]",
                        _ => Task.FromResult(AddMarshalAsU1(context.Document, root, node, where == "return")),
                        equivalenceKey: DiagnosticIds.BoolWithoutU1), diagnostic);
                    break;
                case DiagnosticIds.EntryPointNotFound when diagnostic.Properties.TryGetValue(InteropAnalyzer.CandidatesProperty, out string? candidates) && !string.IsNullOrEmpty(candidates):
                    foreach (string candidate in candidates!.Split(';'))
                    {
                        context.RegisterCodeFix(CodeAction.Create($"Use entry point '{candidate}'",
                            _ => Task.FromResult(SetEntryPoint(context.Document, root, node, candidate)),
                            equivalenceKey: DiagnosticIds.EntryPointNotFound + "." + candidate), diagnostic);
                    }
                    break;
            }
        }
    }

    private static PredefinedTypeSyntax? PredefinedTypeIn(SyntaxNode node) => node switch
    {
        PredefinedTypeSyntax p => p,
        PointerTypeSyntax { ElementType: PredefinedTypeSyntax p } => p,
        ArrayTypeSyntax { ElementType: PredefinedTypeSyntax p } => p,
        RefTypeSyntax { Type: PredefinedTypeSyntax p } => p,
        ParameterSyntax { Type: { } t } => PredefinedTypeIn(t),
        _ => null,
    };

    private static AttributeListSyntax MarshalAsU1(SyntaxKind? target)
    {
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("System.Runtime.InteropServices.MarshalAs").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                SyntaxFactory.ParseExpression("System.Runtime.InteropServices.UnmanagedType.U1").WithAdditionalAnnotations(Simplifier.Annotation)))));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
        return target is { } t ? list.WithTarget(SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(t))) : list;
    }

    private static Document AddMarshalAsU1(Document document, SyntaxNode root, SyntaxNode node, bool onReturn)
    {
        if (onReturn)
        {
            var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method is null) return document;
            var list = MarshalAsU1(SyntaxKind.ReturnKeyword);
            var updated = method.WithAttributeLists(method.AttributeLists.Add(list.WithTrailingTrivia(SyntaxFactory.ElasticSpace)));
            return document.WithSyntaxRoot(root.ReplaceNode(method, updated.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)));
        }
        var parameter = node.FirstAncestorOrSelf<ParameterSyntax>();
        if (parameter is null) return document;
        var withAttribute = parameter.WithAttributeLists(parameter.AttributeLists.Add(MarshalAsU1(null).WithTrailingTrivia(SyntaxFactory.Space)));
        return document.WithSyntaxRoot(root.ReplaceNode(parameter, withAttribute));
    }

    private static Document SetEntryPoint(Document document, SyntaxNode root, SyntaxNode node, string entryPoint)
    {
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(entryPoint));
        var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
        if (attribute is null) return document;
        var existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "EntryPoint");
        if (existing is not null)
            return document.WithSyntaxRoot(root.ReplaceNode(existing.Expression, literal.WithTriviaFrom(existing.Expression)));
        var argument = SyntaxFactory.AttributeArgument(literal).WithNameEquals(SyntaxFactory.NameEquals("EntryPoint"));
        var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(arguments.AddArguments(argument))));
    }
}
