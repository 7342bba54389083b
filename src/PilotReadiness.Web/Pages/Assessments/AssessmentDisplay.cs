using System.Globalization;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>Small helpers the assessment pages share for showing answers and scores.</summary>
public static class AssessmentDisplay
{
    /// <summary>An answer as the values a form field holds (the reverse of <see cref="Question.Parse"/>).</summary>
    public static string[] FormValues(Answer? answer) => answer switch
    {
        null => [],
        ChoiceAnswer c => [c.Value],
        YesNoAnswer y => [y.OptionValue],
        NumberAnswer n => [n.Value.ToString(CultureInfo.InvariantCulture)],
        DateAnswer d => [d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        TextAnswer t => [t.Value],
        MultiSelectAnswer m => [.. m.Values],
        _ => [],
    };

    /// <summary>An answer as a person reads it; an amount with the organisation's currency ("EUR 60,000").</summary>
    public static string Answer(Question question, Answer? answer, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(currency);
        return question.Type == QuestionType.Money && answer is NumberAnswer amount ? currency.Format(amount.Value) : question.Describe(answer);
    }

    public static string VerdictClass(Verdict verdict) => "verdict verdict-" + verdict.ToKey();

    public static string BarClass(int score) => score < 40 ? "bar bar-low" : score < 70 ? "bar bar-mid" : "bar";

    public static string Url(Assessment assessment) =>
        assessment.IsEditable ? $"/assessments/{assessment.Id}/steps/{SectionKeys.Commitment}" : $"/assessments/{assessment.Id}/results";

    public static string SectionTitle(Questionnaire questionnaire, string key) => questionnaire.FindSection(key)?.Title ?? key;

    /// <summary>A gate's own name ("Integration not budgeted"), as the dashboard, the results and the report call it.</summary>
    public static string GateName(GateResult gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return GateSetNames.FromKey(gate.Key)?.ToLabel() ?? gate.Key;
    }

    public static string ClaimLabel(ClaimState state) => state switch
    {
        ClaimState.Confirmed => "Confirmed",
        ClaimState.Declined => "Declined",
        ClaimState.Pending => "Waiting for an answer",
        ClaimState.Expired => "Request expired",
        _ => "Not asked yet",
    };

    public static string Points(decimal gain) => gain.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A score change with its sign: "+12", "−5" (a true minus sign) or "0".</summary>
    public static string Delta(int delta) => delta switch
    {
        > 0 => "+" + delta.ToString(CultureInfo.InvariantCulture),
        < 0 => "\u2212" + (-delta).ToString(CultureInfo.InvariantCulture),
        _ => "0",
    };

    /// <summary>A score change in words, so it never depends on colour or a symbol.</summary>
    public static string DeltaWords(int delta) => delta switch
    {
        > 0 => $"up {delta} point{(delta == 1 ? "" : "s")}",
        < 0 => $"down {-delta} point{(delta == -1 ? "" : "s")}",
        _ => "no change",
    };

    public static string DeltaClass(int delta) => delta switch
    {
        > 0 => "delta delta-up",
        < 0 => "delta delta-down",
        _ => "delta delta-none",
    };
}

/// <summary>The model of <c>_Finding.cshtml</c>: a finding on its assessment's results, and whether the viewer may change the answers.</summary>
public sealed record FindingView(Finding Finding, Assessment Assessment, Questionnaire Questionnaire, bool CanEdit);

/// <summary>
/// The model of <c>_GateMark.cshtml</c>: a triggered gate as results, review, decide and waiver pages show it, marked
/// waived (by whom, until when) when a waiver holds it in <paramref name="Score"/>.
/// </summary>
public sealed record GateMarkView(GateResult Gate, ScoreResult Score, string? Section = null)
{
    public WaivedGate? Waiver => Score.WaiverOf(Gate.Key);
}
