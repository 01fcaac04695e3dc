using GoBootCheck.Diagnostics;
using GoBootCheck.Analysis;
using GoBootCheck.Emulation.Models;
using GoBootCheck.Go;

namespace GoBootCheck.Emulation;

/// <summary>
/// The shared analysis behind GBC0001–GBC0003: loads the binary into an emulated process and runs its start-up path
/// from the real entry (e_entry, or the Go entry of .init_array for a shared object) to "bootstrap complete".
/// The binary itself is never run. A stop at a limit of the tool is reported once as GBC1011.
/// </summary>
internal sealed class BootstrapAnalysis : IBinaryAnalysis
{
    private readonly CpuModel _cpu;

    public BootstrapAnalysis(CpuModel? cpu = null) => _cpu = cpu ?? new CpuModel();

    /// <inheritdoc/>
    public Type ResultType => typeof(Sdk.BootstrapTrace);

    /// <inheritdoc/>
    public object? Compute(GoBinary binary, AnalysisOptions options, DiagnosticBag diagnostics, CancellationToken cancellation)
    {
        var trace = Run(binary, new EmulationOptions(options.InstructionBudget, options.TimeBudget, _cpu), cancellation);
        if (trace.Stop.IsToolLimit)
        {
            diagnostics.Add(ToolDiagnostic.Unsupported(DiagnosticIds.EmulationLimit,
                $"{binary.Image.Name}: the start-up emulation stopped at a limit of the tool after {trace.InstructionCount.ToString(System.Globalization.CultureInfo.InvariantCulture)} instructions: {trace.Stop.Message}",
                trace.Stop.Address));
        }
        return trace;
    }

    /// <inheritdoc/>
    public object Publish(object result, Host.GoMetadataView go) => BootstrapTraceModel.Publish((StartupTrace)result);

    /// <summary>Loads and runs one binary (tests call this directly).</summary>
    public static StartupTrace Run(GoBinary binary, EmulationOptions options, CancellationToken cancellation = default)
    {
        var loader = new ProcessLoader(binary);
        var process = loader.Load(out ulong argc, out ulong argv);
        var emulator = new BootstrapEmulator(binary, process, options);
        string start;
        if (loader.IsLibrary)
        {
            // ld.so calls each .init_array function with (argc, argv, envp); the Go runtime's is the one in pclntab.
            ulong? entry = binary.Image.InitArray().Cast<ulong?>().FirstOrDefault(a => a is ulong v && binary.FunctionAt(v) is { IsGoCode: true });
            if (entry is null)
                return emulator.Run("no Go entry in .init_array", argc, argv, cancellation, new StopReason(StopKind.UnsupportedStartup, 0,
                    "the shared object has no .init_array entry inside Go code, so its Go entry point is unknown"));
            var state = process.State;
            ulong sp = ((state.StackPointer - 64) & ~15UL) - 8; // called like a C function: RSP ≡ 8 (mod 16)
            process.Memory.PokeUInt64(sp, process.ReturnToLoader);
            state.StackPointer = sp;
            state.Set(MachineState.Rdi, argc);
            state.Set(MachineState.Rsi, argv);
            state.Set(MachineState.Rdx, argv + (argc + 1) * 8);
            state.Rip = entry.Value + process.LoadBias;
            start = $".init_array entry 0x{entry.Value:x} ({binary.FunctionAt(entry.Value)!.Name})";
        }
        else
        {
            process.State.Rip = binary.Image.Entry + process.LoadBias;
            start = $"e_entry 0x{binary.Image.Entry:x}";
            if (!binary.Image.HasInterpreter && binary.FunctionAt(binary.Image.Entry) is null && process.SymbolHooks.Count == 0)
            {
                return emulator.Run(start, argc, argv, cancellation, new StopReason(StopKind.UnsupportedStartup, binary.Image.Entry,
                    "the entry point is statically linked C start-up code without symbols for its C library, which cannot be modeled; its start-up path cannot be verified"));
            }
        }
        return emulator.Run(start, argc, argv, cancellation, loader.LoadFailure);
    }
}
