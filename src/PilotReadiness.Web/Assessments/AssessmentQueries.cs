using System.Text;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;

namespace PilotReadiness.Web.Assessments;

/// <summary>
/// The domain's properties written as SQL-translatable filters: the one place they are restated for the database.
/// Each is tied to the property it mirrors by a table test (tests/…/Data/AssessmentQueriesTests.cs) that runs the
/// query and the property over the same rows.
/// </summary>
public static class AssessmentQueries
{
    /// <summary>The current version of each pilot: <see cref="Assessment.IsCurrent"/>.</summary>
    public static IQueryable<Assessment> Current(this IQueryable<Assessment> assessments) =>
        assessments.Where(a => a.SupersededAt == null);

    /// <summary>The pilot's decision that stands: <see cref="Decision.IsCurrent"/>.</summary>
    public static IQueryable<Decision> Current(this IQueryable<Decision> decisions) =>
        decisions.Where(d => d.SupersededAt == null);

    /// <summary>
    /// Awaiting a decision (<see cref="Assessment.AwaitsDecision"/>), and submitted before <paramref name="submittedBefore"/>
    /// (pass <see cref="DateTimeOffset.MaxValue"/> for all of them).
    /// </summary>
    public static IQueryable<Assessment> AwaitingDecision(this IQueryable<Assessment> assessments, DateTimeOffset submittedBefore) =>
        assessments.Where(a => a.Status == AssessmentStatus.Submitted && (a.DecidedAt == null || a.DecidedAt < a.SubmittedAt)
            && a.SubmittedAt < submittedBefore);

    /// <summary>A conditional go past the due date of an unmet condition: <see cref="Assessment.IsLapsed"/>.</summary>
    public static IQueryable<Assessment> Lapsed(this IQueryable<Assessment> assessments, DateOnly today) =>
        assessments.Where(a => a.ConditionsDue < today);

    /// <summary>
    /// With an unmet condition that is not due yet: the rows with <see cref="Assessment.ConditionsDue"/> set that are not
    /// <see cref="Assessment.IsLapsed"/>.
    /// </summary>
    public static IQueryable<Assessment> NotYetLapsed(this IQueryable<Assessment> assessments, DateOnly today) =>
        assessments.Where(a => a.ConditionsDue >= today);

    /// <summary>
    /// Title, business unit or sponsor contains <paramref name="text"/>, ignoring case, taken literally (no wildcards):
    /// the search of the assessment list and the portfolio alike.
    /// </summary>
    public static IQueryable<Assessment> Matching(this IQueryable<Assessment> assessments, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pattern = ContainsPattern(text.ToLowerInvariant());
        return assessments.Where(a =>
            EF.Functions.Like(a.Title.ToLower(), pattern, "\\")
            || EF.Functions.Like(a.BusinessUnit.ToLower(), pattern, "\\")
            || EF.Functions.Like(a.Sponsor.ToLower(), pattern, "\\"));
    }

    /// <summary>The sponsor's name contains <paramref name="text"/>, ignoring case, taken literally: the portfolio's sponsor filter.</summary>
    public static IQueryable<Assessment> SponsorMatching(this IQueryable<Assessment> assessments, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pattern = ContainsPattern(text.ToLowerInvariant());
        return assessments.Where(a => EF.Functions.Like(a.Sponsor.ToLower(), pattern, "\\"));
    }

    /// <summary>A LIKE pattern that matches <paramref name="text"/> anywhere, with its wildcards escaped by a backslash.</summary>
    public static string ContainsPattern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pattern = new StringBuilder("%", text.Length + 2);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }
}
