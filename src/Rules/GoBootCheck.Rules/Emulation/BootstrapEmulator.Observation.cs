using GoBootCheck.Emulation.Models;
using Iced.Intel;

namespace GoBootCheck.Emulation;

/// <summary>
/// What the run loop watches in rt0_go (runtime/asm_amd64.s): its calls and their returns, its stores to the g TLS
/// slot (through FS), to m0.g0 and g0.m, and the first call after those, which ends the run as "bootstrap complete".
/// </summary>
internal sealed partial class BootstrapEmulator
{
    private (ulong Address, ulong Value, ulong FsBase)? _gSlot;
    private ulong? _m0;
    private bool _linked;

    /// <inheritdoc/>
    public void OnStore(ulong pc, ulong address, int size, ulong value, bool throughFs)
    {
        _seenSinceStore.Clear();
        bool inRt0 = InRt0Go(pc);
        // A record only while some list still takes it: a runaway loop stores millions of times.
        if (_trace.Takes(_trace.AllStores) || (throughFs && _trace.Takes(_trace.FsStores)) || (inRt0 && _trace.Takes(_trace.Rt0GoStores)))
        {
            var record = new StoreRecord(pc, _current.Name, address, size, value, _count);
            _trace.Store(_trace.AllStores, record);
            if (throughFs) _trace.Store(_trace.FsStores, record);
            if (inRt0) _trace.Store(_trace.Rt0GoStores, record);
        }
        if (!inRt0) return;
        if (throughFs && size == 8)
        {
            // A g pointer stored into the g TLS slot (the 0x123 probe is overwritten by the real store later).
            _gSlot = (address, value, State.FsBase);
            _m0 = null;
            _linked = false;
        }
        else if (_gSlot is { } g && size == 8)
        {
            if (value == g.Value) _m0 = address;                                      // m0.g0 = g0 (m.g0 is at offset 0)
            else if (_m0 is { } m && value == m && address > g.Value && address < g.Value + 0x400) _linked = true; // g0.m = m0
        }
    }

    private StopReason? AfterCall(in Instruction instr, ulong rspBefore)
    {
        ulong target = State.Rip;
        var callee = _namer.GoFunctionAt(target);
        if (callee is not null && _options.StepOver.Contains(callee.Name))
        {
            // Stepped over: return at once, as if the callee had done nothing the verified state depends on.
            State.Rip = instr.NextIP;
            State.StackPointer = rspBefore;
            _trace.SteppedOver.Add(callee.Name);
            return null;
        }
        if (!InRt0Go(instr.IP)) return null;
        string? name = callee?.Name ?? _namer.Name(target).Name;
        if (_gSlot is { } slot && _linked && _m0 is { } m0)
        {
            var memory = _process.Memory;
            ulong Word(int offset) => memory.PeekUInt64(slot.Value + (ulong)offset) ?? 0;
            _trace.Bootstrap = new BootstrapState(slot.Address, slot.Value, m0, Word(0), Word(8), Word(16), Word(24), instr.IP, name)
            {
                GSlotFsOffset = (long)(slot.Address - slot.FsBase),
            };
            return new StopReason(StopKind.BootstrapComplete, instr.IP,
                $"bootstrap complete: rt0_go stored g0 0x{slot.Value:x} in the g TLS slot 0x{slot.Address:x}, linked it with m0 0x{m0:x}, and called {name}");
        }
        var call = new Rt0GoCall(instr.IP, target, name, callee is { IsGoCode: true }, State.Get(MachineState.Rdi), State.Get(MachineState.Rsi), _count);
        _trace.Rt0GoCalls.Add(call);
        _pendingRt0Calls.Push((call, instr.NextIP, rspBefore));
        return null;
    }

    private void CheckReturns(ulong rip)
    {
        while (_pendingRt0Calls.Count > 0)
        {
            var (call, ret, rsp) = _pendingRt0Calls.Peek();
            if (rip != ret || State.StackPointer != rsp) return;
            _pendingRt0Calls.Pop();
            call.ReturnedAt = _count;
            if (!call.TargetIsGo)
            {
                var memory = _process.Memory;
                call.GWordsAtReturn = [.. Enumerable.Range(0, 4).Select(i => memory.PeekUInt64(call.Rdi + (ulong)i * 8) ?? 0)];
            }
        }
    }

    private StopReason? RunModel(string name)
    {
        if (State.Rip == _process.ReturnToLoader || State.Rip == _process.ThreadExit) return SwitchThread(State.Rip == _process.ThreadExit);
        ulong rsp = State.StackPointer;
        ulong ret = _process.Memory.PeekUInt64(rsp) ?? 0;
        if (!_models.TryGetValue(name, out var model))
        {
            _trace.ModelCalls.Add(new ModelCall(name, ret, Arguments(), null, _count));
            return new StopReason(StopKind.UnmodeledImport, State.Rip,
                $"{name} was called from 0x{ret:x} ({_namer.Name(ret).Name}) and has no model");
        }
        var args = Arguments();
        var outcome = model.Invoke(new ModelContext(_process, ret, _count));
        _trace.ModelCalls.Add(new ModelCall(name, ret, args, outcome.ReturnValue, _count));
        if (outcome.Stop is { } stop) return stop;
        if (outcome.ReturnValue is { } value)
        {
            State.Set(MachineState.Rax, value);
            State.Rip = ret;
            State.StackPointer = rsp + 8;
        }
        return null;
    }

    private ulong[] Arguments() =>
        [.. new[] { MachineState.Rdi, MachineState.Rsi, MachineState.Rdx, MachineState.Rcx, MachineState.R8, MachineState.R9 }.Select(State.Get)];

    /// <summary>
    /// The running thread has finished (its function returned to the loader or its start routine returned); run the
    /// next created thread, or end the run: the process would go on without ever completing the bootstrap.
    /// </summary>
    private StopReason? SwitchThread(bool threadReturned)
    {
        var next = _process.Threads.FirstOrDefault(t => !t.Started);
        if (next is null)
        {
            string what = threadReturned ? "a thread's start routine returned"
                : _process.Threads.Count > 1 ? "the library initializer returned" : "the program's entry returned to the loader";
            return new StopReason(StopKind.ProcessExit, State.Rip, $"{what} before the bootstrap completed");
        }
        next.Started = true;
        var state = new MachineState { FsBase = next.Id, Rip = next.StartRoutine };
        ulong sp = (next.StackHi & ~15UL) - 8; // entered as by a call: RSP ≡ 8 (mod 16)
        _process.Memory.PokeUInt64(sp, _process.ThreadExit);
        state.StackPointer = sp;
        state.Set(MachineState.Rdi, next.StartArgument);
        _process.State = state;
        _process.Current = next;
        _executor = new Executor(state, _process.Memory, this);
        _pendingRt0Calls.Clear();
        _trace.FsBaseChanges.Add(new FsBaseChange(State.Rip, $"thread {next.Number} start", next.Id, _count));
        return null;
    }
}
