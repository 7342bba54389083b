namespace PilotReadiness.Domain.Questionnaires;

/// <summary>One published version of the readiness questionnaire. Published versions never change.</summary>
public sealed class Questionnaire
{
    private readonly Dictionary<string, Question> _questions;

    public Questionnaire(int version, IReadOnlyList<Section> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (version <= 0)
        {
            throw new ArgumentException("A questionnaire version is a positive number.", nameof(version));
        }

        if (!sections.Select(s => s.Key).SequenceEqual(SectionKeys.All))
        {
            throw new ArgumentException(
                $"A questionnaire has the six sections in this order: {string.Join(", ", SectionKeys.All)}.", nameof(sections));
        }

        var duplicate = sections.SelectMany(s => s.Questions).GroupBy(q => q.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Question key '{duplicate.Key}' is used twice.", nameof(sections));
        }

        Version = version;
        Sections = sections;
        _questions = sections.SelectMany(s => s.Questions).ToDictionary(q => q.Key, StringComparer.Ordinal);
    }

    public int Version { get; }

    public IReadOnlyList<Section> Sections { get; }

    public IEnumerable<Question> Questions => Sections.SelectMany(s => s.Questions);

    public Question? FindQuestion(string key) => _questions.GetValueOrDefault(key);

    public Question GetQuestion(string key) =>
        FindQuestion(key) ?? throw new ArgumentException($"Questionnaire version {Version} has no question '{key}'.", nameof(key));

    public Section? FindSection(string key) => Sections.FirstOrDefault(s => s.Key == key);

    public int TotalWeight => Sections.Sum(s => s.Weight);
}
