using System.Reflection;
using GoBootCheck.Diagnostics;
using GoBootCheck.Reporting;

namespace GoBootCheck.Tests.Reporting;

[TestClass]
public sealed class ToolDiagnosticDescriptorsTests
{
    private static List<string> DeclaredIds() =>
        [.. typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)];

    [TestMethod]
    public void All_DescribesEveryDeclaredDiagnosticIdOnceInIdOrder()
    {
        var described = ToolDiagnosticDescriptors.All.Select(d => d.Id).ToList();

        CollectionAssert.AreEqual(DeclaredIds(), described, "every DiagnosticIds constant needs a SARIF descriptor, in id order");
    }

    [TestMethod]
    public void All_IdsAreInTheToolRangeWithNamesAndDescriptions()
    {
        foreach (var d in ToolDiagnosticDescriptors.All)
        {
            Assert.MatchesRegex(@"^GBC1[01]\d\d$", d.Id);
            Assert.MatchesRegex(@"^[A-Z][A-Za-z0-9]+$", d.Name);
            Assert.IsFalse(string.IsNullOrWhiteSpace(d.ShortDescription), d.Id);
            Assert.IsFalse(string.IsNullOrWhiteSpace(d.FullDescription), d.Id);
        }
    }

    [TestMethod]
    public void For_UnknownId_GivesAGenericWarningDescriptor()
    {
        var d = ToolDiagnosticDescriptors.For("GBC1077");

        Assert.AreEqual("GBC1077", d.Id);
        Assert.AreEqual(Severity.Warning, d.DefaultSeverity);
    }
}
