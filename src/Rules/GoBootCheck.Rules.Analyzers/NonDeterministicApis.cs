using Microsoft.CodeAnalysis;

namespace GoBootCheck.Rules.Analyzers;

/// <summary>
/// The APIs through which code learns something other than the binary: the file system, environment, clock,
/// randomness, network, other processes, the console. Only static members and constructors are listed: an instance of
/// such a type had to come from one of them, which is where the diagnostic goes (once).
/// </summary>
internal static class NonDeterministicApis
{
    private const string FileSystem = "file system";
    private const string Environment = "environment";
    private const string Clock = "clock";
    private const string Randomness = "randomness";
    private const string Network = "network";
    private const string Process = "processes";
    private const string Console = "console";

    /// <summary>Types all of whose static members and constructors are non-deterministic, by metadata name.</summary>
    private static readonly Dictionary<string, string> WholeTypes = new(StringComparer.Ordinal)
    {
        ["System.IO.File"] = FileSystem,
        ["System.IO.Directory"] = FileSystem,
        ["System.IO.FileInfo"] = FileSystem,
        ["System.IO.DirectoryInfo"] = FileSystem,
        ["System.IO.FileStream"] = FileSystem,
        ["System.IO.DriveInfo"] = FileSystem,
        ["System.IO.FileSystemWatcher"] = FileSystem,
        ["System.IO.MemoryMappedFiles.MemoryMappedFile"] = FileSystem,
        ["System.Environment"] = Environment,
        ["System.Diagnostics.Stopwatch"] = Clock,
        ["System.Random"] = Randomness,
        ["System.Security.Cryptography.RandomNumberGenerator"] = Randomness,
        ["System.Net.Dns"] = Network,
        ["System.Net.WebClient"] = Network,
        ["System.Net.WebRequest"] = Network,
        ["System.Net.HttpWebRequest"] = Network,
        ["System.Diagnostics.Process"] = Process,
        ["System.Diagnostics.ProcessStartInfo"] = Process,
        ["System.Console"] = Console,
    };

    /// <summary>Single members of otherwise deterministic types, by "type metadata name.member".</summary>
    private static readonly Dictionary<string, string> Members = new(StringComparer.Ordinal)
    {
        ["System.IO.Path.GetTempPath"] = FileSystem,
        ["System.IO.Path.GetTempFileName"] = FileSystem,
        ["System.IO.Path.GetFullPath"] = FileSystem,
        ["System.IO.Path.Exists"] = FileSystem,
        ["System.DateTime.Now"] = Clock,
        ["System.DateTime.UtcNow"] = Clock,
        ["System.DateTime.Today"] = Clock,
        ["System.DateTimeOffset.Now"] = Clock,
        ["System.DateTimeOffset.UtcNow"] = Clock,
        ["System.TimeProvider.System"] = Clock,
        ["System.Guid.NewGuid"] = Randomness,
        ["System.Guid.CreateVersion7"] = Randomness,
    };

    /// <summary>Namespaces all of whose types reach the network.</summary>
    private static readonly string[] NetworkNamespaces = ["System.Net.Http", "System.Net.Sockets", "System.Net.NetworkInformation", "System.Net.WebSockets"];

    /// <summary>What <paramref name="member"/> (a static member or a constructor) reaches for, or null when deterministic.</summary>
    public static string? Category(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null) return null;
        bool isConstructor = member is IMethodSymbol { MethodKind: MethodKind.Constructor };
        if (!member.IsStatic && !isConstructor) return null;
        string typeName = MetadataName(type);
        if (typeName == "System.Environment" && member.Name == "NewLine") return null;
        if (WholeTypes.TryGetValue(typeName, out string? category)) return category;
        if (Members.TryGetValue(typeName + "." + member.Name, out category)) return category;
        // StreamReader/StreamWriter opened on a path (the string overloads), not on a stream.
        if (isConstructor && typeName is "System.IO.StreamReader" or "System.IO.StreamWriter"
            && member is IMethodSymbol { Parameters.Length: > 0 } constructor && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String) return FileSystem;
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return Array.Exists(NetworkNamespaces, n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal)) ? Network : null;
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() + "." : "";
        return ns + type.MetadataName;
    }
}
