using GoBootCheck.Sdk;

namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// GBC0006: a c-shared library and the header beside it declare the same exports. Every function of the header's export
/// block (after the preamble and cgo's boilerplate) is a defined symbol of .dynsym, and every exported Go function is in
/// the header. cmd/cgo (out.go, writeExports) emits, per <c>//export Name</c>, a C wrapper <c>Name</c> and the Go side
/// <c>_cgoexp_&lt;package hash&gt;_Name</c>; the linker exports both dynamically (cgo_export_dynamic), so the
/// <c>_cgoexp_</c> symbols list the Go exports even when the C wrapper's name is gone. The contract is by name: a name is
/// the evidence.
/// </summary>
public sealed class GoExportsMatchHeader : Rule
{
    private const string GoExportPrefix = "_cgoexp_";

    /// <inheritdoc/>
    public override RuleDescriptor Descriptor { get; } = BuiltInDescriptors.Describe(
        RuleIds.GoExportsMatchHeader,
        nameof(GoExportsMatchHeader),
        "Exports",
        "The c-shared header's exported functions and the library's .dynsym exports name the same functions.",
        "A C# (or C) caller binds to a Go c-shared library by the names in the header go build wrote beside it. A header left " +
        "over from an earlier build (an export renamed, removed or added since) compiles fine and fails at run time with " +
        "EntryPointNotFoundException or an undefined symbol. The rule reads the header's export block with cgo's header " +
        "parser and compares it with the library's dynamic symbol table, both ways.",
        helpUri: "docs/rules/GBC0006.md");

    /// <inheritdoc/>
    public override Verdict Evaluate(RuleContext context)
    {
        if (context.GetCompanionFile(CompanionFile.CHeader) is not { } header)
            return Verdict.NotApplicable("the binary has no c-shared header (GoBuild's c-shared output or the item's CHeader metadata)");
        if (context.GetAnalysis<CgoHeaderExports>() is not { } exports)
            return Verdict.NotVerified($"the export block of {header.Path} was not read");
        if (!exports.IsCgoHeader)
            return Verdict.NotVerified($"{header.Path} is not a header written by cgo (its section comments are missing)");

        string library = context.Image.Name;
        string headerName = exports.HeaderPath;
        var dynamic = new HashSet<string>(context.Image.DynamicExports.Select(s => s.Name), StringComparer.Ordinal);
        var goExports = GoExports(context.Image.DynamicExports);
        var declared = new HashSet<string>(exports.Functions.Select(f => f.Name), StringComparer.Ordinal);

        var findings = new List<Finding>();
        foreach (var function in exports.Functions)
        {
            if (dynamic.Contains(function.Name)) continue;
            string goSide = goExports.TryGetValue(function.Name, out var wrapper) ? $" (its Go side {wrapper} is there)" : "";
            findings.Add(new Finding($"{headerName}:{function.Line} declares the export '{function.Name}', but {library} does not export it in .dynsym{goSide}: " +
                "the header and the library come from different builds; rebuild both or use the header written with this library")
            {
                Function = function.Name,
                Source = new CodeLocation(headerName, function.Line),
                Discriminator = "not-exported:" + function.Name,
            });
        }
        foreach (var (name, symbol) in goExports.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (declared.Contains(name)) continue;
            string unread = exports.NotUnderstood.Count == 0 ? "" : $" (the parser did not understand {string.Join(", ", exports.NotUnderstood)})";
            findings.Add(new Finding($"{library} exports the Go function '{name}' ({symbol} in .dynsym), but {headerName} does not declare it{unread}: " +
                "the header and the library come from different builds; rebuild both or use the header written with this library")
            {
                Function = name,
                Source = new CodeLocation(headerName, null),
                Discriminator = "not-declared:" + name,
            });
        }
        if (findings.Count > 0)
        {
            foreach (var finding in findings) context.Report(finding);
            return Verdict.Fail($"{findings.Count} mismatch(es) between {headerName} and the .dynsym exports of {library}");
        }
        string skipped = exports.NotUnderstood.Count == 0 ? "" :
            $"; {exports.NotUnderstood.Count} declaration(s) of the export block not understood ({string.Join(", ", exports.NotUnderstood)})";
        return Verdict.Pass($"the {exports.Functions.Count} function(s) of {headerName}'s export block are the {goExports.Count} Go export(s) of {library}'s .dynsym{skipped}");
    }

    /// <summary>The Go exports by their C name: <c>_cgoexp_&lt;hex hash&gt;_Name</c> → Name (cmd/cgo out.go).</summary>
    private static Dictionary<string, string> GoExports(IReadOnlyList<ElfSymbol> dynamicExports)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var symbol in dynamicExports)
        {
            if (!symbol.Name.StartsWith(GoExportPrefix, StringComparison.Ordinal)) continue;
            int hashEnd = symbol.Name.IndexOf('_', GoExportPrefix.Length);
            if (hashEnd <= GoExportPrefix.Length || hashEnd == symbol.Name.Length - 1) continue;
            if (!symbol.Name.AsSpan(GoExportPrefix.Length, hashEnd - GoExportPrefix.Length).ToString().All(Uri.IsHexDigit)) continue;
            result.TryAdd(symbol.Name[(hashEnd + 1)..], symbol.Name);
        }
        return result;
    }
}
