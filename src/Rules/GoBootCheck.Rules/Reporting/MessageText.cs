namespace GoBootCheck.Reporting;

/// <summary>Shared wording helpers for the sinks.</summary>
internal static class MessageText
{
    /// <summary>
    /// Diagnostics start with the binary's path so that they stand alone; sinks that name the file separately
    /// (MSBuild's file field, SARIF's artifact location) drop that prefix to avoid saying it twice.
    /// </summary>
    public static string WithoutPathPrefix(string message, string path) =>
        message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message;

    /// <summary>"0x45e1a0".</summary>
    public static string Hex(ulong address) => $"0x{address:x}";

    /// <summary>The function's name without its package path: runtime/cgo._cgo_init → _cgo_init, main.(*T).M → (*T).M.</summary>
    public static string ShortFunctionName(string fullyQualified)
    {
        int slash = fullyQualified.LastIndexOf('/');
        int dot = fullyQualified.IndexOf('.', slash + 1);
        return dot >= 0 && dot + 1 < fullyQualified.Length ? fullyQualified[(dot + 1)..] : fullyQualified;
    }
}
