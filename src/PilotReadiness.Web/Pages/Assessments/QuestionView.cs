using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// What the question partial needs: the question, the values in the form, an error, a conflicting saved value, and why
/// the saved answer does not count (the scoring model's judgement), if it does not.
/// </summary>
public sealed record QuestionView(Question Question, IReadOnlyList<string> Values, string? Error, string? SavedElsewhere, string? NotCounted = null, Currency? Currency = null)
{
    public static string IdFor(string questionKey) => "q-" + questionKey.Replace('.', '-');
}
