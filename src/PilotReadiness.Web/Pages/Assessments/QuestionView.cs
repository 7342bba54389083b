using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// What the question partial needs: the question, the values in the form, an error, a conflicting saved value, and why
/// the saved answer does not count (the scoring model's judgement), if it does not.
/// </summary>
/// <param name="NotApplicable">Null when the question may not be marked not applicable; otherwise the reason in the form ("" when not marked).</param>
/// <param name="Marked">The "not applicable" box is ticked.</param>
public sealed record QuestionView(
    Question Question, IReadOnlyList<string> Values, string? Error, string? SavedElsewhere, string? NotCounted = null, string? NotApplicable = null,
    bool Marked = false, Currency? Currency = null)
{
    public static string IdFor(string questionKey) => "q-" + questionKey.Replace('.', '-');
}
