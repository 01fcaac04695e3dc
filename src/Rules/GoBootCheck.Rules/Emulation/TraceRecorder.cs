namespace GoBootCheck.Emulation;

/// <summary>Collects the observations of one run; <see cref="Build"/> freezes them into a <see cref="StartupTrace"/>.</summary>
internal sealed class TraceRecorder
{
    private const int MaxPath = 10_000;
    private const int MaxStores = 10_000;

    public List<FunctionVisit> Path { get; } = [];
    public List<SyscallRecord> Syscalls { get; } = [];
    public List<ModelCall> ModelCalls { get; } = [];
    public List<Rt0GoCall> Rt0GoCalls { get; } = [];
    public List<StoreRecord> FsStores { get; } = [];
    public List<StoreRecord> Rt0GoStores { get; } = [];
    public List<FsBaseChange> FsBaseChanges { get; } = [];
    public List<string> SteppedOver { get; } = [];
    public RegisterSnapshot? Rt0GoEntry { get; set; }
    public BootstrapState? Bootstrap { get; set; }

    public void Enter(string function, ulong address, long instruction)
    {
        if (Path.Count < MaxPath && (Path.Count == 0 || Path[^1].Function != function))
            Path.Add(new FunctionVisit(function, address, instruction));
    }

    public void Store(List<StoreRecord> list, StoreRecord record)
    {
        if (list.Count < MaxStores) list.Add(record);
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
        FsBaseChanges = FsBaseChanges,
        SteppedOver = SteppedOver,
        Bootstrap = Bootstrap,
        Stop = stop,
        StopFunction = stopFunction,
        InstructionCount = count,
        Elapsed = elapsed,
    };
}
