using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Api;

public sealed record OptionDto(string Value, string Label, int Points);

/// <summary>
/// A question. <see cref="MinWords"/> and <see cref="Measurable"/> (text questions) say what a real answer needs under a
/// scoring model that judges answers; <see cref="MaxValue"/> is a number question's own upper limit (a percentage).
/// </summary>
public sealed record QuestionDto(
    string Key, string Type, string Text, string Help, bool Blocker, int MaxPoints, IReadOnlyList<OptionDto> Options,
    int? MinWords, bool? Measurable, decimal? MaxValue);

public sealed record SectionDto(string Key, string Title, string Summary, int Weight, IReadOnlyList<QuestionDto> Questions);

public sealed record QuestionnaireDto(int Version, IReadOnlyList<SectionDto> Sections);

public sealed record AssessmentDto(
    Guid Id, string Title, string BusinessUnit, string Sponsor, string Description, string Status, string OwnerId,
    IReadOnlyList<string> Collaborators,
    int QuestionnaireVersion, string ModelVersion, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt,
    IReadOnlyDictionary<string, object> Answers,
    DecisionSummaryDto? Decision, Guid PilotId, int Revision, bool Current, DateTimeOffset? SupersededAt);

public sealed record AssessmentSummaryDto(
    Guid Id, string Title, string BusinessUnit, string Sponsor, string Status, int Overall, string Verdict, bool PilotTheatre,
    DateTimeOffset UpdatedAt, DecisionSummaryDto? Decision, Guid PilotId, int Revision);

/// <summary>The pilot's current decision, if any: what leadership decided, when, and whether a condition has lapsed.</summary>
public sealed record DecisionSummaryDto(string Outcome, DateTimeOffset DecidedAt, bool Lapsed, DateOnly? ConditionsDue);

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int TotalPages);

public sealed record SectionScoreDto(string Key, string Title, int Weight, int Score);

/// <param name="WaivedBy">Set when an approved waiver holds the gate now: it does not cap the verdict until <paramref name="WaivedUntil"/> (its last day).</param>
public sealed record GateDto(string Key, string Section, string Cap, string Message, string? WaivedBy = null, DateOnly? WaivedUntil = null);

public sealed record FindingDto(string Section, string Severity, string Message, string Action, decimal Gain, string Rule, string? QuestionKey);

public sealed record ReasonDto(string QuestionKey, string Rule, int Earned, int Max, string Reason);

public sealed record ClaimDto(string QuestionKey, string Person, string State, DateTimeOffset? RespondedAt, string? Comment);

/// <summary>
/// The score, with <see cref="NotCounted"/>: each answer given that does not count under the assessment's scoring model
/// (a placeholder, a team named as a person, a declined role), keyed by question, with the reason; and
/// <see cref="NotApplicable"/>: each question marked not applicable, with the sponsor's reason.
/// </summary>
public sealed record ScoreDto(
    int Overall, string Verdict, string ScoreVerdict, bool PilotTheatre,
    IReadOnlyList<SectionScoreDto> Sections, IReadOnlyList<GateDto> Gates, IReadOnlyList<FindingDto> Findings,
    IReadOnlyList<ReasonDto> Reasons, IReadOnlyList<ClaimDto> Claims, int QuestionnaireVersion, string ModelVersion,
    IReadOnlyDictionary<string, string> NotCounted, IReadOnlyDictionary<string, string> NotApplicable);

/// <summary>A question marked not applicable, in the shape a client sends it in <c>PUT .../answers</c>.</summary>
public sealed record NotApplicableDto(string NotApplicable);

/// <summary>Hand-written mappings from domain objects to API shapes.</summary>
public static class ApiMapping
{
    public static QuestionnaireDto ToDto(this Questionnaire questionnaire) => new(
        questionnaire.Version,
        [.. questionnaire.Sections.Select(s => new SectionDto(s.Key, s.Title, s.Summary, s.Weight,
            [.. s.Questions.Select(q => new QuestionDto(q.Key, q.Type.ToKey(), q.Text, q.Help, q.Blocker, q.MaxPoints,
                [.. q.Options.Select(o => new OptionDto(o.Value, o.Label, o.Points))],
                q.Type == QuestionType.Text ? q.MinWords : null, q.Type == QuestionType.Text ? q.Measurable : null, q.MaxValue))]))]);

