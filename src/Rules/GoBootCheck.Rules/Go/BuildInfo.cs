using System.Text;
using GoBootCheck.Binary;
using GoBootCheck.Diagnostics;

namespace GoBootCheck.Go;

/// <summary>
/// The build information the Go toolchain embeds (runtime/debug.BuildInfo; found as debug/buildinfo does:
/// the ".go.buildinfo" section, else the first writable PT_LOAD segment, searched for the "\xff Go buildinf:" header).
/// </summary>
/// <param name="GoVersion">The Go version string, e.g. "go1.22.12".</param>
/// <param name="ModInfoLines">The module information lines exactly as stored (tab-separated: path, mod, dep, =&gt;, build).</param>
/// <param name="Source">Where it came from: ".go.buildinfo", "data segment" or "runtime.buildVersion".</param>
public sealed record BuildInfo(string GoVersion, IReadOnlyList<string> ModInfoLines, string Source)
{
    // "\xff Go buildinf:" (debug/buildinfo buildInfoMagic).
    private static readonly byte[] Magic = [0xff, .. " Go buildinf:"u8];

    /// <summary>The main package path ("path" line).</summary>
    public string? Path => Field("path", 1);

    /// <summary>The main module path ("mod" line).</summary>
    public string? MainModule => Field("mod", 1);

    /// <summary>Build settings ("build" lines), values unquoted, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings =>
        [.. ModInfoLines.Where(l => l.StartsWith("build\t", StringComparison.Ordinal)).Select(l => ParseSetting(l[6..]))];

    /// <summary>A build setting's value (e.g. "CGO_ENABLED", "-buildmode", "-race"), or null if not recorded.</summary>
    public string? Setting(string key) => Settings.LastOrDefault(kv => kv.Key == key).Value;

    private string? Field(string tag, int index)
    {
        var line = ModInfoLines.FirstOrDefault(l => l.StartsWith(tag + "\t", StringComparison.Ordinal));
        var parts = line?.Split('\t');
        return parts is not null && parts.Length > index ? parts[index] : null;
    }

    private static KeyValuePair<string, string> ParseSetting(string s)
    {
        // BuildInfo.String quotes a key or value that contains space, tab, quote, newline or (keys) '='.
        string key, rest;
        if (s.StartsWith('"')) { key = Unquote(s, out int used); rest = s[used..]; }
        else { int eq = s.IndexOf('='); key = eq < 0 ? s : s[..eq]; rest = eq < 0 ? "" : s[eq..]; }
        string value = rest.StartsWith('=') ? rest[1..] : rest;
        if (value.StartsWith('"')) value = Unquote(value, out _);
        return new(key, value);
    }

    private static string Unquote(string s, out int used)
    {
        var sb = new StringBuilder();
        int i = 1;
        for (; i < s.Length && s[i] != '"'; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                sb.Append(s[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => s[i] });
            }
            else sb.Append(s[i]);
        }
        used = Math.Min(i + 1, s.Length);
        return sb.ToString();
    }

    /// <summary>
    /// Reads build info from <paramref name="image"/>. Returns null (without diagnostics) when the binary has none
    /// (Go ≤ 1.12), and null with a diagnostic when a header is present but corrupt.
    /// </summary>
    public static BuildInfo? TryRead(BinaryImage image, DiagnosticBag diagnostics)
    {
        var section = image.FindSection(".go.buildinfo");
        ulong start;
        string source;
        if (section is not null && !section.IsNoBits) { start = section.Address; source = ".go.buildinfo"; }
        else if (image.Memory.Segments.FirstOrDefault(s => (s.Access & SegmentAccess.Write) != 0) is { } data)
        { start = data.VirtualAddress; source = "data segment"; }
        else return FromBuildVersionSymbol(image);

        // debug/buildinfo searches the first 64 KiB (searchChunk) at 16-byte alignment.
        var window = image.Memory.GetFileBacked(start, 64 * 1024);
        int at = -1;
        for (int i = 0; i + 32 <= window.Length; i += 16)
            if (window.Slice(i, Magic.Length).SequenceEqual(Magic)) { at = i; break; }
        if (at < 0) return FromBuildVersionSymbol(image);

        ulong header = start + (ulong)at;
        byte ptrSize = window[at + 14], flags = window[at + 15];
        string? version, mod;
        if ((flags & 2) != 0)
        {
            // Go ≥ 1.18: varint-prefixed strings follow the 32-byte header.
            var rest = image.Memory.GetFileBacked(header + 32, 1 << 20);
            int p = 0;
            version = ReadVarString(rest, ref p);
            mod = version is null ? null : ReadVarString(rest, ref p);
        }
        else
        {
            if (ptrSize != 8 || (flags & 1) != 0)
            {
                diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.UnsupportedGoLayout,
                    $"{image.Name}: build info at 0x{header:x} has pointer size {ptrSize} and flags 0x{flags:x}; expected 8 and little-endian", header));
                return null;
            }
            // Go 1.13–1.17: the header holds pointers to the Go string headers (ptr, len) of version and modinfo.
            version = image.TryReadPointer(header + 16, out ulong vp) ? ReadGoString(image, vp) : null;
            mod = image.TryReadPointer(header + 24, out ulong mp) ? ReadGoString(image, mp) : null;
        }
        if (version is null || mod is null)
        {
            diagnostics.Add(ToolDiagnostic.Broken(DiagnosticIds.CorruptGoMetadata,
                $"{image.Name}: build info header at 0x{header:x} ({source}) points outside the file or is truncated", header));
            return null;
        }
        // modinfo is framed by 16-byte sentinels (cmd/go/internal/modload.ModInfoData).
        if (mod.Length >= 33 && mod[^17] == '\n') mod = mod[16..^16];
        var lines = mod.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new BuildInfo(version, lines, source);
    }

    private static BuildInfo? FromBuildVersionSymbol(BinaryImage image)
    {
        // Go ≤ 1.12 records only the version, as the Go string runtime.buildVersion (readable when not stripped).
        var sym = image.FindSymbol("runtime.buildVersion");
        var version = sym is null ? null : ReadGoString(image, sym.Value);
        return version is null ? null : new BuildInfo(version, [], "runtime.buildVersion");
    }

    private static string? ReadGoString(BinaryImage image, ulong headerAddress)
    {
        if (!image.TryReadPointer(headerAddress, out ulong ptr) || !image.Memory.TryReadUInt64(headerAddress + 8, out ulong len)) return null;
        if (len > 1 << 20) return null;
        var buf = new byte[len];
        return image.Memory.TryRead(ptr, buf) ? Encoding.UTF8.GetString(buf) : null;
    }

    private static string? ReadVarString(ReadOnlySpan<byte> span, ref int p)
    {
        ulong len = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (p >= span.Length || shift > 63) return null;
            byte b = span[p++];
            len |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (len > (ulong)(span.Length - p)) return null;
        string s = Encoding.UTF8.GetString(span.Slice(p, (int)len));
        p += (int)len;
        return s;
    }
}
