namespace GoBootCheck.Tasks.GoBuild;

/// <summary>
/// What <c>go build</c> of a package reads besides the toolchain, from <c>go list -e -deps</c>: every source file of
/// every non-standard package it depends on (also files excluded by build constraints, whose edits can include them),
/// their directories (a file added or removed changes the directory), and each module's go.mod, go.sum,
/// vendor/modules.txt and an enclosing go.work. Standard packages are the toolchain's, covered by its identity.
/// </summary>
internal static class GoListing
{
    /// <summary>The -f template: one tab-separated record per line, "D dir", "F file", "M moduleDir goMod", "E error".</summary>
    public const string Template =
        "{{if not .Standard}}D\t{{.Dir}}\n" +
        "{{range .GoFiles}}F\t{{.}}\n{{end}}{{range .CgoFiles}}F\t{{.}}\n{{end}}{{range .CFiles}}F\t{{.}}\n{{end}}" +
        "{{range .CXXFiles}}F\t{{.}}\n{{end}}{{range .MFiles}}F\t{{.}}\n{{end}}{{range .HFiles}}F\t{{.}}\n{{end}}" +
        "{{range .FFiles}}F\t{{.}}\n{{end}}{{range .SFiles}}F\t{{.}}\n{{end}}{{range .SwigFiles}}F\t{{.}}\n{{end}}" +
        "{{range .SwigCXXFiles}}F\t{{.}}\n{{end}}{{range .SysoFiles}}F\t{{.}}\n{{end}}{{range .EmbedFiles}}F\t{{.}}\n{{end}}" +
        "{{range .IgnoredGoFiles}}F\t{{.}}\n{{end}}{{range .IgnoredOtherFiles}}F\t{{.}}\n{{end}}" +
        "{{with .Module}}M\t{{.Dir}}\t{{.GoMod}}\n{{end}}{{with .Error}}E\t{{.Err}}\n{{end}}{{end}}";

    /// <summary>Files and directories from go list's output; errors of packages go list reported.</summary>
    public static (SortedSet<string> Files, SortedSet<string> Directories, List<string> Errors) Parse(string output)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        string? directory = null;
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length < 3 || line[1] != '\t') continue;
            string[] fields = line[2..].Split('\t');
            switch (line[0])
            {
                case 'D':
                    directory = fields[0];
                    if (directory.Length > 0) directories.Add(directory);
                    break;
                case 'F' when directory is { Length: > 0 }:
                    files.Add(Path.Combine(directory, fields[0]));
                    break;
                case 'M' when fields.Length == 2:
                    if (fields[1].Length > 0) files.Add(fields[1]);
                    if (fields[0].Length > 0) AddModuleFiles(fields[0], files, directories);
                    break;
                case 'E':
                    errors.Add(fields[0]);
                    break;
            }
        }
        return (files, directories, errors);
    }

    /// <summary>go.sum and vendor/modules.txt of a module, go.work above it; tracked whether or not they exist yet.</summary>
    private static void AddModuleFiles(string moduleDirectory, SortedSet<string> files, SortedSet<string> directories)
    {
        files.Add(Path.Combine(moduleDirectory, "go.sum"));
        files.Add(Path.Combine(moduleDirectory, "vendor", "modules.txt"));
        // The module root's directory entry changes when go.work, go.sum or vendor appears next to go.mod.
        directories.Add(moduleDirectory);
        for (var up = new DirectoryInfo(moduleDirectory); up is not null; up = up.Parent)
        {
            string work = Path.Combine(up.FullName, "go.work");
            if (File.Exists(work))
            {
                files.Add(work);
                files.Add(work + ".sum");
                break;
            }
        }
    }
}
