using GoBootCheck.Sdk;
using GoBootCheck.Sdk.Testing;
using GoBootCheck.Tests.Support;
using GoBootCheck.Tests.TestSupport;
using Iced.Intel;

namespace GoBootCheck.Tests.RulePacks;

/// <summary>GoBootCheck.Sdk.Testing's harness runs the real engine: a rule sees the same context as in a build.</summary>
[TestClass]
public sealed class RuleHarnessTests
{
    /// <summary>Counts the functions whose entry decodes to a CALL first, with a typed parameter.</summary>
    private sealed class EntryCallRule : Rule
    {
        public static readonly RuleParameter<int> Limit = new("limit", 1_000_000, "Findings allowed.") { Minimum = 0 };

        public override RuleDescriptor Descriptor { get; } = new()
        {
            Id = "TST0001", Name = "EntryCall", Title = "Counts stack checks through the public instruction model.", MessageFormat = "{0} stack-checked functions, limit {1}",
            Parameters = [Limit],
        };

        public override Verdict Evaluate(RuleContext context)
        {
            var scan = context.GetAnalysis<PrologueScan>()!;
            var main = context.Go.FunctionsNamed("main.main")[0];
            var first = context.Decode(main)[0];
            int checks = scan.Functions.Count(p => p.HasCheck);
            if (checks <= context.GetParameter(Limit)) return Verdict.Pass($"{checks}; main.main starts with {first.Mnemonic} {first.Operands[1].Segment ?? first.Operands[1].Base}");
            context.Report(new Finding(checks, context.GetParameter(Limit)) { Function = main.Name, Address = main.Entry, Source = main.Source });
            return Verdict.Fail();
        }
    }

    private sealed class SilentFailure : Rule
    {
        public override RuleDescriptor Descriptor { get; } = new() { Id = "TST0002", Name = "Silent", Title = "Fails without findings.", MessageFormat = "{0}" };

        public override Verdict Evaluate(RuleContext context) => Verdict.Fail();
    }

    [TestMethod]
    public void Evaluate_RealBinary_ContextHasAnalysesInstructionsAndTypedParameters()
    {
        var fixture = Fixtures.Get("go1.22", "default");

        var pass = RuleHarness.EvaluateFile(new EntryCallRule(), fixture.Path);
        Assert.AreEqual(VerdictKind.Pass, pass.Verdict.Kind, pass.ToString());
        StringAssert.EndsWith(pass.Verdict.Text, "main.main starts with lea rsp"); // LEA r12, [RSP-frame]: the medium-frame check

        var fail = RuleHarness.Evaluate(new EntryCallRule(), fixture.Bytes, "hello", new RuleHarnessOptions { Parameters = new Dictionary<string, object> { ["limit"] = "10" } });
        Assert.AreEqual(VerdictKind.Fail, fail.Verdict.Kind);
        Assert.AreEqual("main.main", fail.Findings.Single().Function);
        StringAssert.EndsWith(fail.Messages.Single(), " stack-checked functions, limit 10");
    }

    [TestMethod]
    public void Evaluate_BuiltInRuleOnAFaultInjectedBinary_FailsAtTheFunction()
    {
        var fault = new FaultInjection("go1.22", "default");
        fault.Patch("runtime.settls", i => i.Mnemonic == Mnemonic.Add && i.Op0Register == Register.RDI, i => Emulation.SettlsFaultTests.WithImmediate(i, 0x10));

        var result = RuleHarness.Evaluate(new Rules.BuiltIn.SettlsSucceeds(), fault.Bytes, fault.Name);

        Assert.AreEqual(VerdictKind.Fail, result.Verdict.Kind, result.ToString());
        Assert.AreEqual("runtime.settls", result.Findings[0].Function);
        Assert.AreEqual("arch_prctl", result.Findings[0].Discriminator);
    }

    [TestMethod]
    public void Evaluate_BrokenContractOrUnknownParameter_Throws()
    {
        var bytes = Fixtures.Get("go1.22", "default").Bytes;
        var contract = Assert.ThrowsExactly<InvalidOperationException>(() => RuleHarness.Evaluate(new SilentFailure(), bytes));
        StringAssert.Contains(contract.Message, "returned Fail without reporting a finding");
        var parameter = Assert.ThrowsExactly<ArgumentException>(() =>
            RuleHarness.Evaluate(new EntryCallRule(), bytes, options: new RuleHarnessOptions { Parameters = new Dictionary<string, object> { ["limit"] = "-1" } }));
        StringAssert.Contains(parameter.Message, "outside its allowed range [0..]");
    }
}