    public static AssessmentDto ToDto(this Assessment a, IQuestionnaireCatalog catalog, DateOnly today)
    {
        var answers = a.ReadAnswers(catalog).ToDictionary(kv => kv.Key, kv => ToJsonValue(kv.Value), StringComparer.Ordinal);
        foreach (var mark in a.NotApplicable)
        {
            answers[mark.QuestionKey] = new NotApplicableDto(mark.Reason);
        }

        return new AssessmentDto(a.Id, a.Title, a.BusinessUnit, a.Sponsor, a.Description, a.Status.ToKey(), a.OwnerId,
            [.. a.Collaborators.Select(c => c.UserId)],
            a.QuestionnaireVersion, a.ModelVersion, a.Version, a.CreatedAt, a.UpdatedAt, a.SubmittedAt, answers,
            a.ToDecisionSummary(today), a.PilotId, a.Revision, a.IsCurrent, a.SupersededAt);
    }

    /// <summary>The current decision as the assessment keeps it; null before leadership decides.</summary>
    public static DecisionSummaryDto? ToDecisionSummary(this Assessment a, DateOnly today) =>
        a.Decision is { } outcome && a.DecidedAt is { } decidedAt
            ? new DecisionSummaryDto(outcome.ToKey(), decidedAt, a.IsLapsed(today), a.ConditionsDue)
            : null;

    /// <summary>A list row from the score kept with the assessment (no answers needed).</summary>
    public static AssessmentSummaryDto ToSummaryDto(this Assessment a, DateOnly today) =>
        new(a.Id, a.Title, a.BusinessUnit, a.Sponsor, a.Status.ToKey(), a.Readiness.Overall,
            a.Readiness.Verdict.ToKey(), a.Readiness.PilotTheatre, a.UpdatedAt, a.ToDecisionSummary(today),
            a.PilotId, a.Revision);

    /// <summary>The score with where each named person stands on confirming their role.</summary>
    public static ScoreDto ToScoreDto(this Assessment a, IQuestionnaireCatalog catalog, DateTimeOffset now)
    {
        var claims = a.ClaimStates(now)
            .Select(c => (c.Key, c.Value, Confirmation: a.Confirmations.FirstOrDefault(x => x.QuestionKey == c.Key)))
            .Select(c => new ClaimDto(c.Key, a.Answers.First(x => x.QuestionKey == c.Key).Value, c.Value.ToKey(),
                c.Value is ClaimState.Confirmed or ClaimState.Declined ? c.Confirmation?.RespondedAt : null,
                c.Value is ClaimState.Confirmed or ClaimState.Declined ? c.Confirmation?.Comment : null))
            .ToList();
        return a.Score(catalog, now).ToDto(claims, a.NotCounted(catalog), a.NotApplicableReasons);
    }

    public static ScoreDto ToDto(
        this ScoreResult r, IReadOnlyList<ClaimDto> claims, IReadOnlyDictionary<string, string> notCounted, IReadOnlyDictionary<string, string> notApplicable) => new(
        r.Overall, r.Verdict.ToKey(), r.ScoreVerdict.ToKey(), r.PilotTheatre,
        [.. r.Sections.Select(s => new SectionScoreDto(s.Key, s.Title, s.Weight, s.Score))],
        [.. r.Gates.Select(g => new GateDto(g.Key, g.SectionKey, g.Cap.ToKey(), g.Message, r.WaiverOf(g.Key)?.WaivedBy, r.WaiverOf(g.Key)?.Until))],
        [.. r.Findings.Select(f => new FindingDto(f.SectionKey, f.Severity.ToKey(), f.Message, f.Action, f.Gain, f.Rule, f.QuestionKey))],
        [.. r.Sections.SelectMany(s => s.Reasons).Select(p => new ReasonDto(p.QuestionKey, p.Rule, p.Earned, p.Max, p.Reason))],
        claims, r.QuestionnaireVersion, r.ModelVersion, notCounted, notApplicable);

    /// <summary>An answer as the API sends it: the same shapes a client sends in <c>PUT .../answers</c>.</summary>
    public static object ToJsonValue(Answer answer) => answer switch
    {
        ChoiceAnswer c => c.Value,
        YesNoAnswer y => y.Value,
        NumberAnswer n => n.Value,
        DateAnswer d => d.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        TextAnswer t => t.Value,
        MultiSelectAnswer m => m.Values,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "Unknown answer type."),
    };
}
