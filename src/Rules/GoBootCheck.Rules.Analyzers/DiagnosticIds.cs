namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// The rule-pack analyzer's ids (GBC2001–GBC2099). Each has a page docs/analyzers/&lt;id&gt;.md. Retired ids are never
/// reused.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A rule type the loader cannot create: not public, abstract without a concrete rule, generic, no public parameterless constructor.</summary>
    public const string RuleNotCreatable = "GBC2001";

    /// <summary>A descriptor's id is not a compile-time constant.</summary>
    public const string RuleIdNotConstant = "GBC2002";

    /// <summary>A descriptor's id is not letters followed by four or more digits (the loader's rule).</summary>
    public const string RuleIdMalformed = "GBC2003";

    /// <summary>A descriptor's id lies in a range GoBootCheck reserves for itself.</summary>
    public const string RuleIdReserved = "GBC2004";

    /// <summary>Two rules of the pack have the same id (ignoring case, as the loader compares).</summary>
    public const string RuleIdDuplicated = "GBC2005";

    /// <summary>A parameter read (RuleContext.GetParameter) of a parameter the rule's descriptor does not declare.</summary>
    public const string ParameterNotDeclared = "GBC2006";

    /// <summary>A parameter whose default lies outside its Minimum–Maximum range (or whose range is empty).</summary>
    public const string ParameterDefaultOutOfRange = "GBC2007";

    /// <summary>Rule code reaching for the file system, environment, clock, randomness, network, processes or the console.</summary>
    public const string NonDeterministicApi = "GBC2008";

    /// <summary>A rule type keeping mutable static state.</summary>
    public const string MutableStaticState = "GBC2009";

    /// <summary>A rule writing its own instance fields outside its constructor.</summary>
    public const string InstanceFieldWrite = "GBC2010";

    /// <summary>A descriptor with neither help text nor help link, or with the code fix's help link stub.</summary>
    public const string MissingHelp = "GBC2011";

    /// <summary>Rule code throwing where the API offers Verdict.NotVerified.</summary>
    public const string ThrowInsteadOfNotVerified = "GBC2012";

    /// <summary>A loop over the binary's functions or instructions that never looks at the cancellation token.</summary>
    public const string LoopIgnoresCancellation = "GBC2013";

    /// <summary>A descriptor's name is not PascalCase (the loader refuses the rule).</summary>
    public const string RuleNameMalformed = "GBC2014";

    /// <summary>A descriptor's message format is not a valid composite format of at most 32 arguments (the loader refuses the rule).</summary>
    public const string MessageFormatInvalid = "GBC2015";

    /// <summary>A parameter its constructor refuses: a malformed name, an unsupported type, a range on a parameter that is not long or int.</summary>
    public const string ParameterInvalid = "GBC2016";

    /// <summary>A finding with fewer arguments than its rule's message format takes (the engine discards the rule's result).</summary>
    public const string FindingArgumentsMissing = "GBC2017";
}
