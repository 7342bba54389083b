using System.Globalization;
using System.Text.Json;
using PilotReadiness.Domain.Answers;

namespace PilotReadiness.Domain.Questionnaires;

/// <summary>
/// One question of a questionnaire version: its stable key (<c>section.name</c>), how it is answered,
/// why it matters, what earns points and what to do when the answer falls short.
/// </summary>
public sealed partial class Question
{
    private static readonly IReadOnlyList<Option> YesNoOptions = [];

    public Question(
        string key,
        QuestionType type,
        string text,
        string help,
        string action,
        IReadOnlyList<Option>? options = null,
        int answeredPoints = 0,
        bool blocker = false,
        int minWords = 1,
        bool measurable = false,
        decimal? maxValue = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(help);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == key.Length - 1 || key.Length > Limits.QuestionKeyMaxLength)
        {
            throw new ArgumentException($"Question key '{key}' must look like 'section.name'.", nameof(key));
        }

        options ??= YesNoOptions;
        if (type.HasOptions() && options.Count == 0)
        {
            throw new ArgumentException($"Question '{key}' is a {type.ToKey()} question and needs options.", nameof(options));
        }

        if (!type.HasOptions() && options.Count > 0)
        {
            throw new ArgumentException($"Question '{key}' is a {type.ToKey()} question and cannot have options.", nameof(options));
        }

        if (type == QuestionType.YesNo &&
            !options.Select(o => o.Value).Order(StringComparer.Ordinal).SequenceEqual([YesNoAnswer.No, YesNoAnswer.Yes]))
        {
            throw new ArgumentException($"Yes/no question '{key}' needs exactly the options 'yes' and 'no'.", nameof(options));
        }

        if (options.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() != options.Count)
        {
            throw new ArgumentException($"Question '{key}' has two options with the same value.", nameof(options));
        }

        if (type.HasOptions() && answeredPoints != 0)
        {
            throw new ArgumentException($"Question '{key}' earns points from its options, not from being answered.", nameof(answeredPoints));
        }

        if (answeredPoints < 0)
        {
            throw new ArgumentException($"Question '{key}' has negative points.", nameof(answeredPoints));
        }

        if (minWords < 1 || (minWords > 1 || measurable) && type != QuestionType.Text)
        {
            throw new ArgumentException($"Question '{key}': a minimum of words or a measure is asked only of text questions.", nameof(minWords));
        }

        if (maxValue is not null && (type != QuestionType.Number || maxValue <= 0 || maxValue > Limits.NumberMax))
        {
            throw new ArgumentException($"Question '{key}': only a number question has its own largest value.", nameof(maxValue));
        }

