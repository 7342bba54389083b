using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore.Query;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Assessments;

namespace PilotReadiness.Web.Auth;

/// <summary>
/// Who may do what with an assessment: the one place these rules are written. Pages and API load assessments
/// through <see cref="VisibleTo"/>, so an assessment someone may not read answers 404 as if it did not exist.
/// <list type="bullet">
/// <item>Sponsor: starts assessments; reads and edits those they own or collaborate on; the owner chooses collaborators.</item>
/// <item>Reviewer: reads every assessment; never edits a sponsor's answers.</item>
/// <item>Admin: manages users and roles; reads every assessment.</item>
/// </list>
/// </summary>
public static class AccessRules
{
    public static string UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    }

    public static bool ReadsEverything(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Admin);
    }

    public static bool CanStartAssessments(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Sponsor);
    }

    /// <summary>
    /// The assessments <paramref name="user"/> may read. Every version of a pilot is visible to whoever may see its
    /// current version: the owner (the same on every version) and the current version's collaborators. So a
    /// collaborator added after a re-assessment also reads the earlier versions, and one removed reads none of them.
    /// </summary>
    public static IQueryable<Assessment> VisibleTo(this IQueryable<Assessment> assessments, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(user);
        if (user.ReadsEverything())
        {
            return assessments;
        }

        var id = user.UserId();
        var currentVersions = Unfiltered(assessments).Current();
        return assessments.Where(a => a.OwnerId == id
            || currentVersions.Any(current => current.PilotId == a.PilotId && current.Collaborators.Any(c => c.UserId == id)));
    }

    /// <summary>Every assessment: the query's root set, without the filters the caller may have applied before.</summary>
    private static IQueryable<Assessment> Unfiltered(IQueryable<Assessment> assessments)
    {
        var expression = assessments.Expression;
        while (expression is MethodCallExpression call && call.Arguments.Count > 0)
        {
            expression = call.Arguments[0];
        }

        return expression is EntityQueryRootExpression root
            ? assessments.Provider.CreateQuery<Assessment>(root)
            : throw new ArgumentException("Apply VisibleTo to a query over the Assessments set.", nameof(assessments));
    }

    /// <summary>Adding and removing collaborators: the owner, as a sponsor.</summary>
    public static bool CanManageCollaborators(this ClaimsPrincipal user, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(assessment);
        return user.IsInRole(Roles.Sponsor) && assessment.OwnerId == user.UserId();
    }

    /// <summary>
    /// Whether <paramref name="user"/> may ask for <paramref name="action"/> on <paramref name="assessment"/> (one they can
    /// see). Whether the assessment's state allows it is the domain's to say (<see cref="Assessment.WhyNot"/>).
    /// </summary>
    public static bool May(this ClaimsPrincipal user, AssessmentAction action, Assessment assessment) => action switch
    {
        AssessmentAction.ManageCollaborators => user.CanManageCollaborators(assessment),
        AssessmentAction.RecordDecision or AssessmentAction.MarkConditionMet or AssessmentAction.DecideWaiver => user.IsInRole(Roles.Reviewer),
        // Answered through the emailed link by the person named, not by a signed-in user.
        AssessmentAction.RespondToConfirmation => false,
        _ => user.CanEdit(assessment),
    };

    /// <summary>
    /// Whether <paramref name="user"/> may ask for <paramref name="action"/> on the pilot whose current version is
    /// <paramref name="current"/> (one they can see). Whether the live pilot's state allows it is the domain's to say
    /// (<see cref="LivePilot.WhyNot"/>).
    /// <list type="bullet">
    /// <item>Go-live, the plan and sending the check-in link: the pilot's sponsors (owner and collaborators) and reviewers.</item>
    /// <item>Filing and correcting a check-in signed in: the pilot's sponsors (the production owner uses the emailed link).</item>
    /// <item>Ingestion keys: the sponsor who owns the assessment, and admins.</item>
    /// <item>Outcomes: reviewers. Daily figures: only an ingestion key, never a signed-in user.</item>
    /// </list>
    /// </summary>
    public static bool May(this ClaimsPrincipal user, LiveAction action, Assessment current) => action switch
    {
        LiveAction.GoLive or LiveAction.ChangePlan or LiveAction.SendCheckInLink => user.CanEdit(current) || user.IsInRole(Roles.Reviewer),
        LiveAction.FileCheckIn or LiveAction.CorrectCheckIn => user.CanEdit(current),
        LiveAction.ManageKeys => user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Sponsor) && current.OwnerId == user.UserId()),
        LiveAction.RecordOutcome => user.IsInRole(Roles.Reviewer),
        _ => false,
    };

    /// <summary>Who may do <paramref name="action"/>, for the refusal a person or client reads.</summary>
    public static string WhoMay(LiveAction action) => action switch
    {
        LiveAction.GoLive or LiveAction.ChangePlan or LiveAction.SendCheckInLink => "Only the pilot's sponsors and reviewers may do this.",
        LiveAction.FileCheckIn or LiveAction.CorrectCheckIn => "Check-ins are filed by the pilot's sponsors, or by the production owner through the emailed link.",
        LiveAction.ManageKeys => "Only the sponsor who owns the assessment, or an admin, manages ingestion keys.",
        LiveAction.RecordOutcome => "Only reviewers record outcomes.",
        _ => "Daily figures are posted with the pilot's ingestion key.",
    };

    /// <summary>Changing answers, details or status: the owner and collaborators, as sponsors.</summary>
    public static bool CanEdit(this ClaimsPrincipal user, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(assessment);
        return user.IsInRole(Roles.Sponsor) && assessment.IsOwnerOrCollaborator(user.UserId());
    }
}
