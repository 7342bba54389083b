namespace PilotReadiness.Domain.Questionnaires;

/// <summary>One answer a choice, yes/no or multi-select question offers, and the points it earns.</summary>
public sealed record Option
{
    public Option(string value, string label, int points, bool exclusive = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (points < 0)
        {
            throw new ArgumentException($"Option '{value}' has negative points; points run from 0 upwards.", nameof(points));
        }

        Value = value;
        Label = label;
        Points = points;
        Exclusive = exclusive;
    }

    /// <summary>Stable value stored and sent over the API, e.g. <c>involved</c>.</summary>
    public string Value { get; }

    public string Label { get; }

    public int Points { get; }

    /// <summary>In a multi-select, an option that cannot be combined with others (e.g. "none").</summary>
    public bool Exclusive { get; }
}
