using PilotReadiness.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Questionnaires;

/// <summary>Why a change to the draft was not made.</summary>
public enum DraftRefusal
{
    /// <summary>There is no draft (none was started, or it was published or discarded meanwhile).</summary>
    NoDraft,

    /// <summary>A draft exists already: edit it, or discard it first.</summary>
    DraftExists,

    /// <summary>Another admin saved the draft since this one read it.</summary>
    Stale,

    /// <summary>The change makes a definition that cannot be published; <see cref="DraftOutcome.Errors"/> names every problem.</summary>
    Invalid,
}

/// <summary>What became of a change to the draft: the draft as saved, or why not.</summary>
public sealed record DraftOutcome(StoredQuestionnaire? Draft, DraftRefusal? Refusal = null, IReadOnlyList<FieldError>? Errors = null)
{
    public IReadOnlyList<FieldError> Problems => Errors ?? [];

    public string? Message => Refusal switch
    {
        DraftRefusal.NoDraft => "There is no draft: it was published or discarded meanwhile. Start a new one.",
        DraftRefusal.DraftExists => "A draft exists already. Edit it, or discard it before starting another.",
        DraftRefusal.Stale => "Another admin changed the draft while this page was open; it is shown as saved now. Make your change again.",
        DraftRefusal.Invalid => "Nothing was saved: " + (Problems.Count == 1 ? "there is a problem." : $"there are {Problems.Count} problems."),
        _ => null,
    };
}

/// <summary>A pilot whose recommended verdict a draft would change.</summary>
public sealed record VerdictChange(Guid AssessmentId, string Title, string BusinessUnit, int OverallBefore, Verdict Before, int OverallAfter, Verdict After);

/// <summary>What publishing a draft would do to the portfolio: every current assessment re-scored on it, in memory.</summary>
public sealed record DraftPreview(int Scored, IReadOnlyList<VerdictChange> Changes, int ScoreMoved);

/// <summary>
/// The draft questionnaire version: started from the current version or imported from a file, edited by admins (the
/// revision they read is checked on every save), previewed over the portfolio, published or discarded. Every save keeps
/// the draft publishable: the domain's checks (<see cref="QuestionnaireDefinition.Check"/>,
/// <see cref="QuestionnaireDefinition.CheckAsSuccessorOf"/>) refuse any change that would not be, naming every problem.
/// </summary>
public sealed class QuestionnaireDrafts(AppDbContext db, IQuestionnaireCatalog catalog, QuestionnaireCatalogCache cache, TimeProvider time)
{
    public const int PreviewChunk = 500;

    public Task<StoredQuestionnaire?> FindDraftAsync(CancellationToken ct) =>
        db.QuestionnaireVersions.SingleOrDefaultAsync(q => q.PublishedAt == null, ct);

    /// <summary>Starts a draft as a copy of the current version, numbered after it.</summary>
    public Task<DraftOutcome> StartAsync(string by, CancellationToken ct)
    {
        var current = QuestionnaireDefinition.Of(catalog.Current);
        return CreateAsync(current with { Version = catalog.Current.Version + 1 }, by, ct);
    }

    /// <summary>
    /// Makes a draft of a file: checked against the published schema, then by the domain; every problem is named and
    /// nothing is stored unless there is none. The file's own version number is replaced by the next one.
    /// </summary>
    public Task<DraftOutcome> ImportAsync(string json, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(json);
        var schemaErrors = DefinitionSchema.Validate(json);
        if (schemaErrors.Count > 0)
        {
            return Task.FromResult(new DraftOutcome(null, DraftRefusal.Invalid, schemaErrors));
        }

        var definition = QuestionnaireDefinition.FromJson(json);
        return CreateAsync(definition with { Version = catalog.Current.Version + 1 }, by, ct);
    }

    /// <summary>Replaces the draft's definition, if the admin read the draft at <paramref name="revision"/>.</summary>
    public async Task<DraftOutcome> SaveAsync(int revision, Func<QuestionnaireDefinition, QuestionnaireDefinition> change, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var draft = await FindDraftAsync(ct);
        if (draft is null)
        {
            return new DraftOutcome(null, DraftRefusal.NoDraft);
        }

        if (draft.Revision != revision)
        {
            return new DraftOutcome(draft, DraftRefusal.Stale);
        }

        var changed = change(draft.Read());
        var errors = Problems(changed);
        if (errors.Count > 0)
        {
            return new DraftOutcome(draft, DraftRefusal.Invalid, errors);
        }

        draft.Definition = changed.ToJson();
        return await SaveAsync(draft, by, ct);
    }

