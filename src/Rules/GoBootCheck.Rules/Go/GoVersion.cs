using System.Globalization;
using System.Text.RegularExpressions;

namespace GoBootCheck.Go;

/// <summary>A Go release version as recorded in a binary ("go1.22.12", "go1.21rc2", "devel go1.23-…").</summary>
/// <param name="Text">The string exactly as recorded.</param>
/// <param name="Major">1.</param>
/// <param name="Minor">e.g. 22.</param>
/// <param name="Patch">e.g. 12 (0 for .0 releases and pre-releases).</param>
public sealed partial record GoVersion(string Text, int Major, int Minor, int Patch)
{
    /// <summary>Parses "go1.X[.Y][rcN|betaN]" anywhere in <paramref name="text"/>; null if there is none.</summary>
    public static GoVersion? TryParse(string? text)
    {
        if (text is null) return null;
        var m = VersionPattern().Match(text);
        if (!m.Success) return null;
        int minor = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        int patch = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return new GoVersion(text, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), minor, patch);
    }

    /// <summary>True if this is Go 1.<paramref name="minor"/> or newer.</summary>
    public bool AtLeast(int minor) => Major > 1 || Minor >= minor;

    /// <inheritdoc/>
    public override string ToString() => Text;

    [GeneratedRegex(@"go(\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();
}
