using System.Collections.Immutable;
using System.Composition;
using GoBootCheck.Rules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoBootCheck.Rules.CodeFixes;

/// <summary>GBC2013: the loop's first statement becomes <c>context.Cancellation.ThrowIfCancellationRequested();</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObserveCancellationFix)), Shared]
public sealed class ObserveCancellationFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LoopIgnoresCancellation);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(EvaluationAnalyzer.TokenProperty, out string? token) || string.IsNullOrEmpty(token)) continue;
            var loop = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<StatementSyntax>();
            if (loop is not (CommonForEachStatementSyntax or ForStatementSyntax)) continue;
            context.RegisterCodeFix(CodeAction.Create($"Call {token}.ThrowIfCancellationRequested() in the loop",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(loop, Observe(loop, token!)))),
                equivalenceKey: DiagnosticIds.LoopIgnoresCancellation), diagnostic);
        }
    }

    private static StatementSyntax Observe(StatementSyntax loop, string token)
    {
        var (body, closeParen) = loop switch
        {
            CommonForEachStatementSyntax forEach => (forEach.Statement, forEach.CloseParenToken),
            ForStatementSyntax forStatement => (forStatement.Statement, forStatement.CloseParenToken),
            _ => throw new ArgumentException("not a loop", nameof(loop)),
        };
        var newLine = loop.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!newLine.IsKind(SyntaxKind.EndOfLineTrivia)) newLine = SyntaxFactory.EndOfLine("\n");
        string indent = Indentation(loop);
        var check = SyntaxFactory.ParseStatement(token + ".ThrowIfCancellationRequested();");
        if (body is BlockSyntax block)
        {
            string inner = block.Statements.Count > 0 ? Indentation(block.Statements[0]) : indent + "    ";
            check = check.WithLeadingTrivia(SyntaxFactory.Whitespace(inner)).WithTrailingTrivia(newLine);
            return loop.ReplaceNode(block, block.WithStatements(block.Statements.Insert(0, check)));
        }
        // A single statement becomes a block in the usual layout: braces on their own lines, indented once more inside.
        string innerIndent = indent + "    ";
        var newBlock = SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Whitespace(indent)).WithTrailingTrivia(newLine),
                SyntaxFactory.List([
                    check.WithLeadingTrivia(SyntaxFactory.Whitespace(innerIndent)).WithTrailingTrivia(newLine),
                    body.WithLeadingTrivia(SyntaxFactory.Whitespace(innerIndent)).WithTrailingTrivia(newLine)]),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Whitespace(indent)))
            .WithTrailingTrivia(body.GetTrailingTrivia());
        return loop.ReplaceSyntax([body], (_, _) => newBlock, [closeParen], (_, rewritten) => rewritten.WithTrailingTrivia(newLine), [], (_, trivia) => trivia);
    }

    private static string Indentation(SyntaxNode node) =>
        node.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
}
