using System.Globalization;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Pages.Live;

/// <summary>A check-in's fields as the check-in pages post them: text, read by <see cref="Read"/>.</summary>
public sealed class CheckInFields
{
    public string? ActiveUsers { get; set; }

    public string? CasesHandled { get; set; }

    public string? CasesEscalated { get; set; }

    public string? CasesOverridden { get; set; }

    public string? QualityReviewed { get; set; }

    public string? QualityMet { get; set; }

    public string? Incidents { get; set; }

    public string? IncidentNote { get; set; }

    public string? Workarounds { get; set; }

    public string? WorkaroundNote { get; set; }

    public string? Ownership { get; set; }

    public string? Successor { get; set; }

    /// <summary><c>yes</c> or <c>no</c>.</summary>
    public string? ImprovementDone { get; set; }

    public string? ImprovementNote { get; set; }

    public string? Blockers { get; set; }

    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "activeUsers", "casesHandled", "casesEscalated", "casesOverridden", "qualityReviewed", "qualityMet", "incidents", "incidentNote",
        "workarounds", "workaroundNote", "ownership", "successor", "improvementDone", "improvementNote", "blockers",
    ];

    /// <summary>The answers, and what is wrong with the shape of the numbers (the domain says the rest).</summary>
    public (CheckInForm Form, IReadOnlyList<FieldError> Errors) Read()
    {
        var reader = new FormReader();
        var input = new CheckInInput
        {
            ActiveUsers = reader.Number(ActiveUsers, "activeUsers", "the number of active users"),
            CasesHandled = reader.Number(CasesHandled, "casesHandled", "the cases handled"),
            CasesEscalated = reader.Number(CasesEscalated, "casesEscalated", "the cases escalated"),
            CasesOverridden = reader.Number(CasesOverridden, "casesOverridden", "the cases overridden"),
            QualityReviewed = reader.Number(QualityReviewed, "qualityReviewed", "the outputs reviewed"),
            QualityMet = reader.Number(QualityMet, "qualityMet", "the outputs that met the definition"),
            Incidents = reader.Number(Incidents, "incidents", "the incidents"),
            IncidentNote = IncidentNote,
            Workarounds = Workarounds,
            WorkaroundNote = WorkaroundNote,
            Ownership = Ownership,
            Successor = Successor,
            ImprovementDone = FormReader.YesNo(ImprovementDone),
            ImprovementNote = ImprovementNote,
            Blockers = Blockers,
        };
        return (input.ToForm(), reader.Errors);
    }

    /// <summary>The shape errors, then the domain's for the fields whose shape was right.</summary>
    public static IReadOnlyList<FieldError> Merge(IReadOnlyList<FieldError> shape, IReadOnlyList<FieldError> domain) =>
        [.. shape, .. domain.Where(e => shape.All(s => s.Field != e.Field))];

    public static CheckInFields From(CheckInForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        static string? N(int? value) => value?.ToString(CultureInfo.InvariantCulture);
        return new CheckInFields
        {
            ActiveUsers = N(form.ActiveUsers),
            CasesHandled = N(form.CasesHandled),
            CasesEscalated = N(form.CasesEscalated),
            CasesOverridden = N(form.CasesOverridden),
            QualityReviewed = N(form.QualityReviewed),
            QualityMet = N(form.QualityMet),
            Incidents = N(form.Incidents),
            IncidentNote = form.IncidentNote,
            Workarounds = form.Workarounds?.ToKey(),
            WorkaroundNote = form.WorkaroundNote,
            Ownership = form.Ownership?.ToKey(),
            Successor = form.Successor,
            ImprovementDone = FormReader.YesNo(form.ImprovementDone),
            ImprovementNote = form.ImprovementNote,
            Blockers = form.Blockers,
        };
    }
}

/// <summary>A page with the check-in form: signed in, or through the emailed link.</summary>
public interface ICheckInPage
{
    CheckInFields Input { get; }

    bool Invalid(string key);

    /// <summary>The plan the answers are judged against (its definition of good output is shown by the sample).</summary>
    MonitoringPlan Plan { get; }

    /// <summary>The period the check-in reports on.</summary>
    Period Period { get; }

    /// <summary>Where the script posts the answers as they are typed, or null when they are not kept (a correction).</summary>
    string? AutosaveUrl { get; }
}
