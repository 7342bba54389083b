using Microsoft.AspNetCore.Http.HttpResults;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

public sealed record VersionSectionDto(string Key, string Title, int Score);

public sealed record VersionDto(
    Guid Id, int Revision, string Status, bool Current, int QuestionnaireVersion, string ModelVersion,
    int Overall, string Verdict, IReadOnlyList<VersionSectionDto> Sections, IReadOnlyList<string> Gates,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? SupersededAt);

public sealed record VersionsDto(Guid PilotId, string Title, Guid CurrentId, IReadOnlyList<VersionDto> Versions);

public sealed record VersionRefDto(Guid Id, int Revision, int QuestionnaireVersion, string ModelVersion);

public sealed record SectionDeltaDto(string Key, string Title, int Before, int After, int Delta);

public sealed record AnswerChangeDto(string QuestionKey, string Section, string Question, string Change, string Before, string After);

public sealed record ComparisonDto(
    VersionRefDto From, VersionRefDto To,
    int OverallBefore, int OverallAfter, int OverallDelta, string VerdictBefore, string VerdictAfter,
    IReadOnlyList<SectionDeltaDto> Sections, IReadOnlyList<GateDto> GatesOpened, IReadOnlyList<GateDto> GatesClosed,
    IReadOnlyList<AnswerChangeDto> Answers);

/// <summary>Re-assessing a pilot, the list of its versions (the trend) and comparing two of them.</summary>
public static class VersionEndpoints
{
    public static IEndpointRouteBuilder MapVersionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments").WithTags("Versions").RequireRateLimiting(SecuritySetup.ApiLimit);

        group.MapPost("/{id:guid}/reassess", Reassess).RequireAuthorization(Policies.Sponsor).ChangesAssessment(AssessmentAction.Reassess)
            .WithName("ReassessAssessment")
            .WithSummary("Start the next version of a submitted pilot from its answers, on the newest questionnaire version or (questionnaireVersion) its own; the old version stays, read-only. Honours If-Match.");
        group.MapGet("/{id:guid}/versions", ListVersions)
            .WithName("ListVersions")
            .WithSummary("Every version of the pilot, oldest first, with its overall and section scores: the trend.");
        group.MapGet("/{id:guid}/compare", Compare)
            .WithName("CompareVersions")
            .WithSummary("Compare two versions of one pilot (from the older to the newer): changed answers, score deltas, gates opened and closed.");
        return app;
    }

    private static async Task<Results<Created<AssessmentDto>, ValidationProblem, ProblemHttpResult>> Reassess(
        int? questionnaireVersion, HttpContext http, AppDbContext db, AssessmentAccess access, TimeProvider time, CancellationToken ct)
    {
        if (questionnaireVersion is { } chosen && access.Loaded.WhyNotReassessOnto(access.Catalog, chosen) is { } refused)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["questionnaireVersion"] = [refused] });
        }

        var next = access.Loaded.Reassess(access.Catalog, time.GetUtcNow(), questionnaireVersion);
        db.Assessments.Add(next);
        if (await access.SaveAsync(ct) is { } conflict)
        {
            return conflict.ToProblem();
        }

        http.SetETag(next);
        return TypedResults.Created($"/api/assessments/{next.Id}", next.ToDto(access.Catalog, time.Today()));
    }

    private static async Task<Results<Ok<VersionsDto>, NotFound>> ListVersions(
        Guid id, HttpContext http, AppDbContext db, IQuestionnaireCatalog catalog, CancellationToken ct)
    {
        var history = await PilotVersions.LoadAsync(db, http.User, id, ct);
        return history is null ? TypedResults.NotFound() : TypedResults.Ok(history.ToDto(catalog));
    }

    private static async Task<Results<Ok<ComparisonDto>, NotFound, ValidationProblem, ProblemHttpResult>> Compare(
        Guid id, string? with, HttpContext http, AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var (refusal, older, newer) = await PilotVersions.LoadPairAsync(db, http.User, id, with, ct);
        switch (refusal)
        {
            case CompareRefusal.NotFound:
                return TypedResults.NotFound();
            case CompareRefusal.OtherNotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Version not found",
                    detail: $"with: {PilotVersions.Message(refusal)}");
            case CompareRefusal.None:
                break;
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["with"] = [PilotVersions.Message(refusal)] });
        }

        var comparison = PilotVersions.Compare(older!, newer!, catalog, time.GetUtcNow());
        return TypedResults.Ok(new ComparisonDto(
            Ref(older!), Ref(newer!),
            comparison.OverallBefore, comparison.OverallAfter, comparison.OverallDelta,
            comparison.VerdictBefore.ToKey(), comparison.VerdictAfter.ToKey(),
            [.. comparison.Sections.Select(s => new SectionDeltaDto(s.Key, s.Title, s.Before, s.After, s.Delta))],
            [.. comparison.GatesOpened.Select(ToDto)],
            [.. comparison.GatesClosed.Select(ToDto)],
            [.. comparison.Answers.Select(a => new AnswerChangeDto(a.QuestionKey, a.SectionKey, a.Question, a.Kind.ToKey(), a.Before, a.After))]));

        static VersionRefDto Ref(Assessment a) => new(a.Id, a.Revision, a.QuestionnaireVersion, a.ModelVersion);

        static GateDto ToDto(GateResult g) => new(g.Key, g.SectionKey, g.Cap.ToKey(), g.Message);
    }

    public static VersionsDto ToDto(this PilotHistory history, IQuestionnaireCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new VersionsDto(history.PilotId, history.Title, history.Current.Id, [.. history.Versions.Select(v =>
        {
            var questionnaire = catalog.Get(v.QuestionnaireVersion).Questionnaire;
            return new VersionDto(v.Id, v.Revision, v.Status.ToKey(), v.IsCurrent, v.QuestionnaireVersion, v.ModelVersion,
                v.Readiness.Overall, v.Readiness.Verdict.ToKey(),
                [.. SectionKeys.All.Select(k => new VersionSectionDto(k, questionnaire.FindSection(k)?.Title ?? k, v.Readiness.SectionScore(k)))],
                [.. v.Readiness.Gates.Each().Select(g => g.ToKey())],
                v.CreatedAt, v.SubmittedAt, v.SupersededAt);
        })]);
    }
}
