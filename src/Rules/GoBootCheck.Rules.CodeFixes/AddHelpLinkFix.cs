using System.Collections.Immutable;
using System.Composition;
using GoBootCheck.Rules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace GoBootCheck.Rules.CodeFixes;

/// <summary>
/// GBC2011 without any help: adds <c>HelpUri = new Uri("https://example.com/rules/ID")</c> to the descriptor, a stub
/// that stays reported until the author points it at the rule's page (HelpText needs the author's words: no stub).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddHelpLinkFix)), Shared]
public sealed class AddHelpLinkFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingHelp);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RuleDescriptorAnalyzer.MissingHelpUriProperty, out string? missing) || missing != "true") continue;
            var creation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
            if (creation is null) continue;
            diagnostic.Properties.TryGetValue(RuleDescriptorAnalyzer.RuleIdProperty, out string? id);
            context.RegisterCodeFix(CodeAction.Create("Add a help link stub (HelpUri)",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(creation, AddHelpUri(creation, id)))),
                equivalenceKey: DiagnosticIds.MissingHelp), diagnostic);
        }
    }

    private static BaseObjectCreationExpressionSyntax AddHelpUri(BaseObjectCreationExpressionSyntax creation, string? id)
    {
        string link = RuleDescriptorAnalyzer.HelpLinkStub + (string.IsNullOrEmpty(id) ? "RULE-ID" : id);
        var uri = SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName("System.Uri").WithAdditionalAnnotations(Simplifier.Annotation).WithLeadingTrivia(SyntaxFactory.Space))
            .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(link))))));
        var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("HelpUri").WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space), uri);
        return Initializers.WithMember(creation, assignment);
    }
}
