namespace GoBootCheck.Tool;

/// <summary>The tool's exit codes: the task's verdict (0 or 1) plus what only a command line has.</summary>
public static class ExitCodes
{
    /// <summary>Every binary verified without an error (the task returns true).</summary>
    public const int Success = 0;

    /// <summary>An error was reported: a rule violation, a broken input, an unwritable SARIF log (the task fails the build).</summary>
    public const int Errors = 1;

    /// <summary>The command line is invalid or names no binary.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C, SIGINT, SIGTERM) before every binary was verified: 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
