namespace GoBootCheck.Go;

/// <summary>
/// Which Go releases the rules can judge at all. Before Go 1.4 the runtime was written in C: its entry is
/// <c>_rt0_go</c> (runtime·rt0_go since go1.4, runtime/asm_amd64.s) and g starts with stackguard0 at offset 0
/// (go1.3 runtime.h struct G; g.stack.lo/hi come first since go1.4), so every rule's expectation is wrong for it and a
/// verdict would be too. The 1.2 pclntab layout is shared by Go 1.2–1.15, so the layout cannot tell them apart.
/// </summary>
internal static class GoVersionSupport
{
    /// <summary>The oldest Go minor version the rules verify.</summary>
    public const int OldestVerifiedMinor = 4;

    /// <summary>
    /// Why <paramref name="pclntab"/>'s binary is from a Go release before 1.4, or null if it is not (or cannot be
    /// told apart from a supported one). The recorded version decides where there is one; otherwise the functions do:
    /// pre-1.4 runtimes have <c>_rt0_go</c> and no <c>runtime.rt0_go</c>.
    /// </summary>
    public static string? WhyUnsupported(GoVersion? version, Pclntab pclntab)
    {
        if (version is not null)
        {
            return version.Major == 1 && version.Minor < OldestVerifiedMinor
                ? $"its runtime version string says {version.Text}, older than go1.{OldestVerifiedMinor}, the oldest release GoBootCheck verifies"
                : null;
        }
        bool oldEntry = false, newEntry = false;
        foreach (var f in pclntab.Functions)
        {
            oldEntry |= f.NameIs("_rt0_go");
            newEntry |= f.NameIs("runtime.rt0_go");
        }
        return oldEntry && !newEntry
            ? "it records no Go version, and its runtime starts at _rt0_go with no runtime.rt0_go: the C runtime of Go 1.3 and older " +
              $"(renamed runtime·rt0_go in go1.4), older than go1.{OldestVerifiedMinor}, the oldest release GoBootCheck verifies"
            : null;
    }
}
