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

/// <summary>GBC2006: adds the parameter read to the rule's descriptor (Parameters = [ …, P ]), wherever the descriptor is written.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareParameterFix)), Shared]
public sealed class DeclareParameterFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ParameterNotDeclared);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ParameterDeclarationAnalyzer.ParameterProperty, out string? parameter) || string.IsNullOrEmpty(parameter)) continue;
            if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree is not { } tree) continue;
            var document = context.Document.Project.Solution.GetDocument(tree);
            if (document is null) continue;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var creation = root?.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
            if (root is null || creation is null) continue;
            var fixedCreation = Declare(creation, SyntaxFactory.ParseExpression(parameter!), (CSharpParseOptions)tree.Options);
            if (fixedCreation is null) continue;
            context.RegisterCodeFix(CodeAction.Create($"Declare '{parameter}' in the descriptor's Parameters",
                _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(creation, fixedCreation)).Project.Solution),
                equivalenceKey: DiagnosticIds.ParameterNotDeclared + "." + parameter), diagnostic);
        }
    }

    private static BaseObjectCreationExpressionSyntax? Declare(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax parameter, CSharpParseOptions options)
    {
        if (Initializers.Member(creation, "Parameters") is { } assignment)
        {
            ExpressionSyntax? value = assignment.Right switch
            {
                CollectionExpressionSyntax collection => collection.WithElements(InitializerEditing.Append(collection.Elements, (CollectionElementSyntax)SyntaxFactory.ExpressionElement(parameter))),
                ArrayCreationExpressionSyntax { Initializer: { } items } array => array.WithInitializer(items.WithExpressions(InitializerEditing.Append(items.Expressions, parameter))),
                ImplicitArrayCreationExpressionSyntax array => array.WithInitializer(array.Initializer.WithExpressions(InitializerEditing.Append(array.Initializer.Expressions, parameter))),
                _ => null,
            };
            return value is null ? null : creation.ReplaceNode(assignment.Right, value);
        }
        ExpressionSyntax list = options.LanguageVersion >= LanguageVersion.CSharp12
            ? SyntaxFactory.CollectionExpression(SyntaxFactory.SingletonSeparatedList<CollectionElementSyntax>(SyntaxFactory.ExpressionElement(parameter)))
            : SyntaxFactory.ArrayCreationExpression(
                    SyntaxFactory.ArrayType(SyntaxFactory.ParseTypeName("GoBootCheck.Sdk.RuleParameter").WithAdditionalAnnotations(Simplifier.Annotation),
                        SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier())).WithLeadingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SingletonSeparatedList(parameter.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)))
                        .WithLeadingTrivia(SyntaxFactory.Space));
        var member = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("Parameters").WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space), list);
        return Initializers.WithMember(creation, member);
    }
}
