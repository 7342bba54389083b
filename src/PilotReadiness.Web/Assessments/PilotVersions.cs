using PilotReadiness.Domain.Questionnaires;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Assessments;

/// <summary>One version of a pilot, as the versions page and API list it: its stored score headline and dates.</summary>
public sealed record VersionRow(
    Guid Id,
    int Revision,
    AssessmentStatus Status,
    int QuestionnaireVersion,
    string ModelVersion,
    Readiness Readiness,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? SupersededAt)
{
    public bool IsCurrent => SupersededAt is null;
}

/// <summary>Every version of a pilot, oldest first, with the pilot's current title.</summary>
public sealed record PilotHistory(Guid PilotId, string Title, IReadOnlyList<VersionRow> Versions)
{
    public VersionRow Current => Versions.Single(v => v.IsCurrent);

    public ScoreTrend Trend => ScoreTrend.Of(Versions.Select(v => (v.Revision, v.Readiness)));
}

/// <summary>What a page of a superseded version says about it: which version it is, of how many, and where the current one is.</summary>
public sealed record VersionBanner(int Revision, int Of, Guid CurrentId);

/// <summary>Why two versions cannot be compared, for the page and the API to say in their own way.</summary>
public enum CompareRefusal
{
    None,
    NotFound,
    OtherNotGiven,
    OtherNotFound,
    SameVersion,
    OtherPilot,
}

/// <summary>
/// The queries behind re-assessment's pages and API: the versions of a pilot and a pair of versions to compare. Both
/// read through <see cref="AccessRules.VisibleTo"/>, so a version the user may not see does not exist for them.
/// </summary>
public static class PilotVersions
{
    /// <summary>The versions of the pilot that <paramref name="id"/> (any of its versions) belongs to; null when not visible.</summary>
    public static async Task<PilotHistory?> LoadAsync(AppDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pilotId = await db.Assessments.AsNoTracking().VisibleTo(user).Where(a => a.Id == id).Select(a => (Guid?)a.PilotId).FirstOrDefaultAsync(ct);
        if (pilotId is null)
        {
            return null;
        }

        var versions = await db.Assessments.AsNoTracking().VisibleTo(user)
            .Where(a => a.PilotId == pilotId)
            .OrderBy(a => a.Revision)
            .Select(a => new
            {
                Row = new VersionRow(a.Id, a.Revision, a.Status, a.QuestionnaireVersion, a.ModelVersion, a.Readiness, a.CreatedAt, a.SubmittedAt, a.SupersededAt),
                a.Title,
            })
            .ToListAsync(ct);
        var current = versions.FirstOrDefault(v => v.Row.IsCurrent) ?? versions[^1];
        return new PilotHistory(pilotId.Value, current.Title, [.. versions.Select(v => v.Row)]);
    }

    /// <summary>
    /// Two versions of one pilot, the older first, ready to compare; or why not. <paramref name="otherId"/> is the text
    /// the user gave, so that a missing or malformed one can be reported against its field.
    /// </summary>
    public static async Task<(CompareRefusal Refusal, Assessment? Older, Assessment? Newer)> LoadPairAsync(
        AppDbContext db, ClaimsPrincipal user, Guid id, string? otherId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return (CompareRefusal.NotFound, null, null);
        }

        if (!Guid.TryParse(otherId, out var other))
        {
            return (CompareRefusal.OtherNotGiven, assessment, null);
        }

        if (other == id)
        {
            return (CompareRefusal.SameVersion, assessment, null);
        }

        var otherVersion = await db.Assessments.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == other, ct);
        if (otherVersion is null)
        {
            return (CompareRefusal.OtherNotFound, assessment, null);
        }

        if (otherVersion.PilotId != assessment.PilotId)
        {
            return (CompareRefusal.OtherPilot, assessment, null);
        }

        return assessment.Revision < otherVersion.Revision
            ? (CompareRefusal.None, assessment, otherVersion)
            : (CompareRefusal.None, otherVersion, assessment);
    }

    /// <summary>What to tell someone whose comparison was refused, naming the version to pick.</summary>
    public static string Message(CompareRefusal refusal) => refusal switch
    {
        CompareRefusal.OtherNotGiven => "Choose the version to compare with.",
        CompareRefusal.SameVersion => "Choose two different versions to compare.",
        CompareRefusal.OtherNotFound => "There is no such version, or you may not see it.",
        CompareRefusal.OtherPilot => "That is a version of another pilot; choose a version of this one.",
        _ => "",
    };

    /// <summary>For a superseded version: its banner; null for the current version.</summary>
    public static async Task<VersionBanner?> BannerAsync(AppDbContext db, ClaimsPrincipal user, Assessment assessment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.IsCurrent)
        {
            return null;
        }

        var current = await db.Assessments.AsNoTracking().VisibleTo(user)
            .Where(a => a.PilotId == assessment.PilotId).Current()
            .Select(a => new { a.Id, a.Revision })
            .FirstOrDefaultAsync(ct);
        return current is null ? null : new VersionBanner(assessment.Revision, current.Revision, current.Id);
    }

    /// <summary>Compares the older version with the newer, each scored with its own questionnaire and model.</summary>
    public static VersionComparison Compare(Assessment older, Assessment newer, IQuestionnaireCatalog catalog, DateTimeOffset now) =>
        VersionComparison.Compare(ScoredVersion.Of(older, catalog, now), ScoredVersion.Of(newer, catalog, now));
}
