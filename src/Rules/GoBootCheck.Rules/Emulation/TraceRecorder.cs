namespace GoBootCheck.Emulation;

/// <summary>Collects the observations of one run; <see cref="Build"/> freezes them into a <see cref="StartupTrace"/>.</summary>
internal sealed class TraceRecorder
{
    private const int MaxPath = 10_000;
    private const int MaxStores = 50_000; // start-up paths store a few hundred times; the cap bounds memory on runaway loops

    public List<FunctionVisit> Path { get; } = [];
    public List<SyscallRecord> Syscalls { get; } = [];
    public List<ModelCall> ModelCalls { get; } = [];
    public List<Rt0GoCall> Rt0GoCalls { get; } = [];
    public List<StoreRecord> FsStores { get; } = [];
    public List<StoreRecord> Rt0GoStores { get; } = [];
    public List<StoreRecord> AllStores { get; } = [];
    public List<FsBaseChange> FsBaseChanges { get; } = [];
    public List<string> SteppedOver { get; } = [];
    public RegisterSnapshot? Rt0GoEntry { get; set; }
    public BootstrapState? Bootstrap { get; set; }

    public void Enter(string function, ulong address, long instruction)
    {
        if (Path.Count < MaxPath && (Path.Count == 0 || Path[^1].Function != function))
            Path.Add(new FunctionVisit(function, address, instruction));
    }

    /// <summary>True while <paramref name="list"/> is below its cap.</summary>
    public bool Takes(List<StoreRecord> list) => list.Count < MaxStores;

    public void Store(List<StoreRecord> list, StoreRecord record)
    {
        if (list.Count < MaxStores) list.Add(record);
    }

    /// <summary>
    /// Stores by any code (rt0_go, x_cgo_init) into g0.stack.lo/hi and stackguard0/1, where g0 is the pointer stored in
    /// the g TLS slot, or before that the g rt0_go passed to _cgo_init.
    /// </summary>
    private List<StoreRecord> G0FieldStores()
    {
        ulong? g0 = Bootstrap?.G0 ?? Rt0GoCalls.FirstOrDefault(c => !c.TargetIsGo)?.Rdi;
        return g0 is ulong g ? [.. AllStores.Where(s => s.Address >= g && s.Address < g + 32)] : [];
    }

    public StartupTrace Build(string start, ulong bias, ulong argc, ulong argv, StopReason stop, string? stopFunction, long count, TimeSpan elapsed) => new()
    {
        StartDescription = start,
        LoadBias = bias,
        InitialArgc = argc,
        InitialArgv = argv,
        Path = Path,
        Rt0GoEntry = Rt0GoEntry,
        Syscalls = Syscalls,
        ModelCalls = ModelCalls,
        Rt0GoCalls = Rt0GoCalls,
        FsStores = FsStores,
        Rt0GoStores = Rt0GoStores,
        G0FieldStores = G0FieldStores(),
        FsBaseChanges = FsBaseChanges,
        SteppedOver = SteppedOver,
        Bootstrap = Bootstrap,
        Stop = stop,
        StopFunction = stopFunction,
        InstructionCount = count,
        Elapsed = elapsed,
    };
}
