namespace Acme.GoRules;

/// <summary>The pack's rule ids: GBC5000 and above is the range GoBootCheck leaves to third-party packs.</summary>
public static class AcmeRuleIds
{
    /// <summary>Built for at least the configured GOAMD64 level.</summary>
    public const string MinimumAmd64Level = "GBC5001";
    /// <summary>Built with -trimpath.</summary>
    public const string BuiltWithTrimpath = "GBC5002";
    /// <summary>No race detector.</summary>
    public const string NoRaceDetector = "GBC5003";
    /// <summary>Executables are position-independent.</summary>
    public const string PositionIndependentExecutable = "GBC5004";
    /// <summary>At least the configured patch release of its Go minor version.</summary>
    public const string MinimumGoPatchRelease = "GBC5005";
}
