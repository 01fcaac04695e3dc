namespace GoBootCheck.Rules.Analyzers.Tests.Support;

/// <summary>
/// A small stand-in of GoBootCheck.Sdk's public surface (the names of coord/API.md), compiled into each test
/// compilation until the tests reference the real Sdk assembly.
/// </summary>
internal static class SdkStandIn
{
    public const string Source = """
        namespace GoBootCheck.Sdk
        {
            using System;
            using System.Collections.Generic;
            using System.Threading;

            public enum Severity { Note, Warning, Error }
            public enum VerdictKind { Pass, Fail, NotApplicable, NotVerified }

            public abstract class Rule
            {
                public abstract RuleDescriptor Descriptor { get; }
                public abstract Verdict Evaluate(RuleContext context);
            }

            public sealed class RuleDescriptor
            {
                public string Id { get; init; } = "";
                public string Name { get; init; } = "";
                public string Title { get; init; } = "";
                public string MessageFormat { get; init; } = "";
                public Severity DefaultSeverity { get; init; } = Severity.Error;
                public string? HelpText { get; init; }
                public Uri? HelpUri { get; init; }
                public string Category { get; init; } = "";
                public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
                public IReadOnlyList<RuleParameter> Parameters { get; init; } = Array.Empty<RuleParameter>();
            }

            public abstract class RuleParameter
            {
                private protected RuleParameter(string name, string description) { Name = name; Description = description; }
                public string Name { get; }
                public string Description { get; }
                public abstract Type Type { get; }
                public abstract object DefaultValue { get; }
            }

            public sealed class RuleParameter<T> : RuleParameter where T : notnull
            {
                public RuleParameter(string name, T defaultValue, string description) : base(name, description) => Default = defaultValue;
                public T Default { get; }
                public T? Minimum { get; init; }
                public T? Maximum { get; init; }
                public override Type Type => typeof(T);
                public override object DefaultValue => Default;
            }

            public sealed class GoFunction
            {
                public string Name { get; } = "";
                public ulong Entry { get; }
                public IReadOnlyList<Instruction> Instructions { get; } = Array.Empty<Instruction>();
            }

            public sealed class Instruction { public ulong Address { get; } }

            public sealed class GoInfo
            {
                public string Version { get; } = "";
                public IReadOnlyList<GoFunction> Functions { get; } = Array.Empty<GoFunction>();
            }

            public abstract class RuleContext
            {
                public abstract GoInfo Go { get; }
                public abstract CancellationToken Cancellation { get; }
                public abstract T GetParameter<T>(RuleParameter<T> parameter) where T : notnull;
                public abstract void Report(Finding finding);
            }

            public sealed class Finding
            {
                public string? Function { get; init; }
                public ulong? Address { get; init; }
                public object[] Arguments { get; init; } = Array.Empty<object>();
                public string? Discriminator { get; init; }
            }

            public sealed class Verdict
            {
                private Verdict(VerdictKind kind, string? text) { Kind = kind; Text = text; }
                public VerdictKind Kind { get; }
                public string? Text { get; }
                public static Verdict Pass(string checkedWhat) => new(VerdictKind.Pass, checkedWhat);
                public static Verdict Fail(string? summary = null) => new(VerdictKind.Fail, summary);
                public static Verdict NotApplicable(string reason) => new(VerdictKind.NotApplicable, reason);
                public static Verdict NotVerified(string reason) => new(VerdictKind.NotVerified, reason);
            }
        }
        """;
}
