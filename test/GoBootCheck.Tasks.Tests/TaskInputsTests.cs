using GoBootCheck.Reporting;

namespace GoBootCheck.Tasks.Tests;

[TestClass]
public sealed class TaskInputsTests
{
    private static TaskInputs Inputs(string? instructions, string? seconds, bool strict = false) =>
        new([], null, null, strict, instructions, seconds);

    [TestMethod]
    public void ToOptions_ValidBudgets_AreParsedInvariantly()
    {
        var problems = new List<LogEntry>();

        var options = Inputs(" 1000 ", "1.5", strict: true).ToOptions(problems);

        Assert.IsEmpty(problems);
        Assert.AreEqual(1000, options.InstructionBudget);
        Assert.AreEqual(TimeSpan.FromSeconds(1.5), options.TimeBudget);
        Assert.IsTrue(options.TreatUnverifiableAsError);
    }

    [TestMethod]
    public void ToOptions_EmptyBudgets_KeepTheDefaults()
    {
        var problems = new List<LogEntry>();

        var options = Inputs("", null).ToOptions(problems);

        Assert.IsEmpty(problems);
        Assert.AreEqual(new GoBootCheck.Engine.VerificationOptions(), options);
    }

    [TestMethod]
    public void ToOptions_ZeroOrNegativeOrText_IsOneInvalidConfigurationEach()
    {
        var problems = new List<LogEntry>();

        var options = Inputs("0", "soon").ToOptions(problems);

        CollectionAssert.AreEqual(new[] { "GBC1013", "GBC1013" }, problems.Select(p => p.Code).ToList());
        Assert.AreEqual("GoBootCheckTimeBudgetSeconds is 'soon', expected a positive number of seconds; the default 60 is used", problems[1].Message);
        Assert.AreEqual(new GoBootCheck.Engine.VerificationOptions(), options);
    }
}
