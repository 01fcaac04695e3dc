using System.Reflection;
using GoBootCheck.Diagnostics;
using Sdk = GoBootCheck.Sdk;

namespace GoBootCheck.RulePacks;

/// <summary>A tool diagnostic about loading rules, with the pack it concerns (null: the built-in rules).</summary>
/// <param name="Diagnostic">The diagnostic.</param>
/// <param name="PackPath">The pack's path as listed, for the log's file column.</param>
public sealed record LoadDiagnostic(ToolDiagnostic Diagnostic, string? PackPath);

/// <summary>
/// The rules of a build: the built-in rules, then each rule pack's, loaded by one loader. Packs live in isolated,
/// collectible load contexts that share only GoBootCheck.Sdk with the host; a pack that cannot be loaded, a rule id
/// used twice, an invalid descriptor or a pack built against a newer API are load diagnostics, never exceptions.
/// Dispose to unload the packs.
/// </summary>
public sealed partial class RuleCatalog : IDisposable
{
    private readonly List<LoadedRule> _rules = [];
    private readonly List<RulePack> _packs = [];
    private readonly List<LoadDiagnostic> _diagnostics = [];
    private readonly List<PackLoadContext> _contexts = [];

    private RuleCatalog()
    {
        AddAssembly(typeof(Rules.BuiltIn.RuleIds).Assembly, path: null, isolated: false);
    }

    /// <summary>The built-in rules only.</summary>
    public static RuleCatalog BuiltIn() => new();

    /// <summary>The built-in rules and the rules of the packs at <paramref name="packPaths"/>, in that order.</summary>
    public static RuleCatalog Load(IEnumerable<string> packPaths)
    {
        var catalog = new RuleCatalog();
        foreach (string path in packPaths) catalog.LoadPack(path);
        return catalog;
    }

    /// <summary>
    /// The built-in rules and <paramref name="rules"/> as one pack named <paramref name="packName"/> (isolated: run
    /// with the budget on their own thread): for tests of the runner without building an assembly.
    /// </summary>
    internal static RuleCatalog WithRules(string packName, bool isolated, params Sdk.Rule[] rules)
    {
        var catalog = new RuleCatalog();
        var pack = new RulePack(packName, isolated ? packName + ".dll" : null, isolated);
        catalog._packs.Add(pack);
        foreach (var rule in rules)
        {
            if ((DescriptorProblem(rule.Descriptor) ?? ReservedIdProblem(rule.Descriptor, pack)) is { } problem) throw new ArgumentException(problem, nameof(rules));
            catalog._rules.Add(new LoadedRule(rule, rule.Descriptor, pack));
        }
        return catalog;
    }

    /// <summary>The rules, in evaluation order.</summary>
    internal IReadOnlyList<LoadedRule> Rules => _rules;

    /// <summary>The rules' descriptors as the sinks show them.</summary>
    public IReadOnlyList<RuleDescriptor> Descriptors => [.. _rules.Select(r => r.Report)];

    /// <summary>The rules' public descriptors (with their typed parameters, for configuration).</summary>
    public IReadOnlyList<Sdk.RuleDescriptor> RuleDescriptors => [.. _rules.Select(r => r.Descriptor)];

    /// <summary>The built-in rules' source, then each pack that loaded.</summary>
    public IReadOnlyList<RulePack> Packs => _packs;

    /// <summary>Problems met while loading, in order.</summary>
    public IReadOnlyList<LoadDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Unloads the packs' load contexts (an abandoned rule still running keeps its context alive until it ends).</summary>
    public void Dispose()
    {
        foreach (var context in _contexts) context.Unload();
        _contexts.Clear();
    }

