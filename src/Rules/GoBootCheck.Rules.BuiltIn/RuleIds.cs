namespace GoBootCheck.Rules.BuiltIn;

/// <summary>
/// Stable ids of the rules about a binary (range GBC0001–GBC0099). Tool problems use GBC1000–GBC1099
/// (the engine's DiagnosticIds). Third-party rule packs use GBC5000 and above
/// or their own prefix. Retired ids are never reused.
/// </summary>
public static class RuleIds
{
    /// <summary>The entry point reaches runtime.rt0_go with argc in DI and argv in SI.</summary>
    public const string EntryReachesRt0Go = "GBC0001";
    /// <summary>runtime.settls issues arch_prctl(ARCH_SET_FS) and the 0x123 probe reads back.</summary>
    public const string SettlsSucceeds = "GBC0002";
    /// <summary>After _cgo_init, g0.stackguard0 and stackguard1 equal g0.stack.lo + StackGuard.</summary>
    public const string CgoStackGuard = "GBC0003";
    /// <summary>Every stack-checked prologue compares SP with g.stackguard0 and branches to morestack.</summary>
    public const string PrologueChecksStackguard0 = "GBC0004";
    /// <summary>No function without a stack check has a frame beyond the nosplit limit.</summary>
    public const string UncheckedFrameWithinLimit = "GBC0005";
}
