using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Live;

/// <summary>
/// What go-live or a change of plan says, as it arrives: every value may be missing or wrong.
/// <see cref="MonitoringPlan.Check"/> says what is wrong with it, field by field.
/// </summary>
public sealed record PlanDraft(
    DateOnly? GoLiveDate,
    string? UsingTeam,
    int? EligibleUsers,
    int? TargetShare,
    int? CadenceWeeks,
    string? OwnerName,
    string? OwnerEmail,
    string? ReviewerName,
    string? ReviewerEmail,
    string? GoodOutput,
    int? AcceptableShare);

/// <summary>
/// How a live pilot is watched: who uses it and how much they should, how often the production owner checks in, who
/// owns it and who reviews its output, and what the frontline users call good output.
/// </summary>
public sealed record MonitoringPlan(
    DateOnly GoLiveDate,
    string UsingTeam,
    int EligibleUsers,
    int TargetShare,
    int CadenceWeeks,
    string OwnerName,
    string OwnerEmail,
    string ReviewerName,
    string? ReviewerEmail,
    string GoodOutput,
    int AcceptableShare)
{
    public const int UsingTeamMaxLength = 200;
    public const int GoodOutputMaxLength = 2000;
    public const int EligibleUsersMax = 1_000_000;
    public const int DefaultAcceptableShare = 80;

    /// <summary>How far back a go-live may be recorded (a launch that already happened), and how far ahead.</summary>
    public const int GoLiveDaysBack = 730;

    public const int GoLiveDaysAhead = 365;

    /// <summary>
    /// Every problem with <paramref name="draft"/>, against its field (JSON camelCase name); empty when it can be the
    /// plan. <paramref name="goLiveFixed"/>: the first period has ended or a check-in is filed, so the go-live date
    /// can no longer move (it would move every period).
    /// </summary>
    public static IReadOnlyList<FieldError> Check(PlanDraft draft, DateOnly today, DateOnly? goLiveFixed = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var checks = new FieldChecks();
        if (draft.GoLiveDate is not { } goLive)
        {
            checks.Add("goLiveDate", "Give the date the pilot went, or goes, live.");
        }
        else if (goLiveFixed is { } fixedDate && goLive != fixedDate)
        {
            checks.Add("goLiveDate", $"The go-live date stays {LiveNames.Day(fixedDate)}: check-in periods have been counted from it.");
        }
        else if (goLiveFixed is null && goLive < today.AddDays(-GoLiveDaysBack))
        {
            checks.Add("goLiveDate", $"Give a go-live date within the last {GoLiveDaysBack / 365} years.");
        }
        else if (goLiveFixed is null && goLive > today.AddDays(GoLiveDaysAhead))
        {
            checks.Add("goLiveDate", "Give a go-live date within the coming year.");
        }

        checks.Line(draft.UsingTeam, "usingTeam", "Name the team that uses it.", "the team's name", UsingTeamMaxLength);
        checks.Number(draft.EligibleUsers, "eligibleUsers", "Say how many people should use it.", 1, EligibleUsersMax, "the number of eligible users");
        checks.Number(draft.TargetShare, "targetShare", "Give the share of the eligible work that should go through it, in percent.", 1, 100, "the target share");
        if (draft.CadenceWeeks is not { } weeks || !Schedule.Cadences.Contains(weeks))
        {
            checks.Add("cadenceWeeks", $"Choose how often the owner checks in: every {string.Join(", ", Schedule.Cadences.Take(Schedule.Cadences.Count - 1))} or {Schedule.Cadences[^1]} weeks.");
        }

        checks.Line(draft.OwnerName, "ownerName", "Name the production owner.", "the owner's name", Limits.PersonMaxLength);
        checks.Email(draft.OwnerEmail, "ownerEmail", "Give the production owner's email address: check-in links go there.");
        checks.Line(draft.ReviewerName, "reviewerName", "Name who reviews the quality of its output.", "the reviewer's name", Limits.PersonMaxLength);
        checks.Email(draft.ReviewerEmail, "reviewerEmail", null);
        checks.Paragraph(draft.GoodOutput, "goodOutput",
            "Write down the frontline users' definition of good output, in their words: the check-in's quality sample is judged against it.",
            "the definition", GoodOutputMaxLength);
        checks.Number(draft.AcceptableShare, "acceptableShare", "Give the share of sampled outputs that must meet the definition, in percent.", 1, 100, "the acceptable share");
        return checks.Errors;
    }

    /// <summary>The plan <paramref name="draft"/> describes; throws <see cref="FieldErrorsException"/> unless <see cref="Check"/> passes.</summary>
    public static MonitoringPlan From(PlanDraft draft, DateOnly today, DateOnly? goLiveFixed = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        FieldErrorsException.ThrowIfAny(Check(draft, today, goLiveFixed));
        return new MonitoringPlan(
            draft.GoLiveDate!.Value, draft.UsingTeam!.Trim(), draft.EligibleUsers!.Value, draft.TargetShare!.Value, draft.CadenceWeeks!.Value,
            draft.OwnerName!.Trim(), draft.OwnerEmail!.Trim(), draft.ReviewerName!.Trim(),
            string.IsNullOrWhiteSpace(draft.ReviewerEmail) ? null : draft.ReviewerEmail.Trim(), draft.GoodOutput!.Trim(), draft.AcceptableShare!.Value);
    }

    /// <summary>
    /// A plan to start from at go-live, from the assessment's answers: the using team, how many people do the work, the
    /// production owner and quality reviewer (with the email they were asked to confirm at, if any). Today is the
    /// go-live date, the cadence four weeks and the acceptable share 80%; the target share is the one questionnaire 2 agreed
    /// (none on version 1); the definition of good output is for the sponsor and the using team to write.
    /// </summary>
    public static PlanDraft Suggested(Assessment current, IQuestionnaireCatalog catalog, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(current);
        var answers = current.ReadAnswers(current.VersionIn(catalog).Questionnaire);
        string? Text(string key) => answers.GetValueOrDefault(key) is TextAnswer text ? text.Value : null;
        string? Email(string key, string? name) =>
            current.Confirmations.Where(c => c.QuestionKey == key && c.PersonName == name).Select(c => c.Email).FirstOrDefault();
        var users = answers.GetValueOrDefault(QuestionKeys.DailyUsers) is NumberAnswer number && number.Value is >= 1 and <= EligibleUsersMax
            ? (int?)decimal.ToInt32(decimal.Round(number.Value)) : null;
        // Questionnaire 2 asks the share of the work that should go through it; version 1 leaves the target to the sponsor.
        var target = answers.GetValueOrDefault(QuestionKeys.TargetShare) is NumberAnswer share && share.Value is >= 1 and <= 100
            ? (int?)decimal.ToInt32(decimal.Round(share.Value)) : null;
        var owner = Text(QuestionKeys.ProductionOwner);
        var reviewer = Text(QuestionKeys.QualityReviewer);
        return new PlanDraft(today, Text(QuestionKeys.UsingTeam), users, target, Schedule.DefaultCadenceWeeks,
            owner, Email(QuestionKeys.ProductionOwner, owner), reviewer, Email(QuestionKeys.QualityReviewer, reviewer), null, DefaultAcceptableShare);
    }

    public PlanDraft ToDraft() => new(GoLiveDate, UsingTeam, EligibleUsers, TargetShare, CadenceWeeks, OwnerName, OwnerEmail,
        ReviewerName, ReviewerEmail, GoodOutput, AcceptableShare);

    /// <summary>The plan in one line, for the audit trail.</summary>
    public string Describe() =>
        $"live {GoLiveDate:yyyy-MM-dd} · {UsingTeam} · {EligibleUsers} eligible, target {TargetShare}% · check-in every {CadenceWeeks} weeks · " +
        $"owner {OwnerName} <{OwnerEmail}> · quality {ReviewerName}{(ReviewerEmail is null ? "" : $" <{ReviewerEmail}>")} · " +
        $"{AcceptableShare}% good: {GoodOutput}";
}
