using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoBootCheck.Rules.CodeFixes;

/// <summary>Object initializers of <c>new RuleDescriptor { … }</c>.</summary>
internal static class Initializers
{
    /// <summary><paramref name="creation"/> with <paramref name="assignment"/> appended to its object initializer (made if absent).</summary>
    public static BaseObjectCreationExpressionSyntax WithMember(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax assignment)
    {
        if (creation.Initializer is { } initializer)
            return creation.WithInitializer(initializer.WithExpressions(InitializerEditing.Append(initializer.Expressions, assignment)));
        var created = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression,
            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space),
            SyntaxFactory.SingletonSeparatedList(assignment.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
        var last = creation.GetLastToken();
        return creation.ReplaceToken(last, last.WithTrailingTrivia()).WithInitializer(created.WithTrailingTrivia(last.TrailingTrivia));
    }

    /// <summary>The value assigned to <paramref name="name"/> in the object initializer, or null.</summary>
    public static AssignmentExpressionSyntax? Member(BaseObjectCreationExpressionSyntax creation, string name) =>
        creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
            .FirstOrDefault(a => a.Left is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name);
}
