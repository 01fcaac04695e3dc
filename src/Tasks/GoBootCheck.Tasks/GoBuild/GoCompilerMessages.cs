using System.Text.RegularExpressions;

namespace GoBootCheck.Tasks.GoBuild;

/// <summary>A message of go build placed at a source position ("./main.go:12:5: undefined: x").</summary>
internal sealed record GoCompilerMessage(string File, int Line, int Column, string Message);

/// <summary>
/// Reads go build's error output: lines "file:line[:col]: message", with the file relative to the package directory,
/// become messages at that file, so MSBuild shows them where IDEs can jump to them; "# package" headers and other
/// lines stay text.
/// </summary>
internal static partial class GoCompilerMessages
{
    [GeneratedRegex(@"^(?<file>[^\s:#][^:]*?\.(go|s|c|h|cc|cpp|cxx|m|syso|mod|sum|work)):(?<line>\d+)(:(?<col>\d+))?: (?<message>.+)$")]
    private static partial Regex Positioned();

    public static (List<GoCompilerMessage> Positioned, List<string> Other) Parse(string output, string directory)
    {
        var positioned = new List<GoCompilerMessage>();
        var other = new List<string>();
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var match = Positioned().Match(line.TrimStart());
            if (match.Success)
            {
                string file = Path.GetFullPath(Path.Combine(directory, match.Groups["file"].Value));
                int column = match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                positioned.Add(new GoCompilerMessage(file, int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), column, match.Groups["message"].Value));
            }
            else
            {
                other.Add(line);
            }
        }
        return (positioned, other);
    }
}
