namespace GoBootCheck.Interop.Headers;

/// <summary>
/// Library names as C# writes them in DllImport/LibraryImport and as GoBootCheckCHeader's Library metadata writes them,
/// reduced to one canonical form: the runtime's probing on Linux turns "hello" into libhello.so, hello.so, libhello
/// and hello, so "hello", "libhello", "libhello.so", "./libhello.so" and "libhello.so.1" all name one library.
/// </summary>
internal static class LibraryNames
{
    /// <summary>The canonical name (no directory, no lib prefix, no .so/.so.N/.dll/.dylib suffix).</summary>
    public static string Canonical(string name)
    {
        string n = name.Trim();
        int slash = Math.Max(n.LastIndexOf('/'), n.LastIndexOf('\\'));
        if (slash >= 0) n = n.Substring(slash + 1);
        int so = n.IndexOf(".so", StringComparison.Ordinal);
        if (so > 0 && (so + 3 == n.Length || n[so + 3] == '.')) n = n.Substring(0, so);
        else if (n.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".dylib", StringComparison.OrdinalIgnoreCase))
            n = n.Substring(0, n.LastIndexOf('.'));
        if (n.StartsWith("lib", StringComparison.Ordinal) && n.Length > 3) n = n.Substring(3);
        return n;
    }

    /// <summary>The library a header describes when its item names none: the header's file name without extension.</summary>
    public static string FromHeaderPath(string path)
    {
        string file = Path.GetFileName(path);
        int dot = file.LastIndexOf('.');
        return dot > 0 ? file.Substring(0, dot) : file;
    }
}
