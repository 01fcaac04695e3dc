using System.Diagnostics;
using GoBootCheck.Disassembly;
using GoBootCheck.Emulation.Models;
using GoBootCheck.Go;
using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>
/// The run loop: fetch at RIP, run a model if RIP is a model entry point, else execute the instruction; observe
/// function changes, rt0_go's calls and stores; stop at "bootstrap complete", at a fault, or at a limit.
/// </summary>
internal sealed partial class BootstrapEmulator : IExecutionHost
{
    private readonly GoBinary _binary;
    private readonly EmulatedProcess _process;
    private readonly EmulationOptions _options;
    private readonly InstructionFetcher _fetcher;
    private readonly FunctionNamer _namer;
    private readonly Dictionary<string, ImportModel> _models = ImportModels.Create();
    private readonly TraceRecorder _trace = new();
    private readonly HashSet<(ulong, ulong)> _seenSinceStore = [];
    private readonly Stack<(Rt0GoCall Call, ulong ReturnAddress, ulong Rsp)> _pendingRt0Calls = new();
    private readonly (ulong Start, ulong End)? _rt0Go;
    private Executor _executor;
    private (string Name, ulong Start, ulong End) _current = ("", 1, 0);
    private long _count;
    private ulong _pc;

    public BootstrapEmulator(GoBinary binary, EmulatedProcess process, EmulationOptions options)
    {
        _binary = binary;
        _process = process;
        _options = options;
        _fetcher = new InstructionFetcher(process.Memory);
        _namer = new FunctionNamer(binary, process);
        _executor = new Executor(process.State, process.Memory, this);
        // rt0_go is found by pclntab (stripped binaries keep it); its name has no ".abi0" there.
        if (binary.FunctionsNamed("runtime.rt0_go") is [var rt0, ..])
            _rt0Go = (rt0.Entry + process.LoadBias, rt0.End + process.LoadBias);
    }

    private MachineState State => _process.State;

    /// <summary>Runs from the current state to a stop; returns the trace.</summary>
    public StartupTrace Run(string start, ulong argc, ulong argv, CancellationToken cancellation, StopReason? before = null)
    {
        var clock = Stopwatch.StartNew();
        StopReason? stop = before;
        if (_rt0Go is null && stop is null)
            stop = new StopReason(StopKind.UnsupportedStartup, State.Rip, "pclntab has no runtime.rt0_go, so the bootstrap cannot be recognised");
        while (stop is null)
        {
            DrainFsChanges();
            if (_count >= _options.InstructionBudget)
            {
                stop = new StopReason(StopKind.InstructionBudget, State.Rip,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the instruction budget of {_options.InstructionBudget} ran out at 0x{State.Rip:x} in {_current.Name}"));
                break;
            }
            if ((_count & 0x3ff) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
                if (clock.Elapsed > _options.TimeBudget)
                {
                    stop = new StopReason(StopKind.TimeBudget, State.Rip,
                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the time budget of {_options.TimeBudget.TotalSeconds:0.#} s ran out after {_count} instructions at 0x{State.Rip:x}"));
                    break;
                }
            }
            stop = Step();
        }
        DrainFsChanges();
        return _trace.Build(start, _process.LoadBias, argc, argv, stop!, _current.Name, _count, clock.Elapsed);
    }

    private StopReason? Step()
    {
        ulong rip = State.Rip;
        _pc = rip;
        TrackFunction(rip);
        CheckReturns(rip);
        if (_process.ModelAt(rip) is { } model)
        {
            _count++;
            _seenSinceStore.Clear();
            return RunModel(model);
        }
        if (!_fetcher.TryFetch(rip, out var instr, out var failure)) return failure;
        if (_trace.Rt0GoEntry is null && _rt0Go is { } r && rip == r.Start) _trace.Rt0GoEntry = Snapshot();
        ulong rspBefore = State.StackPointer;
        var stop = _executor.Execute(instr);
        _count++;
        if (stop is not null) return stop;
        if (instr.FlowControl is FlowControl.Call or FlowControl.IndirectCall && State.StackPointer == rspBefore - 8)
        {
            if (AfterCall(instr, rspBefore) is { } complete) return complete;
        }
        if (!_seenSinceStore.Add(State.Fingerprint()))
        {
            return new StopReason(StopKind.LoopWithoutProgress, rip,
                $"the machine state at 0x{State.Rip:x} in {_current.Name} repeated with no store in between: an endless loop");
        }
        if (_seenSinceStore.Count > 200_000) _seenSinceStore.Clear(); // bounded memory; the budget catches longer loops
        return null;
    }

    private bool InRt0Go(ulong address) => _rt0Go is { } r && address >= r.Start && address < r.End;

    private void TrackFunction(ulong rip)
    {
        if (rip >= _current.Start && rip < _current.End) return;
        _current = _namer.Name(rip);
        _trace.Enter(_current.Name, rip, _count);
    }

    private RegisterSnapshot Snapshot() => new(State.Rip, State.Get(MachineState.Rax), State.Get(MachineState.Rbx), State.Get(MachineState.Rcx),
        State.Get(MachineState.Rdx), State.Get(MachineState.Rsi), State.Get(MachineState.Rdi), State.StackPointer, State.Get(MachineState.Rbp),
        State.FsBase, _count);

    private void DrainFsChanges()
    {
        foreach (var (by, value) in _process.PendingFsChanges)
            _trace.FsBaseChanges.Add(new FsBaseChange(_pc, by, value, _count));
        _process.PendingFsChanges.Clear();
    }

    /// <inheritdoc/>
    public StopReason? Syscall(MachineState state, ulong pc)
    {
        _seenSinceStore.Clear();
        var args = new[] { MachineState.Rdi, MachineState.Rsi, MachineState.Rdx, MachineState.R10, MachineState.R8, MachineState.R9 }
            .Select(state.Get).ToArray();
        ulong number = state.Get(MachineState.Rax);
        var stop = LinuxSyscalls.Run(_process, pc, out bool fsChanged);
        _trace.Syscalls.Add(new SyscallRecord(pc, _current.Name, number, args, stop is null ? state.Get(MachineState.Rax) : null, _count));
        if (fsChanged) _trace.FsBaseChanges.Add(new FsBaseChange(pc, "arch_prctl(ARCH_SET_FS)", state.FsBase, _count));
        return stop;
    }

    /// <inheritdoc/>
    public void Cpuid(MachineState state)
    {
        var (a, b, c, d) = _options.Cpu.Query((uint)state.Get(MachineState.Rax), (uint)state.Get(MachineState.Rcx));
        state.Set(MachineState.Rax, a);
        state.Set(MachineState.Rbx, b);
        state.Set(MachineState.Rcx, c);
        state.Set(MachineState.Rdx, d);
    }

    /// <inheritdoc/>
    public StopReason? Xgetbv(MachineState state, ulong pc)
    {
        if ((uint)state.Get(MachineState.Rcx) != 0)
            return new StopReason(StopKind.Trap, pc, $"xgetbv of XCR{(uint)state.Get(MachineState.Rcx)} at 0x{pc:x} raises #GP (SIGSEGV)");
        state.Set(MachineState.Rax, _options.Cpu.Xcr0 & 0xffff_ffff);
        state.Set(MachineState.Rdx, _options.Cpu.Xcr0 >> 32);
        return null;
    }

    /// <inheritdoc/>
    public ulong ReadTimestampCounter() => (ulong)_count * 3;
}
