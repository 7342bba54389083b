using System.Globalization;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>The monitoring plan's fields as the go-live and plan pages post them: text, read by <see cref="ToInput"/>.</summary>
public sealed class PlanForm
{
    public string? GoLiveDate { get; set; }

    public string? UsingTeam { get; set; }

    public string? EligibleUsers { get; set; }

    public string? TargetShare { get; set; }

    public string? CadenceWeeks { get; set; }

    public string? OwnerName { get; set; }

    public string? OwnerEmail { get; set; }

    public string? ReviewerName { get; set; }

    public string? ReviewerEmail { get; set; }

    public string? GoodOutput { get; set; }

    public string? AcceptableShare { get; set; }

    /// <summary>The fields in page order, for the error summary.</summary>
    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "goLiveDate", "usingTeam", "eligibleUsers", "targetShare", "cadenceWeeks", "ownerName", "ownerEmail", "reviewerName", "reviewerEmail",
        "goodOutput", "acceptableShare",
    ];

    public PlanInput ToInput(FormReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new PlanInput
        {
            GoLiveDate = reader.Date(GoLiveDate, "goLiveDate"),
            UsingTeam = UsingTeam,
            EligibleUsers = reader.Number(EligibleUsers, "eligibleUsers", "the number of eligible users"),
            TargetShare = reader.Number(TargetShare, "targetShare", "the target share"),
            CadenceWeeks = reader.Number(CadenceWeeks, "cadenceWeeks", "the cadence"),
            OwnerName = OwnerName,
            OwnerEmail = OwnerEmail,
            ReviewerName = ReviewerName,
            ReviewerEmail = ReviewerEmail,
            GoodOutput = GoodOutput,
            AcceptableShare = reader.Number(AcceptableShare, "acceptableShare", "the acceptable share"),
        };
    }

    public static PlanForm From(PlanDraft plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        static string? N(int? value) => value?.ToString(CultureInfo.InvariantCulture);
        return new PlanForm
        {
            GoLiveDate = plan.GoLiveDate is { } d ? LiveDisplay.IsoDay(d) : null,
            UsingTeam = plan.UsingTeam,
            EligibleUsers = N(plan.EligibleUsers),
            TargetShare = N(plan.TargetShare),
            CadenceWeeks = N(plan.CadenceWeeks),
            OwnerName = plan.OwnerName,
            OwnerEmail = plan.OwnerEmail,
            ReviewerName = plan.ReviewerName,
            ReviewerEmail = plan.ReviewerEmail,
            GoodOutput = plan.GoodOutput,
            AcceptableShare = N(plan.AcceptableShare),
        };
    }
}

/// <summary>A page with the plan's fields: go-live, and changing the plan.</summary>
public interface IPlanPage
{
    PlanForm Input { get; }

    bool Invalid(string key);

    /// <summary>The go-live date that can no longer move, or null.</summary>
    DateOnly? GoLiveFixed { get; }
}
