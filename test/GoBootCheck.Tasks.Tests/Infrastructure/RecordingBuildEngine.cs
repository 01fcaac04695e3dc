using System.Collections;
using Microsoft.Build.Framework;

namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>An IBuildEngine that records the whole log, so task tests assert on exactly what MSBuild would show.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];
    public List<BuildWarningEventArgs> Warnings { get; } = [];
    public List<BuildMessageEventArgs> Messages { get; } = [];
    public List<CustomBuildEventArgs> Custom { get; } = [];

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "test.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
    public void LogCustomEvent(CustomBuildEventArgs e) => Custom.Add(e);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("VerifyGoBinaries builds no projects");

    /// <summary>Messages at <paramref name="importance"/> only.</summary>
    public IEnumerable<string> MessagesAt(MessageImportance importance) =>
        Messages.Where(m => m.Importance == importance).Select(m => m.Message ?? "");

    /// <summary>Every event as one text, for failure messages.</summary>
    public string Transcript() => string.Join(Environment.NewLine,
        Errors.Select(e => $"error {e.Code} {e.File}: {e.Message}")
            .Concat(Warnings.Select(w => $"warning {w.Code} {w.File}: {w.Message}"))
            .Concat(Messages.Select(m => $"message[{m.Importance}] {m.Message}")));
}
