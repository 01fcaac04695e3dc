using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GoBootCheck.Diagnostics;
using GoBootCheck.Engine;
using GoBootCheck.RulePacks;

namespace GoBootCheck.Tasks.Incremental;

/// <summary>
/// Stored verdicts under obj/: one file per binary path holding the key of its verdict inputs and the report as the
/// verifier made it (before the rule set's severities and suppressions, which are applied again on replay). A binary
/// whose key is unchanged is not verified again; its report is replayed, so the build shows every finding and still
/// fails on an unchanged bad binary.
/// </summary>
/// <remarks>
/// The key is the SHA-256 of the binary's content and of <see cref="ConfigurationKey"/>: the identity of the running
/// tool's code, the rule set file's content, the rule packs' content, budgets and severity options. Entries are written
/// to a temporary file and renamed over the old one, so a concurrent or interrupted build never reads half an entry;
/// an unreadable or foreign entry is a miss.
/// </remarks>
internal sealed class VerdictCache(string directory, string configurationKey)
{
    private const int Format = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
        WriteIndented = false,
    };

    private readonly List<string> _files = [];

    /// <summary>The entries this run read or wrote (for FileWrites, so that <c>dotnet clean</c> removes them).</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>
    /// Hashes everything besides the binary that decides a verdict. <paramref name="toolIdentity"/> names the code
    /// that runs (see <see cref="ToolIdentity"/>); <paramref name="ruleSet"/> is the rule set file's bytes, if any.
    /// </summary>
    public static string ConfigurationKey(string toolIdentity, ReadOnlySpan<byte> ruleSet, IEnumerable<(string Name, byte[] Content)> rulePacks,
        VerificationOptions options)
    {
        var text = new StringBuilder();
        text.Append("format=").Append(Format).Append('\n');
        text.Append("tool=").Append(toolIdentity).Append('\n');
        text.Append("ruleset=").Append(ruleSet.IsEmpty ? "none" : Hex(SHA256.HashData(ruleSet))).Append('\n');
        foreach (var (name, content) in rulePacks.OrderBy(p => p.Name, StringComparer.Ordinal))
            text.Append("pack=").Append(name).Append(' ').Append(Hex(SHA256.HashData(content))).Append('\n');
        text.Append("instructionBudget=").Append(options.InstructionBudget.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("timeBudgetTicks=").Append(options.TimeBudget.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("treatUnverifiableAsError=").Append(options.TreatUnverifiableAsError ? "true" : "false").Append('\n');
        text.Append("ruleTimeBudgetTicks=").Append(options.RuleTimeBudget.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("ruleCancellationGraceTicks=").Append(options.RuleCancellationGrace.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The key of one binary's verdict.</summary>
    public string Key(string binarySha256, IEnumerable<Sdk.CompanionFile> companions)
    {
        var text = new StringBuilder(configurationKey).Append('\n').Append(binarySha256).Append('\n');
        foreach (var companion in companions.OrderBy(c => c.Kind, StringComparer.Ordinal))
            text.Append(companion.Kind).Append(' ').Append(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(companion.Content)))).Append('\n');
        return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// False if a verdict must be computed again next time: it hit a budget or another tool limit, the run was
    /// cancelled, the tool failed (an internal error, a rule that threw) or the file could not be read. Those depend on
    /// the machine and the moment, not only on the inputs of the key; so does a rule pack skipped because it was
    /// abandoned on another binary of the build.
    /// </summary>
    public static bool IsReplayable(BinaryReport report) => !RuleRunner.SkippedForAnotherBinary(report) && !report.Diagnostics.Any(d => d.Id is
        DiagnosticIds.EmulationLimit or DiagnosticIds.RuleFailure or DiagnosticIds.InternalError or
        DiagnosticIds.FileUnreadable or DiagnosticIds.OutputUnwritable or
        DiagnosticIds.RulePackUnloadable or DiagnosticIds.RuleThrew or DiagnosticIds.RuleOverranBudget or DiagnosticIds.RuleAbandoned or
        DiagnosticIds.RulePackNeedsNewerApi or DiagnosticIds.RuleIdClash or DiagnosticIds.InvalidRuleDescriptor or DiagnosticIds.RuleContractViolation);

    /// <summary>Content hash and length of the file at <paramref name="path"/>, or false if it cannot be read (the verifier reports that).</summary>
    public static bool TryHash(string path, out string sha256, out long length)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1 << 20);
            length = stream.Length;
            sha256 = Hex(SHA256.HashData(stream));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            sha256 = "";
            length = 0;
            return false;
        }
    }

    /// <summary>The stored report of <paramref name="path"/> if its key is <paramref name="key"/>.</summary>
    public BinaryReport? TryLoad(string path, string key)
    {
        string entry = EntryPath(path);
        try
        {
            if (!File.Exists(entry)) return null;
            var stored = JsonSerializer.Deserialize<Entry>(File.ReadAllBytes(entry), Json);
            if (stored is null || stored.Format != Format || stored.Key != key || stored.Path != path || stored.Report is null) return null;
            _files.Add(entry);
            return stored.Report with { Replayed = true };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException or ArgumentException)
        {
            return null; // a damaged or foreign entry: verify again and overwrite it
        }
    }

    /// <summary>Stores <paramref name="report"/> under <paramref name="key"/>; a failure to write only costs the next build a verification.</summary>
    public bool TrySave(string path, string key, BinaryReport report)
    {
        string entry = EntryPath(path);
        try
        {
            // A unique temporary file beside the entry, renamed over it (AtomicFile): a reader never sees half an entry.
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new Entry(Format, key, path, report with { Replayed = false }), Json);
            AtomicFile.Write(entry, stream => stream.Write(bytes));
            _files.Add(entry);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }

    private string EntryPath(string binaryPath) =>
        Path.Combine(directory, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(binaryPath)))[..24] + ".json");

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private sealed record Entry(int Format, string Key, string Path, BinaryReport? Report);
}
