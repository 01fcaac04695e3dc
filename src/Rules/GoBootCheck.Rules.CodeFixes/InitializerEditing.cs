using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoBootCheck.Rules.CodeFixes;

/// <summary>Appends an element to a comma-separated list (object initializer, array initializer, collection expression) in its own layout.</summary>
internal static class InitializerEditing
{
    /// <summary>
    /// <paramref name="list"/> with <paramref name="item"/> appended: on its own line, indented like the last element, when
    /// the list is one element per line (a trailing comma kept if there was one); after ", " otherwise.
    /// </summary>
    public static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item) where T : SyntaxNode
    {
        if (list.Count == 0) return SyntaxFactory.SeparatedList([item.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)]);
        var last = list[list.Count - 1];
        var items = new List<SyntaxNodeOrToken>(list.GetWithSeparators());
        bool trailingSeparator = list.SeparatorCount == list.Count;
        if (trailingSeparator)
        {
            var comma = list.GetSeparator(list.SeparatorCount - 1);
            items.Add(item.WithLeadingTrivia(last.GetLeadingTrivia()).WithTrailingTrivia());
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(comma.TrailingTrivia));
        }
        else
        {
            var newLine = last.GetFirstToken().GetPreviousToken().TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            bool multiline = newLine.IsKind(SyntaxKind.EndOfLineTrivia);
            items[items.Count - 1] = last.WithTrailingTrivia();
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiline ? SyntaxFactory.TriviaList(newLine) : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            items.Add(item.WithLeadingTrivia(multiline ? last.GetLeadingTrivia() : default).WithTrailingTrivia(last.GetTrailingTrivia()));
        }
        return SyntaxFactory.SeparatedList<T>(items);
    }
}
