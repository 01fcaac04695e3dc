using System.Reflection;

namespace GoBootCheck.Tasks;

/// <summary>The package version, from the assembly's informational version (set from Directory.Build.props).</summary>
internal static class ToolVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        string? informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Drop the "+commit" suffix that SourceLink-style builds append.
        return informational?.Split('+')[0] ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
