using GoBootCheck.Go;

namespace GoBootCheck.Prologue;

internal sealed partial class PrologueMatcher
{
    /// <summary>
    /// The classification being built, reused for every function of a matcher's share: one immutable
    /// <see cref="FunctionPrologue"/> is allocated per function, when it is done (a large binary has 250 000).
    /// </summary>
    private sealed class Draft
    {
        public GoFunction Function { get; private set; } = null!;
        public int Frame { get; private set; }
        public PrologueKind Kind { get; private set; }
        public GLoadForm? GLoad { get; set; }
        public GSlot? Slot { get; set; }
        public int GuardOffset { get; private set; }
        public MorestackVariant Morestack { get; private set; }
        public bool InlineMorestack { get; private set; }
        public int SpilledRegisters { get; private set; }
        public PrologueFault? Fault { get; private set; }

        public Draft Reset(GoFunction function, int frame)
        {
            Function = function;
            Frame = frame;
            Kind = PrologueKind.NoCheck;
            GLoad = null;
            Slot = null;
            GuardOffset = 0;
            Morestack = MorestackVariant.None;
            InlineMorestack = false;
            SpilledRegisters = 0;
            Fault = null;
            return this;
        }

        public Draft As(PrologueKind kind, GLoadForm? gLoad)
        {
            Kind = kind;
            GLoad = gLoad;
            return this;
        }

        /// <summary>What looked like the start of a check is ordinary code: the function has none.</summary>
        public Draft AsNoCheck()
        {
            Kind = PrologueKind.NoCheck;
            GLoad = null;
            Slot = null;
            return this;
        }

        public Draft Guard(int offset)
        {
            GuardOffset = offset;
            return this;
        }

        public Draft Slow(MorestackVariant variant, bool inline, int spills)
        {
            Morestack = variant;
            InlineMorestack = inline;
            SpilledRegisters = spills;
            return this;
        }

        public Draft WithFault(PrologueFault fault)
        {
            Fault = fault;
            return this;
        }

        public FunctionPrologue ToResult() => new(Function, Kind, Frame)
        {
            GLoad = GLoad, Slot = Slot, GuardOffset = GuardOffset, Morestack = Morestack,
            InlineMorestack = InlineMorestack, SpilledRegisters = SpilledRegisters, Fault = Fault,
        };
    }
}
