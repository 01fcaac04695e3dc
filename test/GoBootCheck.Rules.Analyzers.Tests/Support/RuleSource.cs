namespace GoBootCheck.Rules.Analyzers.Tests.Support;

/// <summary>A correct rule written as the Sdk asks, with holes each test fills with one mistake (or its correct form).</summary>
internal static class RuleSource
{
    public const string Help = """
                HelpText = "Why the rule exists.",
                HelpUri = new Uri("https://acme.example/rules/ACME0001"),

        """;

    private const string Template = """
        $MODIFIERS$ class $DECLARED$ : Rule
        {
            public override RuleDescriptor Descriptor { get; } = new()
            {
                Id = $ID$,
                Name = "$NAME$",
                Title = "Functions are sound",
                MessageFormat = "Function {0} is not sound",
        $HELP$$DESCRIPTOR$    };
        $MEMBERS$
            public override Verdict Evaluate(RuleContext context)
            {
                $EVALUATE$
            }
        }

        """;

    public static string Make(string name = "SoundFunctions", string id = "\"ACME0001\"", string descriptor = "", string members = "",
        string evaluate = "return Verdict.Pass(\"all functions\");", string help = Help, string modifiers = "public sealed", string? declaredAs = null) =>
        Template.Replace("$MODIFIERS$", modifiers).Replace("$DECLARED$", declaredAs ?? name).Replace("$NAME$", name).Replace("$ID$", id).Replace("$HELP$", help)
            .Replace("$DESCRIPTOR$", descriptor).Replace("$MEMBERS$", members).Replace("$EVALUATE$", evaluate);

    /// <summary>The descriptor's creation (<c>new() { … }</c>) of a rule made by <see cref="Make"/> marked as location <paramref name="marker"/>.</summary>
    public static string MarkDescriptor(string source, int marker = 1)
    {
        int start = source.IndexOf("Descriptor { get; } = new()", StringComparison.Ordinal) + "Descriptor { get; } = ".Length;
        int end = source.IndexOf("    };\n", start, StringComparison.Ordinal) + "    }".Length;
        return source[..start] + "{|#" + marker + ":" + source[start..end] + "|}" + source[end..];
    }
}
