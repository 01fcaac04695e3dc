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
        /// <summary>Where the check's fast path continues: the frame allocation, then the body.</summary>
        public ulong FallThrough { get; set; }
        /// <summary>The bytes the instructions after the check allocate (null until read).</summary>
        public int? Allocated { get; set; }
        /// <summary>The frame the check must cover: what the prologue allocates (the pcsp maximum until that is read).</summary>
        public int Checked => Allocated ?? Frame;
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
            FallThrough = 0;
            Allocated = null;
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
            AllocatedFrame = Allocated ?? 0,
        };
    }
}
