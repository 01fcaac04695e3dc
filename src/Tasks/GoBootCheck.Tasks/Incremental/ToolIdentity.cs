using System.Reflection;
using System.Text;

namespace GoBootCheck.Tasks.Incremental;

/// <summary>
/// Which code decides the verdicts: the module version ids (MVIDs) of the task, the engine and its dependencies as
/// loaded in this process. The repository builds deterministically, so an MVID is a hash of the compilation: a
/// from-source build with any change gets a new one while the version number stays. Reading the loaded modules (not
/// the files on disk) also keeps a reused MSBuild node that still runs an older task from storing verdicts under the
/// new files' identity.
/// </summary>
internal static class ToolIdentity
{
    /// <summary>"GoBootCheck.Tasks 0.1.0 mvid; GoBootCheck.Rules mvid; …" of the loaded assemblies.</summary>
    public static string Current { get; } = Describe(
    [
        typeof(ToolIdentity).Assembly,
        typeof(Engine.GoBinaryVerifier).Assembly,
        typeof(Sdk.Rule).Assembly,
        typeof(Rules.BuiltIn.RuleIds).Assembly,
        typeof(Iced.Intel.Decoder).Assembly,
        typeof(LibObjectFile.Elf.ElfFile).Assembly,
    ]);

    internal static string Describe(IEnumerable<Assembly> assemblies)
    {
        var text = new StringBuilder();
        foreach (var assembly in assemblies.Distinct())
        {
            var name = assembly.GetName();
            text.Append(name.Name).Append(' ').Append(name.Version).Append(' ').Append(assembly.ManifestModule.ModuleVersionId.ToString("N")).Append(';');
        }
        return text.ToString();
    }
}
