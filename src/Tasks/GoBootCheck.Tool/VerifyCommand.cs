using System.CommandLine;
using GoBootCheck.Tasks;

namespace GoBootCheck.Tool;

/// <summary>
/// <c>gobootcheck verify &lt;binary|glob&gt;… [--sarif F] [--ruleset F] [--rule-pack P…]</c>: the task's verification
/// run (<see cref="VerificationRun"/>, the same code, verdicts and SARIF) behind a command line.
/// </summary>
public static class VerifyCommand
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellation = default)
    {
        var binaries = new Argument<string[]>("binaries")
        {
            Description = "Go linux/amd64 ELF binaries to verify: paths, or quoted patterns with *, ? and ** (e.g. 'bin/**/*-linux-amd64').",
            Arity = ArgumentArity.OneOrMore,
        };
        var sarif = new Option<string?>("--sarif") { Description = "Write a SARIF 2.1.0 log for code scanning to this file." };
        var repositoryRoot = new Option<string?>("--repository-root")
        {
            Description = "The repository root: SARIF's %SRCROOT%, where Go source files are looked up. Default: the nearest directory above the current one with .git, else the current directory.",
        };
        var ruleSet = new Option<string?>("--ruleset") { Description = "A rule set file: rule settings and justified suppressions (as GoBootCheckRuleSet)." };
        var rulePacks = new Option<string[]>("--rule-pack")
        {
            Description = "A rule pack assembly to load besides the built-in rules; repeatable.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var strict = new Option<bool>("--treat-unverifiable-as-error") { Description = "\"Cannot verify\" warnings (another architecture, a newer Go layout, a tool limit) become errors." };
        var instructions = new Option<string?>("--instruction-budget") { Description = "Instructions the start-up emulation may execute per binary (default 5000000)." };
        var seconds = new Option<string?>("--time-budget-seconds") { Description = "Wall-clock safety net per binary, in seconds (default 60)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also show each rule's pass, not-applicable and not-verified line per binary." };

        var verify = new Command("verify", "Verify Go binaries' runtime start-up invariants; exit 0 if no error, 1 on errors, 2 on a bad command line, 130 when interrupted.")
        {
            binaries, sarif, repositoryRoot, ruleSet, rulePacks, strict, instructions, seconds, verbose,
        };
        verify.SetAction((parse, token) =>
        {
            var unmatched = new List<string>();
            var files = BinaryPatterns.Expand(parse.GetValue(binaries) ?? [], Environment.CurrentDirectory, unmatched);
            foreach (string pattern in unmatched) error.WriteLine($"gobootcheck: no file matches '{pattern}'");
            if (files.Count == 0)
            {
                error.WriteLine("gobootcheck: no binaries to verify");
                return Task.FromResult(ExitCodes.Usage);
            }
            var inputs = new TaskInputs(
                files,
                parse.GetValue(sarif) is { Length: > 0 } s ? Path.GetFullPath(s) : null,
                parse.GetValue(repositoryRoot) is { Length: > 0 } r ? Path.GetFullPath(r) : FindRepositoryRoot(Environment.CurrentDirectory),
                parse.GetValue(strict),
                parse.GetValue(instructions),
                parse.GetValue(seconds))
            {
                RuleSetFile = parse.GetValue(ruleSet) is { Length: > 0 } rs ? Path.GetFullPath(rs) : null,
                RulePacks = [.. (parse.GetValue(rulePacks) ?? []).Select(p => Path.GetFullPath(p))],
            };
            var sink = new ConsoleSink(output, error, interactive, parse.GetValue(verbose), new GoSourceLocator(inputs.RepositoryRoot, new Dictionary<string, string>()));
            return Task.Run(() =>
            {
                var outcome = VerificationRun.Run(inputs, sink, ToolVersion.Current, token);
                sink.ClearProgress();
                return outcome.Cancelled ? ExitCodes.Cancelled : outcome.HasErrors ? ExitCodes.Errors : ExitCodes.Success;
            }, CancellationToken.None);
        });

        var root = new RootCommand("gobootcheck: verifies that Go linux/amd64 binaries' runtime start-up will work (GoBootCheck's engine, verdicts and SARIF).")
        {
            verify,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var problem in parsed.Errors) error.WriteLine($"gobootcheck: {problem.Message}");
            error.WriteLine("Usage: gobootcheck verify <binary|glob>... [--sarif FILE] [--ruleset FILE] [--rule-pack PATH...]  (gobootcheck verify --help)");
            return Task.FromResult(ExitCodes.Usage);
        }
        return parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellation);
    }

    /// <summary>The nearest directory at or above <paramref name="directory"/> holding .git (a directory, or a worktree's file), else <paramref name="directory"/>.</summary>
    internal static string FindRepositoryRoot(string directory)
    {
        for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent)
        {
            string git = Path.Combine(d.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git)) return d.FullName;
        }
        return directory;
    }
}
