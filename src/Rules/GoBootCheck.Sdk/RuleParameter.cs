using System.Globalization;

namespace GoBootCheck.Sdk;

/// <summary>
/// A typed setting of a rule (for example a minimum Go patch release): name, type, default, allowed range and a
/// description. Rule sets validate users' values against it; a rule reads the value in effect with
/// <see cref="RuleContext.GetParameter{T}(RuleParameter{T})"/>. Create one with <see cref="RuleParameter{T}"/>.
/// </summary>
public abstract class RuleParameter
{
    private protected RuleParameter(string name, string description)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_') || !char.IsAsciiLetter(name[0]))
            throw new ArgumentException($"A parameter name is a letter then letters, digits, '-' or '_'; got '{name}'.", nameof(name));
        Name = name;
        Description = description ?? "";
    }

    /// <summary>The key in a rule set, e.g. "minimum-level".</summary>
    public string Name { get; }

    /// <summary>The value's type: <see cref="long"/>, <see cref="int"/>, <see cref="bool"/>, <see cref="string"/> or an enum.</summary>
    public abstract Type Type { get; }

    /// <summary>What it means, with its unit.</summary>
    public string Description { get; }

    /// <summary>The value when the build does not set one.</summary>
    public object DefaultValue => DefaultValueCore;

    /// <summary>The smallest allowed value (numbers only), or null.</summary>
    public object? Minimum => MinimumCore;

    /// <summary>The largest allowed value (numbers only), or null.</summary>
    public object? Maximum => MaximumCore;

    private protected abstract object DefaultValueCore { get; }

    private protected abstract object? MinimumCore { get; }

    private protected abstract object? MaximumCore { get; }

    /// <summary>The allowed names for an enum parameter, else empty.</summary>
    public IReadOnlyList<string> AllowedValues => Type.IsEnum ? Enum.GetNames(Type) : [];

    /// <summary>
    /// Parses a value as written in a rule set or MSBuild property (invariant culture; enum names case-insensitively;
    /// booleans "true"/"false") and checks the range. Returns false with a sentence for the user when it is not valid.
    /// </summary>
    public abstract bool TryParse(string text, out object? value, out string? error);
}

/// <summary>A rule parameter of type <typeparamref name="T"/> (long, int, bool, string or an enum).</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class RuleParameter<T> : RuleParameter where T : notnull
{
    private readonly T? _minimum, _maximum;
    private readonly bool _hasMinimum, _hasMaximum;

    /// <summary>A parameter with its name, default value and description.</summary>
    public RuleParameter(string name, T defaultValue, string description) : base(name, description)
    {
        if (!IsSupported(typeof(T)))
            throw new ArgumentException($"Rule parameters are long, int, bool, string or an enum; {typeof(T).Name} is not supported.", nameof(defaultValue));
        DefaultValue = defaultValue ?? throw new ArgumentNullException(nameof(defaultValue));
    }

    /// <inheritdoc/>
    public override Type Type => typeof(T);

    /// <summary>The value when the build does not set one.</summary>
    public new T DefaultValue { get; }

    /// <summary>The smallest allowed value (long and int only).</summary>
    public new T? Minimum
    {
        get => _minimum;
        init { RequireNumber(); _minimum = value; _hasMinimum = true; }
    }

    /// <summary>The largest allowed value (long and int only).</summary>
    public new T? Maximum
    {
        get => _maximum;
        init { RequireNumber(); _maximum = value; _hasMaximum = true; }
    }

    private protected override object DefaultValueCore => DefaultValue;

    /// <inheritdoc/>
    public override bool TryParse(string text, out object? value, out string? error)
    {
        value = null;
        error = null;
        text = (text ?? "").Trim();
        object? parsed = typeof(T) switch
        {
            var t when t == typeof(long) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? l : null,
            var t when t == typeof(int) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i : null,
            var t when t == typeof(bool) => bool.TryParse(text, out bool b) ? b : null,
            var t when t == typeof(string) => text,
            var t when t.IsEnum => Enum.GetNames(t).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(t, name) : null,
            _ => null,
        };
        if (parsed is null)
        {
            error = $"'{text}' is not a valid {Describe()} for {Name}";
            return false;
        }
        if (!IsInRange((T)parsed))
        {
            error = $"{Name} is {text}, outside its allowed range {Range()}";
            return false;
        }
        value = parsed;
        return true;
    }

    /// <summary>True if <paramref name="value"/> is within <see cref="Minimum"/> and <see cref="Maximum"/>.</summary>
    public bool IsInRange(T value)
    {
        var comparer = Comparer<T>.Default;
        return (!_hasMinimum || comparer.Compare(value, _minimum!) >= 0) && (!_hasMaximum || comparer.Compare(value, _maximum!) <= 0);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Describe()}, default {Format(DefaultValue)})";

    private static bool IsSupported(Type t) => t == typeof(long) || t == typeof(int) || t == typeof(bool) || t == typeof(string) || t.IsEnum;

    private void RequireNumber()
    {
        if (typeof(T) != typeof(long) && typeof(T) != typeof(int))
            throw new InvalidOperationException($"Only long and int parameters have a range; {Name} is {typeof(T).Name}.");
    }

    private string Describe() => typeof(T) switch
    {
        var t when t == typeof(long) || t == typeof(int) => "whole number" + (_hasMinimum || _hasMaximum ? " " + Range() : ""),
        var t when t == typeof(bool) => "boolean (true or false)",
        var t when t.IsEnum => "value (" + string.Join(", ", Enum.GetNames(t)) + ")",
        _ => "text",
    };

    private string Range() =>
        "[" + (_hasMinimum ? Format(_minimum!) : "") + ".." + (_hasMaximum ? Format(_maximum!) : "") + "]";

    private static string Format(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private protected override object? MinimumCore => _hasMinimum ? _minimum : null;

    private protected override object? MaximumCore => _hasMaximum ? _maximum : null;
}
