using System.Collections.Immutable;
using System.Composition;
using GoBootCheck.Rules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoBootCheck.Rules.CodeFixes;

/// <summary>GBC2002: the id read from a <c>static readonly string</c> field with a constant initializer becomes a const.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeRuleIdConstantFix)), Shared]
public sealed class MakeRuleIdConstantFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RuleIdNotConstant);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (model.GetSymbolInfo(node, context.CancellationToken).Symbol is not IFieldSymbol { IsStatic: true, IsReadOnly: true, Type.SpecialType: SpecialType.System_String } field) continue;
            if (field.DeclaringSyntaxReferences.Length != 1) continue;
            var declarator = await field.DeclaringSyntaxReferences[0].GetSyntaxAsync(context.CancellationToken).ConfigureAwait(false) as VariableDeclaratorSyntax;
            if (declarator is not { Initializer: { } initializer, Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax declaration } }) continue;
            var document = context.Document.Project.Solution.GetDocument(declarator.SyntaxTree);
            if (document is null) continue;
            var fieldModel = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (fieldModel?.GetConstantValue(initializer.Value, context.CancellationToken).HasValue != true) continue;
            context.RegisterCodeFix(CodeAction.Create($"Make '{field.Name}' a const",
                token => MakeConstAsync(document, declaration, token), equivalenceKey: DiagnosticIds.RuleIdNotConstant), diagnostic);
        }
    }

    private static async Task<Solution> MakeConstAsync(Document document, FieldDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document.Project.Solution;
        var modifiers = new List<SyntaxToken>();
        bool added = false;
        foreach (var modifier in declaration.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.StaticKeyword) || modifier.IsKind(SyntaxKind.ReadOnlyKeyword))
            {
                if (!added) modifiers.Add(SyntaxFactory.Token(SyntaxKind.ConstKeyword).WithTriviaFrom(modifier));
                added = true;
                continue;
            }
            modifiers.Add(modifier);
        }
        var fixedDeclaration = declaration.WithModifiers(SyntaxFactory.TokenList(modifiers));
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration)).Project.Solution;
    }
}