        Key = key;
        SectionKey = key[..dot];
        Type = type;
        Text = text;
        Help = help;
        Action = action;
        Options = options;
        AnsweredPoints = answeredPoints;
        Blocker = blocker;
        MinWords = minWords;
        Measurable = measurable;
        MaxValue = maxValue;
        MaxPoints = type switch
        {
            QuestionType.Choice or QuestionType.YesNo => options.Max(o => o.Points),
            QuestionType.MultiSelect => options.Sum(o => o.Points),
            _ => answeredPoints,
        };
    }

    public string Key { get; }

    public string SectionKey { get; }

    public QuestionType Type { get; }

    public string Text { get; }

    /// <summary>Why the question matters, in a sentence or two a sponsor can act on.</summary>
    public string Help { get; }

    /// <summary>The recommended action when the answer earns less than the maximum.</summary>
    public string Action { get; }

    public IReadOnlyList<Option> Options { get; }

    /// <summary>For questions without options: the points a non-empty answer earns.</summary>
    public int AnsweredPoints { get; }

    /// <summary>An empty answer blocks a positive verdict.</summary>
    public bool Blocker { get; }

    public int MaxPoints { get; }

    /// <summary>
    /// For a text question: how many words that say something a real answer has at least (a team's name: 1; a plan: a
    /// sentence). Read by the scoring models that tell real answers from non-answers (see <see cref="Answers.AnswerQuality"/>).
    /// </summary>
    public int MinWords { get; }

    /// <summary>For a text question that asks for a measure: a real answer gives a number.</summary>
    public bool Measurable { get; }

    /// <summary>For a number question with its own range (a percentage): the largest number it takes.</summary>
    public decimal? MaxValue { get; }

    public bool IsScored => MaxPoints > 0;

    public int MaxLength => Type == QuestionType.Person ? Limits.PersonMaxLength : Limits.TextMaxLength;

    public Option? FindOption(string value) => Options.FirstOrDefault(o => o.Value == value);

    /// <summary>Points earned by an answer (0 when unanswered). Assumes the answer passed <see cref="Check"/>.</summary>
    public int Points(Answer? answer) => answer switch
    {
        null or NotApplicableAnswer => 0,
        ChoiceAnswer c => FindOption(c.Value)?.Points ?? 0,
        YesNoAnswer y => FindOption(y.OptionValue)?.Points ?? 0,
        MultiSelectAnswer m => m.Values.Sum(v => FindOption(v)?.Points ?? 0),
        _ => AnsweredPoints,
    };

    /// <summary>The answer as a person reads it.</summary>
    public string Describe(Answer? answer) => answer switch
    {
        null => "Not answered",
        NotApplicableAnswer n => $"Not applicable: {n.Reason}",
        ChoiceAnswer c => FindOption(c.Value)?.Label ?? c.Value,
        YesNoAnswer y => FindOption(y.OptionValue)?.Label ?? (y.Value ? "Yes" : "No"),
        MultiSelectAnswer m => string.Join(", ", m.Values.Select(v => FindOption(v)?.Label ?? v)),
        NumberAnswer n when Type == QuestionType.Money => n.Value.ToString("#,0.##", CultureInfo.InvariantCulture),
        NumberAnswer n => n.Value.ToString("#,0.##", CultureInfo.InvariantCulture),
        DateAnswer d => d.Value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        TextAnswer t => t.Value,
        _ => answer.Encode(),
    };

    /// <summary>Null when the answer is acceptable for this question, otherwise a message a person can act on.</summary>
    public string? Check(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return (Type, answer) switch
        {
            (QuestionType.Choice, ChoiceAnswer c) => FindOption(c.Value) is null ? UnknownOption(c.Value) : null,
            (QuestionType.YesNo, YesNoAnswer) => null,
            (QuestionType.MultiSelect, MultiSelectAnswer m) => CheckMultiSelect(m),
            (QuestionType.Money, NumberAnswer n) => n.Value < 0 ? "Enter an amount of zero or more."
                : n.Value > Limits.MoneyMax ? $"Enter an amount no larger than {Limits.MoneyMax:#,0}." : null,
            (QuestionType.Number, NumberAnswer n) => n.Value < 0 ? "Enter a number of zero or more."
                : n.Value > (MaxValue ?? Limits.NumberMax) ? $"Enter a number no larger than {(MaxValue ?? Limits.NumberMax):#,0}." : null,
            (QuestionType.Date, DateAnswer d) => d.Value < Limits.DateMin || d.Value > Limits.DateMax
                ? $"Enter a date between {Limits.DateMin:yyyy} and {Limits.DateMax:yyyy}." : null,
            (QuestionType.Person or QuestionType.Text, TextAnswer t) => CheckText(t.Value),
            _ => $"Expected {ExpectedDescription}.",
        };
    }

    /// <summary>What a valid answer looks like, for error messages.</summary>
    public string ExpectedDescription => Type switch
    {
        QuestionType.Choice => "one of: " + string.Join(", ", Options.Select(o => o.Value)),
        QuestionType.YesNo => "true or false (or the option values \"yes\" and \"no\")",
        QuestionType.MultiSelect => "a list of: " + string.Join(", ", Options.Select(o => o.Value)),
        QuestionType.Money => "an amount (a number of zero or more, like 125000, 125,000.50 or €125 000)",
        QuestionType.Number => "a number of zero or more",
        QuestionType.Date => "a date as YYYY-MM-DD",
        QuestionType.Person => "a person's name",
        QuestionType.Text => "text",
        _ => "an answer",
    };

    /// <summary>
    /// Reads an answer typed into a form. Empty input means "clear the answer" (a null answer, no error). An amount may
    /// carry a currency symbol or code and thousands separators (<see cref="NumberText"/>); given the organisation's
    /// <paramref name="currency"/>, a symbol or code of another currency is refused.
    /// </summary>
    public AnswerParse Parse(IReadOnlyList<string?> values, Currency? currency = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var filled = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        if (filled.Count == 0)
        {
            return AnswerParse.Cleared;
        }

        if (Type != QuestionType.MultiSelect && filled.Count > 1)
        {
            return AnswerParse.Invalid("Give one answer.");
        }

        var raw = filled[0];
        Answer? answer = Type switch
        {
            QuestionType.Choice => new ChoiceAnswer(raw),
            QuestionType.YesNo => YesNoAnswer.FromText(raw),
            QuestionType.MultiSelect => new MultiSelectAnswer(filled),
            QuestionType.Money or QuestionType.Number => null,
            QuestionType.Date =>
                DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new DateAnswer(date) : null,
            // Browsers send line breaks as CRLF; stored and counted as one character each.
            _ => new TextAnswer(raw.ReplaceLineEndings("\n")),
        };
        if (Type is QuestionType.Money or QuestionType.Number)
        {
            var reading = NumberText.Read(raw, Type == QuestionType.Money, currency);
            if (reading.Error is not null)
            {
                return AnswerParse.Invalid(reading.Error);
            }

            answer = reading.Value is { } number ? new NumberAnswer(number) : null;
        }

        if (answer is null)
        {
            return AnswerParse.Invalid(Type == QuestionType.YesNo ? "Choose yes or no." : $"Enter {ExpectedDescription}.");
        }

        var error = Check(answer);
        return error is null ? AnswerParse.Valid(Normalize(answer)) : AnswerParse.Invalid(error);
    }

    /// <summary>Turns a stored answer back into an answer. Stored answers were checked when saved.</summary>
    public Answer Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Type switch
        {
            QuestionType.Choice => new ChoiceAnswer(stored),
            QuestionType.YesNo => new YesNoAnswer(stored == "true"),
            QuestionType.MultiSelect => new MultiSelectAnswer(JsonSerializer.Deserialize<string[]>(stored) ?? []),
            QuestionType.Money or QuestionType.Number => new NumberAnswer(decimal.Parse(stored, CultureInfo.InvariantCulture)),
            QuestionType.Date => new DateAnswer(DateOnly.ParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => new TextAnswer(stored),
        };
    }

    /// <summary>Puts an already checked answer in its canonical form (trimmed text, options in questionnaire order).</summary>
    public Answer Normalize(Answer answer) => answer switch
    {
        TextAnswer t => new TextAnswer(t.Value.ReplaceLineEndings("\n").Trim()),
        MultiSelectAnswer m => new MultiSelectAnswer(Options.Select(o => o.Value).Where(m.Values.Contains)),
        _ => answer,
    };

    private string? CheckMultiSelect(MultiSelectAnswer answer)
    {
        if (answer.Values.Count == 0)
        {
            return "Choose at least one option, or clear the answer.";
        }

        var unknown = answer.Values.FirstOrDefault(v => FindOption(v) is null);
        if (unknown is not null)
        {
            return UnknownOption(unknown);
        }

        if (answer.Values.Distinct(StringComparer.Ordinal).Count() != answer.Values.Count)
        {
            return "Choose each option at most once.";
        }

        var exclusive = answer.Values.Select(FindOption).FirstOrDefault(o => o!.Exclusive);
        return exclusive is not null && answer.Values.Count > 1
            ? $"'{exclusive.Label}' cannot be combined with other options."
            : null;
    }

    private string? CheckText(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Enter some text, or clear the answer.";
        }

        if (!TextRules.IsClean(value, multiline: Type == QuestionType.Text))
        {
            return TextRules.InvalidCharactersMessage;
        }

        return value.Trim().Length > MaxLength ? $"Keep this to {MaxLength} characters or fewer." : null;
    }

    private string UnknownOption(string value) =>
        $"'{Truncate(value)}' is not one of the options ({string.Join(", ", Options.Select(o => o.Value))}).";

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>The result of reading an answer from input: an answer, a cleared answer, or an error.</summary>
public readonly record struct AnswerParse(Answer? Answer, string? Error)
{
    public static AnswerParse Cleared => default;

    public bool IsValid => Error is null;

    public static AnswerParse Valid(Answer answer) => new(answer, null);

    public static AnswerParse Invalid(string error) => new(null, error);
}
