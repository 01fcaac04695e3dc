using System.Globalization;

namespace GoBootCheck.Sdk;

/// <summary>A Go release as recorded in a binary ("go1.22.12", "go1.21rc2", "devel go1.23-…").</summary>
public sealed record GoVersion : IComparable<GoVersion>
{
    /// <summary>A version from its parts; <paramref name="text"/> defaults to "go{major}.{minor}.{patch}".</summary>
    public GoVersion(int major, int minor, int patch, string? text = null)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Text = text ?? string.Create(CultureInfo.InvariantCulture, $"go{major}.{minor}.{patch}");
    }

    /// <summary>The string exactly as recorded.</summary>
    public string Text { get; }

    /// <summary>1.</summary>
    public int Major { get; }

    /// <summary>e.g. 22.</summary>
    public int Minor { get; }

    /// <summary>e.g. 12 (0 for .0 releases and pre-releases).</summary>
    public int Patch { get; }

    /// <summary>True if this is Go 1.<paramref name="minor"/> or newer.</summary>
    public bool AtLeast(int minor) => Major > 1 || Minor >= minor;

    /// <summary>Compares major, minor and patch (not the text).</summary>
    public int CompareTo(GoVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    /// <summary>True if <paramref name="left"/> is older than <paramref name="right"/>.</summary>
    public static bool operator <(GoVersion? left, GoVersion? right) => Compare(left, right) < 0;

    /// <summary>True if <paramref name="left"/> is newer than <paramref name="right"/>.</summary>
    public static bool operator >(GoVersion? left, GoVersion? right) => Compare(left, right) > 0;

    /// <summary>True if <paramref name="left"/> is older than or the same release as <paramref name="right"/>.</summary>
    public static bool operator <=(GoVersion? left, GoVersion? right) => Compare(left, right) <= 0;

    /// <summary>True if <paramref name="left"/> is newer than or the same release as <paramref name="right"/>.</summary>
    public static bool operator >=(GoVersion? left, GoVersion? right) => Compare(left, right) >= 0;

    private static int Compare(GoVersion? left, GoVersion? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    /// <summary>Parses "go1.X[.Y]" anywhere in <paramref name="text"/>; null if there is none.</summary>
    public static GoVersion? TryParse(string? text)
    {
        if (text is null) return null;
        int at = text.IndexOf("go", StringComparison.Ordinal);
        while (at >= 0)
        {
            int p = at + 2;
            if (Number(text, ref p) is int major && p < text.Length && text[p] == '.')
            {
                p++;
                if (Number(text, ref p) is int minor)
                {
                    int patch = 0;
                    if (p < text.Length && text[p] == '.')
                    {
                        p++;
                        if (Number(text, ref p) is int pt) patch = pt;
                    }
                    return new GoVersion(major, minor, patch, text);
                }
            }
            at = text.IndexOf("go", at + 2, StringComparison.Ordinal);
        }
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static int? Number(string s, ref int p)
    {
        int start = p;
        while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
        return p > start && int.TryParse(s.AsSpan(start, p - start), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
    }
}
