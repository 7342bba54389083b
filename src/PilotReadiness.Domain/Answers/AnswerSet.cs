using System.Collections;

namespace PilotReadiness.Domain.Answers;

/// <summary>An immutable set of answers keyed by question key. A missing key means "not answered".</summary>
public sealed class AnswerSet : IReadOnlyDictionary<string, Answer>
{
    private readonly Dictionary<string, Answer> _answers;

    public AnswerSet(IEnumerable<KeyValuePair<string, Answer>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        _answers = new Dictionary<string, Answer>(answers, StringComparer.Ordinal);
    }

    public static AnswerSet Empty { get; } = new([]);

    public Answer this[string key] => _answers[key];

    public IEnumerable<string> Keys => _answers.Keys;

    public IEnumerable<Answer> Values => _answers.Values;

    public int Count => _answers.Count;

    public bool ContainsKey(string key) => _answers.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Answer value) =>
        _answers.TryGetValue(key, out value);

    public T? Get<T>(string key) where T : Answer => _answers.GetValueOrDefault(key) as T;

    /// <summary>A copy with one answer set, or removed when <paramref name="answer"/> is null.</summary>
    public AnswerSet With(string key, Answer? answer)
    {
        var copy = new Dictionary<string, Answer>(_answers, StringComparer.Ordinal);
        if (answer is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = answer;
        }

        return new AnswerSet(copy);
    }

    public IEnumerator<KeyValuePair<string, Answer>> GetEnumerator() => _answers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
