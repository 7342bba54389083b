using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;
using PilotReadiness.Web.EvidenceFiles;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The score, the verdict, the gates, what to fix first, and the reason behind every point; re-assessing starts here.</summary>
public sealed class ResultsModel(AppDbContext db, AssessmentAccess access, IOptions<EvidenceOptions> evidence, TimeProvider time) : AssessmentPageModel(access)
{
    public ScoreResult Score { get; private set; } = null!;

    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    public bool CanEdit { get; private set; }

    /// <summary>A sponsor who may edit it sees a submitted current version: they may start the next version.</summary>
    public bool CanReassess => CanEdit && Assessment.WhyNot(AssessmentAction.Reassess) is null;

    public VersionBanner? Banner { get; private set; }

    public IReadOnlyDictionary<string, ClaimState> Claims { get; private set; } = new Dictionary<string, ClaimState>();

    /// <summary>TempData key of a decision change that was refused (the decide page's mark-met), shown in the decision section.</summary>
    public const string DecisionProblemKey = "DecisionProblem";

    /// <summary>The pilot's decisions over all its versions, newest first; the first may be the current one.</summary>
    public IReadOnlyList<Decision> Decisions { get; private set; } = [];

    public Decision? CurrentDecision => Decisions.FirstOrDefault(d => d.IsCurrent);

    public DateOnly Today { get; private set; }

    public int StaleAfterDays => evidence.Value.StaleAfterDays;

    /// <summary>The evidence behind the answers, by question in questionnaire order.</summary>
    public IReadOnlyList<(Question Question, EvidenceListView List)> Evidence { get; private set; } = [];

    public int StaleCount => Evidence.Sum(e => e.List.Items.Count(e.List.IsStale));

    /// <summary>Reviewers record decisions and mark conditions met.</summary>
    public bool CanDecide { get; private set; }

    public string? DecisionProblem { get; private set; }

    /// <summary>The organisation's currency, shown with every amount.</summary>
    public Currency Currency { get; private set; } = Currency.Default;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>
    /// The questionnaire versions a re-assessment may start on (the newest first), each with what changed from this one's
    /// version (empty for its own version).
    /// </summary>
    public IReadOnlyList<(PublishedVersion Version, IReadOnlyList<QuestionnaireChange> Changes)> ReassessOnto { get; private set; } = [];

    /// <summary>
    /// Starts the next version from this one's answers, on the questionnaire version chosen (the newest when none is), and
    /// opens its first step.
    /// </summary>
    public async Task<IActionResult> OnPostReassessAsync(Guid id, int? onto, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.Reassess, ct) is { } refused)
        {
            return refused;
        }

        if (onto is { } chosen && Assessment.WhyNotReassessOnto(Catalog, chosen) is { } wrongVersion)
        {
            await ShowAsync(ct);
            ModelState.AddModelError("onto", wrongVersion);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var next = Assessment.Reassess(Catalog, time.GetUtcNow(), onto);
        db.Assessments.Add(next);
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }

        TempData["Message"] = $"Version {next.Revision} started from the answers of version {Assessment.Revision}, which stays as it was. " +
            "Change what is different now, then submit it again.";
        return Redirect($"/assessments/{next.Id}/steps/{SectionKeys.Commitment}");
    }

    protected override async Task ShowAsync(CancellationToken ct)
    {
        var assessment = Assessment;
        CanEdit = User.CanEdit(assessment);
        var now = time.GetUtcNow();
        Score = assessment.Score(Catalog, now);
        Answers = assessment.ReadAnswers(Catalog);
        Claims = assessment.ClaimStates(now);
        Currency = await OrganisationSettings.CurrencyAsync(db, ct);
        Today = time.Today();
        Decisions = await DecisionHistory.ForPilotAsync(db, assessment.PilotId, ct);
        CanDecide = User.IsInRole(Roles.Reviewer);
        DecisionProblem = TempData[DecisionProblemKey] as string;
        Banner = await PilotVersions.BannerAsync(db, User, assessment, ct);
        if (CanReassess)
        {
            var own = assessment.VersionIn(Catalog);
            ReassessOnto = [.. assessment.ReassessOnto(Catalog).Select(v => Catalog.Get(v))
                .Select(v => (v, v.Version == own.Version ? (IReadOnlyList<QuestionnaireChange>)[] : QuestionnaireChanges.Between(own, v)))];
        }
        Evidence = [.. assessment.VersionIn(Catalog).Questionnaire.Questions
            .Select(q => (q, new EvidenceListView(assessment.Id, [.. assessment.Evidence.Where(e => e.QuestionKey == q.Key)], Today, StaleAfterDays)))
            .Where(x => x.Item2.Items.Count > 0)];
    }
}
