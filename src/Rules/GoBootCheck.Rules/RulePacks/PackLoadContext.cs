using System.Reflection;
using System.Runtime.Loader;

namespace GoBootCheck.RulePacks;

/// <summary>
/// The isolated, collectible load context of one rule pack. It shares exactly one assembly with the host, the rule
/// API (GoBootCheck.Sdk), so that the pack's rules are the host's <see cref="Sdk.Rule"/> type; the pack's other
/// dependencies resolve beside it (its deps.json) and never see the engine, Iced or LibObjectFile of the host.
/// </summary>
internal sealed class PackLoadContext : AssemblyLoadContext
{
    private static readonly Assembly SdkAssembly = typeof(Sdk.Rule).Assembly;

    private readonly AssemblyDependencyResolver _resolver;

    public PackLoadContext(string packPath) : base($"GoBootCheck rule pack {Path.GetFileNameWithoutExtension(packPath)}", isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(packPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The host's copy, whatever version the pack names: the loader refused packs that need a newer one.
        if (string.Equals(assemblyName.Name, SdkAssembly.GetName().Name, StringComparison.Ordinal)) return SdkAssembly;
        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
