namespace GoBootCheck.Sdk;

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>Information only; never fails a build.</summary>
    Note,
    /// <summary>Shown; fails the build only when the build treats warnings as errors.</summary>
    Warning,
    /// <summary>Fails the build.</summary>
    Error,
}
