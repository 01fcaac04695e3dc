namespace GoBootCheck.Emulation.Models;

/// <summary>The models of functions outside the binary, by name. A name without a model stops the run (a tool limit).</summary>
internal static class ImportModels
{
    /// <summary>Every modeled name (used to bind statically linked libc functions by symbol).</summary>
    public static readonly IReadOnlySet<string> Names = Create().Keys.ToHashSet();

    /// <summary>Fresh model instances for one run.</summary>
    public static Dictionary<string, ImportModel> Create()
    {
        ImportModel[] models =
        [
            new LibcStartMain(),
            new Malloc(), new Calloc(), new Free(),
            new PthreadAttrInit(), new PthreadAttrDestroy(), new PthreadAttrGetStackSize(), new PthreadAttrSetStackSize(),
            new PthreadAttrGetStack(), new PthreadAttrSetDetachState(), new PthreadGetAttrNp(), new PthreadSelf(),
            new PthreadCreate(), new PthreadDetach(), new PthreadSigmask(), new SigFillSet(), new Sigaction(), new SigEmptySet(), new SigAddSet(), new SigIsMember(),
            new Abort(), new StackCheckFail(), new ErrnoLocation(),
        ];
        return models.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }
}
