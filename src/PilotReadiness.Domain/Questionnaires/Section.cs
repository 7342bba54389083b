namespace PilotReadiness.Domain.Questionnaires;

/// <summary>A section of the questionnaire: one of the six fixed keys, its weight in the overall score, its questions.</summary>
public sealed class Section
{
    public Section(string key, string title, string summary, int weight, IReadOnlyList<Question> questions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        ArgumentNullException.ThrowIfNull(questions);
        if (!SectionKeys.All.Contains(key))
        {
            throw new ArgumentException($"'{key}' is not a section key; use one of {string.Join(", ", SectionKeys.All)}.", nameof(key));
        }

        if (weight <= 0)
        {
            throw new ArgumentException($"Section '{key}' needs a positive weight.", nameof(weight));
        }

        var stray = questions.FirstOrDefault(q => q.SectionKey != key);
        if (stray is not null)
        {
            throw new ArgumentException($"Question '{stray.Key}' does not belong in section '{key}'.", nameof(questions));
        }

        if (questions.Sum(q => q.MaxPoints) <= 0)
        {
            throw new ArgumentException($"Section '{key}' has no question that earns points.", nameof(questions));
        }

        Key = key;
        Title = title;
        Summary = summary;
        Weight = weight;
        Questions = questions;
        MaxPoints = questions.Sum(q => q.MaxPoints);
    }

    public string Key { get; }

    /// <summary>The section's question, e.g. "Committed to roll out if it works?".</summary>
    public string Title { get; }

    /// <summary>A sentence on what the section checks and why.</summary>
    public string Summary { get; }

    public int Weight { get; }

    public IReadOnlyList<Question> Questions { get; }

    public int MaxPoints { get; }
}
