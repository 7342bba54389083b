using System.Globalization;
using System.Text.Json;

namespace PilotReadiness.Domain.Answers;

/// <summary>A sponsor's answer to one question. Which subtype is allowed depends on the question's type.</summary>
public abstract record Answer
{
    /// <summary>The answer in the compact text form it is stored in.</summary>
    public abstract string Encode();
}

/// <summary>The chosen option value of a choice question.</summary>
public sealed record ChoiceAnswer(string Value) : Answer
{
    public override string Encode() => Value;
}

public sealed record YesNoAnswer(bool Value) : Answer
{
    public const string Yes = "yes";
    public const string No = "no";

    public string OptionValue => Value ? Yes : No;

    /// <summary>The option values <c>yes</c> and <c>no</c>, or <c>true</c> and <c>false</c>; null for anything else.</summary>
    public static YesNoAnswer? FromText(string? text) => text switch
    {
        Yes or "true" => new YesNoAnswer(true),
        No or "false" => new YesNoAnswer(false),
        _ => null,
    };

    public override string Encode() => Value ? "true" : "false";
}

/// <summary>A number or an amount of money.</summary>
public sealed record NumberAnswer(decimal Value) : Answer
{
    // Without trailing zeros, so 100 and 100.00 are stored alike.
    public override string Encode() => Value.ToString("0.############################", CultureInfo.InvariantCulture);
}

public sealed record DateAnswer(DateOnly Value) : Answer
{
    public override string Encode() => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Free text, or the name of a person.</summary>
public sealed record TextAnswer(string Value) : Answer
{
    public override string Encode() => Value;
}

/// <summary>The chosen option values of a multi-select question, in questionnaire order.</summary>
public sealed record MultiSelectAnswer : Answer
{
    public MultiSelectAnswer(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
    }

    public IReadOnlyList<string> Values { get; }

    public override string Encode() => JsonSerializer.Serialize(Values);

    public bool Equals(MultiSelectAnswer? other) =>
        other is not null && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override int GetHashCode() =>
        Values.Aggregate(17, (hash, value) => HashCode.Combine(hash, StringComparer.Ordinal.GetHashCode(value)));
}
