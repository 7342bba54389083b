using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Assessments;

/// <summary>
/// Reads answers sent by a form or the API into domain answers. The rules for what makes an answer valid live in the
/// domain (<see cref="Question.Check"/>), because they belong to a questionnaire version; this only reads the shapes.
/// </summary>
public static class AnswerInput
{
    /// <summary>The form field of a question's "not applicable" box, and of its reason.</summary>
    public static string NotApplicableField(string questionKey) => questionKey + ".not-applicable";

    public static string NotApplicableReasonField(string questionKey) => questionKey + ".not-applicable-reason";

    /// <summary>Answers as the API sends them; a JSON null clears an answer, <c>{"notApplicable": "reason"}</c> marks the question not applicable.</summary>
    public static (Dictionary<string, Answer?> Answers, Dictionary<string, string[]> Errors) FromJson(
        Questionnaire questionnaire, IReadOnlyDictionary<string, JsonElement> values)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(values);
        var answers = new Dictionary<string, Answer?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var field = $"answers.{key}";
            var question = questionnaire.FindQuestion(key);
            if (question is null)
            {
                errors[field] = [$"There is no question '{Shorten(key)}' in questionnaire version {questionnaire.Version}."];
                continue;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                answers[key] = null;
                continue;
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                var reason = value.TryGetProperty("notApplicable", out var why) ? ReadString(why) : null;
                var problem = NotApplicableAnswer.CheckReason(reason);
                if (problem is null)
                {
                    answers[key] = new NotApplicableAnswer(reason!);
                }
                else
                {
                    errors[field] = [problem];
                }

                continue;
            }

            var answer = ReadJson(question, value);
            var error = answer is null ? $"Expected {question.ExpectedDescription}." : question.Check(answer);
            if (error is null)
            {
                answers[key] = question.Normalize(answer!);
            }
            else
            {
                errors[field] = [error];
            }
        }

        return (answers, errors);
    }

    /// <summary>
    /// The answers of one section as a form posts them (field name = question key). Missing or empty clears. Amounts are
    /// read in the organisation's <paramref name="currency"/>.
    /// </summary>
    public static (Dictionary<string, Answer?> Answers, Dictionary<string, string> Errors) FromForm(
        Section section, IFormCollection form, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(form);
        var answers = new Dictionary<string, Answer?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in section.Questions)
        {
            if (form.TryGetValue(NotApplicableField(question.Key), out var marked) && marked.Contains("on"))
            {
                var reason = form.TryGetValue(NotApplicableReasonField(question.Key), out var why) ? why.ToString() : null;
                if (NotApplicableAnswer.CheckReason(reason) is { } problem)
                {
                    errors[question.Key] = problem;
                }
                else
                {
                    answers[question.Key] = new NotApplicableAnswer(reason!);
                }

                continue;
            }

            var values = form.TryGetValue(question.Key, out var posted) ? posted : StringValues.Empty;
            var parsed = question.Parse([.. values], currency);
            if (parsed.IsValid)
            {
                answers[question.Key] = parsed.Answer;
            }
            else
            {
                errors[question.Key] = parsed.Error!;
            }
        }

        return (answers, errors);
    }

    /// <summary>
    /// Takes out of <paramref name="answers"/> each "not applicable" the assessment refuses (a question required to proceed
    /// or read by a gate, a section left without a question that earns points), with the domain's message in
    /// <paramref name="errors"/>, so that the rest can be saved.
    /// </summary>
    public static void DropRefusedMarks(
        Domain.Assessments.Assessment assessment, IQuestionnaireCatalog catalog, Dictionary<string, Answer?> answers, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(errors);
        IReadOnlyList<Domain.FieldError> refused;
        while ((refused = assessment.CheckNotApplicable(catalog, answers)).Count > 0)
        {
            foreach (var error in refused)
            {
                errors[error.Field] = error.Message;
                answers.Remove(error.Field);
            }
        }
    }

    private static Answer? ReadJson(Question question, JsonElement value)
    {
        if (question.Type == QuestionType.MultiSelect)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var items = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (ReadString(item) is not { } text)
                {
                    return null;
                }

                items.Add(text);
            }

            return new MultiSelectAnswer(items);
        }

        return question.Type switch
        {
            QuestionType.Choice => ReadString(value) is { } choice ? new ChoiceAnswer(choice) : null,
            QuestionType.YesNo when value.ValueKind is JsonValueKind.True or JsonValueKind.False => new YesNoAnswer(value.GetBoolean()),
            QuestionType.YesNo => YesNoAnswer.FromText(ReadString(value)),
            QuestionType.Number or QuestionType.Money when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) =>
                new NumberAnswer(number),
            QuestionType.Date when ReadString(value) is { } text &&
                DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
                new DateAnswer(date),
            QuestionType.Person or QuestionType.Text => ReadString(value) is { } text ? new TextAnswer(text) : null,
            _ => null,
        };
    }

    /// <summary>A JSON string's value, or null when it is not a string or not valid Unicode (a lone surrogate).</summary>
    private static string? ReadString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
