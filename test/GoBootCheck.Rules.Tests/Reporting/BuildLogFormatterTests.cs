using GoBootCheck.Diagnostics;
using GoBootCheck.Reporting;

namespace GoBootCheck.Tests.Reporting;

[TestClass]
public sealed class BuildLogFormatterTests
{
    [TestMethod]
    public void Format_ReadableBinary_StartsWithSummaryLine()
    {
        var lines = BuildLogFormatter.Format(ReportSamples.Failing("/p/hello")).ToList();

        Assert.AreEqual(LogEntryKind.BinarySummary, lines[0].Kind);
        Assert.AreEqual("GoBootCheck: /p/hello: go1.22.12, exe, cgo=no, not stripped, 1557 functions, pclntab go1.20+ (0xfffffff1)", lines[0].Message);
    }

    [TestMethod]
    public void Format_Finding_IsErrorWithCodeFileAndLocation()
    {
        var finding = BuildLogFormatter.Format(ReportSamples.Failing("/p/hello")).Single(e => e.Kind == LogEntryKind.Finding);

        Assert.AreEqual(Severity.Error, finding.Severity);
        Assert.AreEqual("GBC0004", finding.Code);
        Assert.AreEqual("/p/hello", finding.File);
        Assert.AreEqual("GoBootCheck.GBC0004", finding.HelpKeyword);
        Assert.AreEqual("main.work compares SP with g.stackguard1 instead of g.stackguard0 [main.work (/src/hello/main.go:12) at 0x4812a0]", finding.Message);
    }

    [TestMethod]
    public void Format_Diagnostic_DropsThePathPrefixTheFileFieldCarries()
    {
        var line = BuildLogFormatter.Format(ReportSamples.NotElf("/p/notes.txt")).Single();

        Assert.AreEqual(LogEntryKind.Diagnostic, line.Kind);
        Assert.AreEqual("GBC1002", line.Code);
        Assert.AreEqual("/p/notes.txt", line.File);
        Assert.AreEqual("not an ELF file (first bytes 48656C6C)", line.Message);
        Assert.AreEqual("/p/notes.txt: error GBC1002: not an ELF file (first bytes 48656C6C)", line.ToString());
    }

    [TestMethod]
    public void Format_PassingAndInapplicableRules_AreStatusNotes()
    {
        var statuses = BuildLogFormatter.Format(ReportSamples.Failing("/p/hello")).Where(e => e.Kind == LogEntryKind.RuleStatus).ToList();

        CollectionAssert.AreEqual(new[] { "GBC0001", "GBC0003" }, statuses.Select(s => s.Code).ToList());
        Assert.IsTrue(statuses.All(s => s.Severity == Severity.Note));
    }

    [TestMethod]
    public void Summarize_CountsErrorsAndWarningsOfAllBinaries()
    {
        var summary = BuildLogFormatter.Summarize([ReportSamples.Failing("/p/a"), ReportSamples.NotElf("/p/b"), ReportSamples.Arm64("/p/c")]);

        Assert.AreEqual(LogEntryKind.RunSummary, summary.Kind);
        Assert.AreEqual("GoBootCheck: 3 binaries verified, 2 errors, 1 warning", summary.Message);
    }

    [TestMethod]
    public void Summarize_OneCleanBinary_UsesSingular()
    {
        var clean = ReportSamples.Failing("/p/a") with { Results = [] };

        Assert.AreEqual("GoBootCheck: 1 binary verified, 0 errors, 0 warnings", BuildLogFormatter.Summarize([clean]).Message);
    }
}
