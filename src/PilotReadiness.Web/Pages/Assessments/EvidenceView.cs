using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Api;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// The evidence of one question as the pages list it (<c>_EvidenceList</c>): each item with its date and, past the
/// configured age, a stale marker. <see cref="RemoveVersion"/> (the form version) shows a remove button on each.
/// </summary>
public sealed record EvidenceListView(Guid AssessmentId, IReadOnlyList<Evidence> Items, DateOnly Today, int StaleAfterDays, int? RemoveVersion = null)
{
    public bool IsStale(Evidence evidence) => evidence.IsStale(Today, StaleAfterDays);

    public static string FileAddress(Guid assessmentId, Evidence evidence) => EvidenceEndpoints.FileAddress(assessmentId, evidence.Id);

    /// <summary>"PDF, 1.2 MB".</summary>
    public static string FileText(Evidence evidence) =>
        $"{evidence.FileType?.Label()}, {EvidenceRules.SizeText(evidence.Size ?? 0)}";

    /// <summary>The element id of a question's evidence on the review page.</summary>
    public static string IdFor(string questionKey) => "evidence-" + questionKey.Replace('.', '-');
}

/// <summary>The form that adds a file or a link (<c>_EvidenceForm</c>); <see cref="ReturnTo"/> "review" brings the sponsor back there.</summary>
public sealed record EvidenceFormView(
    Guid AssessmentId, string QuestionKey, string QuestionText, int Version, DateOnly Today, string? ReturnTo, IReadOnlyDictionary<string, string>? Errors = null);
