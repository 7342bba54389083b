using PilotReadiness.Domain.Questionnaires;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Assessments;

/// <summary>
/// Why a change to an assessment was refused, in the order the door checks: the first that applies wins. What the
/// assessment's state refuses comes before the client's precondition, as RFC 9110 §13.2.1 asks: a change that would be
/// refused anyway is refused for that reason, not sent back to be retried.
/// </summary>
public enum AccessRefusalReason
{
    /// <summary>No such assessment, or not visible to the user (the same answer, so existence is not revealed).</summary>
    NotFound,

    /// <summary>Visible, but the user may not make this change.</summary>
    Forbidden,

    /// <summary>A re-assessment replaced this version (the domain's <see cref="RefusalKind.Superseded"/>).</summary>
    Superseded,

    /// <summary>Not possible in the assessment's status (the domain's <see cref="RefusalKind.WrongState"/>).</summary>
    WrongState,

    /// <summary>The API client did not say which version it read, for a change that replaces what others decided.</summary>
    PreconditionRequired,

    /// <summary>The assessment changed since the user read it (an old If-Match or form, or a save that lost a race).</summary>
    Stale,
}

/// <summary>
/// A refused change. <see cref="Message"/> is the domain's for <see cref="AccessRefusalReason.Superseded"/> and
/// <see cref="AccessRefusalReason.WrongState"/>; the other reasons are worded by the page or API that shows them, unless
/// the door gives its own words (the live pilots' door says who may do what).
/// <see cref="CurrentVersion"/> is the assessment's version when it is known.
/// </summary>
public sealed record AccessRefusal(AccessRefusalReason Reason, string? Message = null, int? CurrentVersion = null)
{
    public static AccessRefusal From(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(refusal.Kind == RefusalKind.Superseded ? AccessRefusalReason.Superseded : AccessRefusalReason.WrongState, refusal.Message);
    }
}

/// <summary>The assessment loaded for a change, or why the change is refused (with the assessment when it was found).</summary>
public sealed record AccessResult(Assessment? Assessment, AccessRefusal? Refusal);

/// <summary>
/// Which version of the assessment the client read: the version a form was rendered with, or the API's If-Match
/// (absent, <c>*</c>, or a list of ETags such as <c>"3"</c>). <see cref="Required"/>: absent is refused (428).
/// </summary>
public sealed record Precondition(bool Given, bool Any, IReadOnlyList<int> Versions, bool Required)
{
    public static Precondition FormVersion(int version) => new(true, false, [version], true);

    /// <summary>The client says nothing and nothing is asked: for changes that cannot replace what someone else decided.</summary>
    public static Precondition None { get; } = new(false, false, [], false);

    public static Precondition FromIfMatch(StringValues ifMatch, bool required)
    {
        if (ifMatch.Count == 0)
        {
            return new(false, false, [], required);
        }

        var tags = ifMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var versions = tags.Select(t => t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t)
            .Select(t => t.Length > 2 && t[0] == '"' && t[^1] == '"' &&
                int.TryParse(t[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null)
            .OfType<int>().ToList();
        return new(true, tags.Contains("*"), versions, required);
    }

    /// <summary>Null when the client read <paramref name="current"/>, or sent nothing where nothing is required.</summary>
    public AccessRefusal? Check(int current) =>
        !Given ? (Required ? new AccessRefusal(AccessRefusalReason.PreconditionRequired, CurrentVersion: current) : null)
        : Any || Versions.Contains(current) ? null
        : new AccessRefusal(AccessRefusalReason.Stale, CurrentVersion: current);
}

/// <summary>
/// The one door through which pages and API change an assessment. <see cref="ForChangeAsync"/> loads it through
/// <see cref="AccessRules.VisibleTo"/> and refuses in one fixed order (<see cref="AccessRefusalReason"/>): not found,
/// forbidden, superseded, wrong status (those two are the domain's <see cref="Assessment.WhyNot"/>), precondition
/// required, stale.
/// <see cref="SaveAsync"/> saves in one <c>SaveChanges</c> and reports a lost race as stale. Scoped: it remembers the
/// assessment it let through (<see cref="Loaded"/>), for an API endpoint filter to hand to its handler.
/// </summary>
public sealed class AssessmentAccess(AppDbContext db, IQuestionnaireCatalog catalog)
{
    /// <summary>The published questionnaire versions, which every change to an assessment is made with.</summary>
    public IQuestionnaireCatalog Catalog { get; } = catalog;

    private Assessment? _loaded;

    /// <summary>The assessment the last successful <see cref="ForChangeAsync"/> let through, tracked for the change.</summary>
    public Assessment Loaded => _loaded ?? throw new InvalidOperationException("No assessment was loaded for a change in this request.");

    public async Task<AccessResult> ForChangeAsync(ClaimsPrincipal user, Guid id, AssessmentAction action, Precondition precondition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(precondition);
        var assessment = await db.Assessments.VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return new(null, new AccessRefusal(AccessRefusalReason.NotFound));
        }

        var refusal = !user.May(action, assessment) ? new AccessRefusal(AccessRefusalReason.Forbidden)
            : assessment.WhyNot(action) is { } why ? AccessRefusal.From(why) with { CurrentVersion = assessment.Version }
            : precondition.Check(assessment.Version);
        _loaded = refusal is null ? assessment : null;
        return new(assessment, refusal);
    }

    /// <summary>Saves every change of this request; null when saved, a stale refusal when someone else saved first.</summary>
    public async Task<AccessRefusal?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            return new AccessRefusal(AccessRefusalReason.Stale);
        }
    }

    /// <summary>The assessment as it is in the database, for showing (not tracked); null when the user cannot see it.</summary>
    public Task<Assessment?> FindAsync(ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        db.Assessments.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id, ct);
}
