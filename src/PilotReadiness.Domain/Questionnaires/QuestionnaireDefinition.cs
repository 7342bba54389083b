using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Questionnaires;

/// <summary>
/// A questionnaire version and its scoring model written as plain data: what is stored, edited as a draft, exported and
/// imported as JSON. <see cref="Check"/> names every problem; <see cref="Build"/> makes the published version.
/// </summary>
public sealed record QuestionnaireDefinition(int Version, IReadOnlyList<SectionDefinition> Sections, ScoringDefinition Scoring)
{
    /// <summary>The scoring model of a version has the version's number.</summary>
    public static string ModelVersionOf(int version) => version.ToString(CultureInfo.InvariantCulture);

    public static QuestionnaireDefinition Of(PublishedVersion published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var model = published.Model;
        return new QuestionnaireDefinition(
            published.Version,
            [.. published.Questionnaire.Sections.Select(s => new SectionDefinition(s.Key, s.Title, s.Summary, s.Weight,
                [.. s.Questions.Select(QuestionDefinition.Of)]))],
            new ScoringDefinition(model.Rules, model.GoAt, model.ConditionsAt, model.NotReadyAt, model.ProductionMultiple, model.GateKeys));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The definition as JSON (camelCase), as stored, exported and imported.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a definition written as JSON; throws <see cref="JsonException"/> when it is not one. <see cref="Check"/> it before use.</summary>
    public static QuestionnaireDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<QuestionnaireDefinition>(json, Json) ?? throw new JsonException("The file holds no questionnaire definition.");

    /// <summary>Every question, in order.</summary>
    [JsonIgnore]
    public IEnumerable<QuestionDefinition> Questions => Sections.SelectMany(s => s.Questions);

    /// <summary>
    /// Every problem that keeps this definition from being published, each against its field (a JSON path such as
    /// <c>sections[1].questions[0].options[2].points</c>); empty when it can be.
    /// </summary>
    public IReadOnlyList<FieldError> Check()
    {
        var errors = new List<FieldError>();
        if (Version <= 0)
        {
            errors.Add(new FieldError("version", "A questionnaire version is a positive number."));
        }

        var sections = Sections ?? [];
        if (!sections.Select(s => s?.Key).SequenceEqual(SectionKeys.All))
        {
            errors.Add(new FieldError("sections", $"A questionnaire has the six sections in this order: {string.Join(", ", SectionKeys.All)}."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i] is { } section)
            {
                section.CheckInto(errors, $"sections[{i}]", seen);
            }
        }

        if (Scoring is null)
        {
            errors.Add(new FieldError("scoring", "Give the scoring settings."));
            return errors;
        }

        var gates = Scoring.Gates ?? [];
        errors.AddRange(ScoringModel.Check(Scoring.Rules, Scoring.GoAt, Scoring.ConditionsAt, Scoring.NotReadyAt, Scoring.ProductionMultiple, gates));
        if (!ScoringModel.RuleGenerations.Contains(Scoring.Rules))
        {
            return errors;
        }

        var questions = sections.Where(s => s is not null).SelectMany(s => s.Questions ?? []).Where(q => q?.Key is not null)
            .GroupBy(q => q.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var gate in gates.Distinct(StringComparer.Ordinal).Where(ScoringModel.GateKeysOf(Scoring.Rules).Contains))
        {
            foreach (var read in ScoringModel.GateReads(Scoring.Rules, gate))
            {
                var problem = !questions.TryGetValue(read.Key, out var question) ? "is missing"
                    : question.Type != read.Type.ToKey() ? $"must be a {read.Type.ToKey()} question"
                    : read.Option is not null && !(question.Options ?? []).Any(o => o?.Value == read.Option) ? $"must offer the option '{read.Option}'"
                    : null;
                if (problem is not null)
                {
                    errors.Add(new FieldError("scoring.gates", $"The gate '{gate}' reads the question '{read.Key}', which {problem}: add it back or turn the gate off."));
                }
                else if (WhyNotMonotone(gate, read, question!) is { } inverted)
                {
                    errors.Add(new FieldError("scoring.gates", inverted));
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// A better-scored answer must never set off a gate that a worse one keeps off: a gate reads options by their value,
    /// not their points. So on a question a gate reads, the answer that keeps it off (the gate's option; "yes" to a
    /// yes/no) scores at least as much as any other, and the options of a multi-select earn nothing (choosing one more of
    /// them can set the gate off). Null when the points keep that order.
    /// </summary>
    private static string? WhyNotMonotone(string gate, GateQuestion read, QuestionDefinition question)
    {
        var options = (question.Options ?? []).Where(o => o is not null).ToList();
        var keepsOff = read.Type switch
        {
            QuestionType.Choice when read.Option is not null => read.Option,
            QuestionType.YesNo => YesNoAnswer.Yes,
            _ => null,
        };
        if (keepsOff is not null && options.FirstOrDefault(o => o.Value == keepsOff) is { } best
            && options.Where(o => o.Points > best.Points).Select(o => $"'{o.Value}' ({o.Points})").ToList() is { Count: > 0 } above)
        {
            return $"The gate '{gate}' holds unless '{read.Key}' is answered '{keepsOff}', so no other answer may score more than it " +
                $"({best.Points}): {string.Join(", ", above)} would. Lower those points or turn the gate off.";
        }

        if (read.Type == QuestionType.MultiSelect && options.Where(o => o.Points != 0).Select(o => $"'{o.Value}' ({o.Points})").ToList() is { Count: > 0 } earning)
        {
            return $"The gate '{gate}' reads the choices of '{read.Key}', so they earn no points (choosing one more could set the gate off): " +
                $"{string.Join(", ", earning)}. Set them to 0 or turn the gate off.";
        }

        return null;
    }

    /// <summary>
    /// Every problem with this definition as the next version after <paramref name="previous"/>: the version number
    /// follows it, and each question the rules refer to by name (<see cref="QuestionKeys.Fixed"/>) that it asks is still
    /// asked, with the same type. Empty when it may follow.
    /// </summary>
    public IReadOnlyList<FieldError> CheckAsSuccessorOf(PublishedVersion previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var errors = new List<FieldError>();
        if (Version != previous.Version + 1)
        {
            errors.Add(new FieldError("version", $"The next version is {previous.Version + 1}."));
        }

        var questions = (Sections ?? []).Where(s => s is not null).SelectMany(s => s.Questions ?? []).Where(q => q?.Key is not null)
            .GroupBy(q => q.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        foreach (var kept in previous.Questionnaire.Questions.Where(q => QuestionKeys.Fixed.Contains(q.Key)))
        {
            if (!questions.TryGetValue(kept.Key, out var type))
            {
                errors.Add(new FieldError("sections", $"The question '{kept.Key}' is one the rules refer to by name: a new version keeps it."));
            }
            else if (type != kept.Type.ToKey())
            {
                errors.Add(new FieldError("sections", $"The question '{kept.Key}' stays a {kept.Type.ToKey()} question: the rules read it as one."));
            }
        }

        return errors;
    }

    /// <summary>The published version this definition describes; throws <see cref="FieldErrorsException"/> with every problem <see cref="Check"/> finds.</summary>
    public PublishedVersion Build()
    {
        FieldErrorsException.ThrowIfAny(Check());
        var questionnaire = new Questionnaire(Version, [.. Sections.Select(s => new Section(s.Key, s.Title, s.Summary, s.Weight, [.. s.Questions.Select(q => q.Build())]))]);
        var model = new ScoringModel(ModelVersionOf(Version), Version, Scoring.Rules, Scoring.GoAt, Scoring.ConditionsAt, Scoring.NotReadyAt,
            Scoring.ProductionMultiple, Scoring.Gates);
        return new PublishedVersion(questionnaire, model);
    }
}

public sealed record SectionDefinition(string Key, string Title, string Summary, int Weight, IReadOnlyList<QuestionDefinition> Questions)
{
    internal void CheckInto(List<FieldError> errors, string path, HashSet<string> seenKeys)
    {
        Definitions.CheckText(errors, path + ".title", Title, Limits.SectionTitleMaxLength, "the section's question");
        Definitions.CheckText(errors, path + ".summary", Summary, Limits.GuidanceMaxLength, "the section's summary");
        if (Weight < 1 || Weight > Limits.SectionWeightMax)
        {
            errors.Add(new FieldError(path + ".weight", $"A section's weight is a whole number from 1 to {Limits.SectionWeightMax}."));
        }

        var questions = Questions ?? [];
        if (questions.Count > Limits.QuestionsPerSectionMax)
        {
            errors.Add(new FieldError(path + ".questions", $"A section has at most {Limits.QuestionsPerSectionMax} questions."));
        }

        var before = errors.Count;
        for (var i = 0; i < questions.Count; i++)
        {
            if (questions[i] is not { } question)
            {
                errors.Add(new FieldError($"{path}.questions[{i}]", "Give the question."));
                continue;
            }

            question.CheckInto(errors, $"{path}.questions[{i}]", Key, seenKeys);
        }

        if (errors.Count == before && questions.Sum(q => q.Build().MaxPoints) <= 0)
        {
            errors.Add(new FieldError(path + ".questions", "A section needs at least one question that earns points."));
        }
    }
}

public sealed record QuestionDefinition(
    string Key,
    string Type,
    string Text,
    string Help,
    string Action,
    IReadOnlyList<OptionDefinition> Options,
    int Points,
    bool Blocker,
    int MinWords,
    bool Measurable,
    decimal? MaxValue)
{
    public static QuestionDefinition Of(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return new QuestionDefinition(question.Key, question.Type.ToKey(), question.Text, question.Help, question.Action,
            [.. question.Options.Select(o => new OptionDefinition(o.Value, o.Label, o.Points, o.Exclusive))],
            question.AnsweredPoints, question.Blocker, question.MinWords, question.Measurable, question.MaxValue);
    }

    /// <summary>The most points an answer can earn (options' best, all options of a multi-select, or the points for answering).</summary>
    [JsonIgnore]
    public int MaxPoints => QuestionTypeNames.FromKey(Type) switch
    {
        QuestionType.MultiSelect => (Options ?? []).Sum(o => o.Points),
        QuestionType.Choice or QuestionType.YesNo => (Options ?? []).Select(o => o.Points).DefaultIfEmpty(0).Max(),
        _ => Points,
    };

    internal Question Build() =>
        new(Key, QuestionTypeNames.FromKey(Type)!.Value, Text, Help, Action,
            [.. (Options ?? []).Select(o => new Option(o.Value, o.Label, o.Points, o.Exclusive))],
            Points, Blocker, MinWords, Measurable, MaxValue);

    internal void CheckInto(List<FieldError> errors, string path, string sectionKey, HashSet<string> seenKeys)
    {
        var before = errors.Count;
        if (Key is null || !Definitions.KeyPattern().IsMatch(Key) || Key.Length > Limits.QuestionKeyMaxLength || !Key.StartsWith(sectionKey + ".", StringComparison.Ordinal))
        {
            errors.Add(new FieldError(path + ".key",
                $"A question's key is its section's key, a dot and a name in lower-case letters, digits and hyphens, like '{sectionKey}.review-date'."));
        }
        else if (!seenKeys.Add(Key))
        {
            errors.Add(new FieldError(path + ".key", $"The key '{Key}' is used twice."));
        }

        var type = QuestionTypeNames.FromKey(Type);
        if (type is null)
        {
            errors.Add(new FieldError(path + ".type", $"The type is one of: {string.Join(", ", Enum.GetValues<QuestionType>().Select(t => t.ToKey()))}."));
        }

        Definitions.CheckText(errors, path + ".text", Text, Limits.QuestionTextMaxLength, "the question");
        Definitions.CheckText(errors, path + ".help", Help, Limits.GuidanceMaxLength, "why the question matters");
        Definitions.CheckText(errors, path + ".action", Action, Limits.GuidanceMaxLength, "the recommended action");
        var options = Options ?? [];
        if (options.Count > Limits.OptionsPerQuestionMax)
        {
            errors.Add(new FieldError(path + ".options", $"A question has at most {Limits.OptionsPerQuestionMax} options."));
        }

        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            var at = $"{path}.options[{i}]";
            if (option is null)
            {
                errors.Add(new FieldError(at, "Give the option."));
                continue;
            }

            if (option.Value is null || option.Value.Length > Limits.OptionValueMaxLength || !Definitions.NamePattern().IsMatch(option.Value))
            {
                errors.Add(new FieldError(at + ".value", "An option's value is a name in lower-case letters, digits and hyphens, like 'quarterly'."));
            }

            Definitions.CheckText(errors, at + ".label", option.Label, Limits.OptionLabelMaxLength, "the option's label");
            if (option.Points < 0 || option.Points > Limits.OptionPointsMax)
            {
                errors.Add(new FieldError(at + ".points", $"Points run from 0 to {Limits.OptionPointsMax}."));
            }
        }

        if (Points < 0 || Points > Limits.OptionPointsMax)
        {
            errors.Add(new FieldError(path + ".points", $"Points run from 0 to {Limits.OptionPointsMax}."));
        }

        if (errors.Count > before)
        {
            return;
        }

        // What is left is how the parts fit together, which the question itself checks (one message at a time).
        try
        {
            _ = Build();
        }
        catch (ArgumentException e)
        {
            errors.Add(new FieldError(path, Definitions.FirstSentence(e.Message)));
        }
    }
}

public sealed record OptionDefinition(string Value, string Label, int Points, bool Exclusive);

/// <summary>
/// The scoring settings of a version: the generation of rules (1 or 2, see <see cref="ScoringModel.Rules"/>), the score
/// from which each verdict is recommended, the production-to-prototype multiple and which gates apply.
/// </summary>
public sealed record ScoringDefinition(int Rules, int GoAt, int ConditionsAt, int NotReadyAt, decimal ProductionMultiple, IReadOnlyList<string> Gates);

internal static partial class Definitions
{
    public static void CheckText(List<FieldError> errors, string field, string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"Write {what}."));
        }
        else if (value.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"Keep {what} to {maxLength} characters or fewer."));
        }
        else if (!TextRules.IsClean(value, multiline: false))
        {
            errors.Add(new FieldError(field, TextRules.InvalidCharactersMessage));
        }
    }

    /// <summary>A constructor's message without the " (Parameter 'x')" .NET appends.</summary>
    public static string FirstSentence(string message)
    {
        var at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex KeyPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex NamePattern();
}