    private void LoadPack(string path)
    {
        PackLoadContext? context = null;
        Assembly assembly;
        try
        {
            context = new PackLoadContext(System.IO.Path.GetFullPath(path));
            assembly = context.LoadFromAssemblyPath(System.IO.Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context?.Unload();
            string why = ex switch
            {
                FileNotFoundException => "the file does not exist",
                // AssemblyDependencyResolver: "Failed to locate managed application" when the file is missing.
                InvalidOperationException when !System.IO.Path.Exists(path) => "the file does not exist",
                BadImageFormatException => "it is not a .NET assembly",
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            Fail(path, DiagnosticIds.RulePackUnloadable, $"rule pack {path} could not be loaded: {why}");
            return;
        }
        if (!ApiVersionFits(assembly, path))
        {
            context.Unload();
            return;
        }
        _contexts.Add(context);
        AddAssembly(assembly, path, isolated: true);
    }

    /// <summary>
    /// A pack built against a newer GoBootCheck.Sdk may call members this host does not have: refused before any of
    /// its types load (reading the assembly's references loads nothing), instead of a MissingMethodException later.
    /// </summary>
    private bool ApiVersionFits(Assembly assembly, string path)
    {
        var host = typeof(Sdk.Rule).Assembly.GetName();
        var reference = assembly.GetReferencedAssemblies().FirstOrDefault(a => string.Equals(a.Name, host.Name, StringComparison.Ordinal));
        if (reference is null)
        {
            Fail(path, DiagnosticIds.RulePackUnloadable,
                $"rule pack {path} does not reference {host.Name}: it is not a rule pack (a pack's rules derive from GoBootCheck.Sdk.Rule)");
            return false;
        }
        if (reference.Version is { } wanted && host.Version is { } have && wanted > have)
        {
            Fail(path, DiagnosticIds.RulePackNeedsNewerApi,
                $"rule pack {assembly.GetName().Name} ({path}) was built against {host.Name} {wanted}, newer than this GoBootCheck's {have}: " +
                "update the GoBootCheck package, or build the pack against an older GoBootCheck.Sdk; its rules were not loaded");
            return false;
        }
        return true;
    }

    private void AddAssembly(Assembly assembly, string? path, bool isolated)
    {
        string name = assembly.GetName().Name ?? "?";
        var pack = new RulePack(name, path, isolated);
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is TypeLoadException or ReflectionTypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            Fail(path, DiagnosticIds.RulePackUnloadable, $"{pack}: its types could not be loaded ({ex.GetType().Name}: {ex.Message})");
            return;
        }
        var found = new List<LoadedRule>();
        foreach (var type in types.Where(t => typeof(Sdk.Rule).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (Create(type, pack) is { } rule) found.Add(rule);
        }
        if (found.Count == 0 && path is not null && !_diagnostics.Any(d => d.PackPath == path))
        {
            Fail(path, DiagnosticIds.RulePackUnloadable, $"{pack} has no public rule (a public non-abstract class deriving from GoBootCheck.Sdk.Rule)");
            return;
        }
        _packs.Add(pack);
        foreach (var rule in found.OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal))
        {
            if (_rules.FirstOrDefault(r => string.Equals(r.Descriptor.Id, rule.Descriptor.Id, StringComparison.OrdinalIgnoreCase)) is { } first)
            {
                Fail(path, DiagnosticIds.RuleIdClash,
                    $"{rule.Descriptor.Id} {rule.Descriptor.Name} of {pack} has the id of {first.Descriptor.Id} {first.Descriptor.Name} of {first.Pack}; " +
                    "the second was not loaded: rule ids are unique (packs use GBC5000 and above, or their own prefix)");
                continue;
            }
            if (ReservedIdProblem(rule.Descriptor, pack) is { } reserved)
            {
                Fail(path, DiagnosticIds.InvalidRuleDescriptor, $"rule {rule.Rule.GetType().FullName} of {pack}: {reserved}; it was not loaded");
                continue;
            }
            _rules.Add(rule);
        }
    }

    private LoadedRule? Create(Type type, RulePack pack)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            Fail(pack.Path, DiagnosticIds.RulePackUnloadable, $"rule {type.FullName} of {pack} has no public parameterless constructor; it was not loaded");
            return null;
        }
        Sdk.Rule rule;
        Sdk.RuleDescriptor? descriptor;
        try
        {
            rule = (Sdk.Rule)Activator.CreateInstance(type)!;
            descriptor = rule.Descriptor;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var inner = ex is TargetInvocationException { InnerException: { } i } ? i : ex;
            Fail(pack.Path, DiagnosticIds.RulePackUnloadable,
                $"rule {type.FullName} of {pack} could not be created ({inner.GetType().Name}: {inner.Message}); it was not loaded");
            return null;
        }
        if (DescriptorProblem(descriptor) is { } problem)
        {
            Fail(pack.Path, DiagnosticIds.InvalidRuleDescriptor, $"rule {type.FullName} of {pack}: {problem}; it was not loaded");
            return null;
        }
        return new LoadedRule(rule, descriptor!, pack);
    }

    private void Fail(string? path, string id, string message) =>
        _diagnostics.Add(new LoadDiagnostic(ToolDiagnostic.Broken(id, message), path));
}