    /// <summary>Publishes the draft read at <paramref name="revision"/>: new assessments start on it from now on.</summary>
    public async Task<DraftOutcome> PublishAsync(int revision, string by, CancellationToken ct)
    {
        var draft = await FindDraftAsync(ct);
        if (draft is null)
        {
            return new DraftOutcome(null, DraftRefusal.NoDraft);
        }

        if (draft.Revision != revision)
        {
            return new DraftOutcome(draft, DraftRefusal.Stale);
        }

        var errors = Problems(draft.Read());
        if (errors.Count > 0)
        {
            return new DraftOutcome(draft, DraftRefusal.Invalid, errors);
        }

        draft.PublishedAt = time.GetUtcNow();
        draft.PublishedBy = Shorten(by);
        var outcome = await SaveAsync(draft, by, ct);
        if (outcome.Refusal is null)
        {
            cache.Published(draft);
        }

        return outcome;
    }

    public async Task<DraftOutcome> DiscardAsync(int revision, CancellationToken ct)
    {
        var draft = await FindDraftAsync(ct);
        if (draft is null)
        {
            return new DraftOutcome(null, DraftRefusal.NoDraft);
        }

        if (draft.Revision != revision)
        {
            return new DraftOutcome(draft, DraftRefusal.Stale);
        }

        db.QuestionnaireVersions.Remove(draft);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            return await StaleAsync(ct);
        }

        return new DraftOutcome(null);
    }

    /// <summary>
    /// Every current assessment scored as it is and as it would be on <paramref name="draft"/> (answers carried as a move
    /// carries them), in memory and in chunks: nothing is written. The verdicts that would change, and how many scores move.
    /// </summary>
    public async Task<DraftPreview> PreviewAsync(PublishedVersion draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = time.GetUtcNow();
        var ids = await db.Assessments.AsNoTracking().Current().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var changes = new List<VerdictChange>();
        var moved = 0;
        foreach (var chunk in ids.Chunk(PreviewChunk))
        {
            var assessments = await db.Assessments.AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(ct);
            foreach (var a in assessments)
            {
                var before = a.Score(catalog, now);
                var after = a.ScoreOn(catalog, draft, now);
                moved += before.Overall != after.Overall ? 1 : 0;
                if (before.Verdict != after.Verdict)
                {
                    changes.Add(new VerdictChange(a.Id, a.Title, a.BusinessUnit, before.Overall, before.Verdict, after.Overall, after.Verdict));
                }
            }
        }

        return new DraftPreview(ids.Count, [.. changes.OrderBy(c => c.Title, StringComparer.CurrentCulture)], moved);
    }

    /// <summary>Every problem that keeps <paramref name="definition"/> from being published as the next version.</summary>
    public IReadOnlyList<FieldError> Problems(QuestionnaireDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [.. definition.Check(), .. definition.CheckAsSuccessorOf(catalog.Current)];
    }

    private async Task<DraftOutcome> CreateAsync(QuestionnaireDefinition definition, string by, CancellationToken ct)
    {
        if (await FindDraftAsync(ct) is { } existing)
        {
            return new DraftOutcome(existing, DraftRefusal.DraftExists);
        }

        var errors = Problems(definition);
        if (errors.Count > 0)
        {
            return new DraftOutcome(null, DraftRefusal.Invalid, errors);
        }

        var draft = new StoredQuestionnaire { Version = definition.Version, Definition = definition.ToJson() };
        db.QuestionnaireVersions.Add(draft);
        return await SaveAsync(draft, by, ct);
    }

    private async Task<DraftOutcome> SaveAsync(StoredQuestionnaire draft, string by, CancellationToken ct)
    {
        draft.UpdatedAt = time.GetUtcNow();
        draft.UpdatedBy = Shorten(by);
        draft.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            // Another admin saved, started or published first.
            return await StaleAsync(ct);
        }

        return new DraftOutcome(draft);
    }

    private async Task<DraftOutcome> StaleAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = await FindDraftAsync(ct);
        return new DraftOutcome(now, now is null ? DraftRefusal.NoDraft : DraftRefusal.Stale);
    }

    private static string Shorten(string by) => by.Length <= StoredQuestionnaire.ByMaxLength ? by : by[..StoredQuestionnaire.ByMaxLength];
}
