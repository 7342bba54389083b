using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Live;

/// <summary>Workarounds the owner saw this period: people doing the work another way.</summary>
public enum Workarounds
{
    None,
    Some,
    Widespread,
}

/// <summary>Does the production owner still own it?</summary>
public enum Ownership
{
    StillOwner,
    HandingOver,
    Left,
}

/// <summary>How a check-in was filed.</summary>
public enum CheckInChannel
{
    SignedIn,

    /// <summary>Through the single-use link emailed to the owner, without an account.</summary>
    Link,
}

/// <summary>
/// A check-in as the form or the API sends it, every answer possibly missing: also what a half-filled form keeps
/// between sittings. <see cref="CheckIn.Check"/> says what is wrong with it.
/// </summary>
public sealed record CheckInForm
{
    public int? ActiveUsers { get; init; }

    public int? CasesHandled { get; init; }

    public int? CasesEscalated { get; init; }

    public int? CasesOverridden { get; init; }

    public int? QualityReviewed { get; init; }

    public int? QualityMet { get; init; }

    public int? Incidents { get; init; }

    public string? IncidentNote { get; init; }

    public Workarounds? Workarounds { get; init; }

    public string? WorkaroundNote { get; init; }

    public Ownership? Ownership { get; init; }

    public string? Successor { get; init; }

    public bool? ImprovementDone { get; init; }

    public string? ImprovementNote { get; init; }

    public string? Blockers { get; init; }

    public static CheckInForm Empty { get; } = new();
}

/// <summary>
/// The production owner's two-minute report on one period: usage, the quality sample judged against the users' own
/// definition of good output, incidents, workarounds, whether they still own it, improvement work and blockers.
/// Never edited: a correction is a new check-in for the same period that supersedes it, and both are kept.
/// </summary>
public sealed class CheckIn
{
    public const int NoteMaxLength = 2000;
    public const int CountMax = 1_000_000_000;

    internal CheckIn(Period period, CheckInForm answers, string filedBy, CheckInChannel channel, DateTimeOffset now, Guid? supersedes)
    {
        Id = Guid.CreateVersion7(now);
        Period = period.Index;
        PeriodStart = period.Start;
        DueDate = period.Due;
        FiledAt = now;
        FiledBy = filedBy;
        Channel = channel;
        SupersedesId = supersedes;
        ActiveUsers = answers.ActiveUsers!.Value;
        CasesHandled = answers.CasesHandled!.Value;
        CasesEscalated = answers.CasesEscalated!.Value;
        CasesOverridden = answers.CasesOverridden!.Value;
        QualityReviewed = answers.QualityReviewed!.Value;
        QualityMet = answers.QualityMet!.Value;
        Incidents = answers.Incidents!.Value;
        IncidentNote = Trimmed(answers.IncidentNote);
        Workarounds = answers.Workarounds!.Value;
        WorkaroundNote = Trimmed(answers.WorkaroundNote);
        Ownership = answers.Ownership!.Value;
        Successor = Ownership == Ownership.HandingOver ? Trimmed(answers.Successor) : null;
        ImprovementDone = answers.ImprovementDone!.Value;
        ImprovementNote = Trimmed(answers.ImprovementNote);
        Blockers = Trimmed(answers.Blockers);
    }

    // For EF Core.
    private CheckIn()
    {
        FiledBy = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The index of the period it reports on (0 is the first after go-live).</summary>
    public int Period { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly DueDate { get; private set; }

    public DateTimeOffset FiledAt { get; private set; }

    /// <summary>Who filed it: the signed-in user's name, or the email the link was sent to.</summary>
    public string FiledBy { get; private set; }

    public CheckInChannel Channel { get; private set; }

    /// <summary>The check-in this one corrects, if it is a correction.</summary>
    public Guid? SupersedesId { get; private set; }

    /// <summary>When a correction replaced it; a superseded check-in is kept and no longer counts.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    public int ActiveUsers { get; private set; }

    public int CasesHandled { get; private set; }

    public int CasesEscalated { get; private set; }

    public int CasesOverridden { get; private set; }

    /// <summary>How many outputs the quality sample looked at (0: no sample this period).</summary>
    public int QualityReviewed { get; private set; }

    /// <summary>How many of them met the frontline users' definition of good output.</summary>
    public int QualityMet { get; private set; }

    public int Incidents { get; private set; }

    public string? IncidentNote { get; private set; }

    public Workarounds Workarounds { get; private set; }

    public string? WorkaroundNote { get; private set; }

    public Ownership Ownership { get; private set; }

    /// <summary>Who the owner is handing over to, when they are.</summary>
    public string? Successor { get; private set; }

    public bool ImprovementDone { get; private set; }

    public string? ImprovementNote { get; private set; }

    public string? Blockers { get; private set; }

    /// <summary>The answers, as a form would show them again (to start a correction from).</summary>
    public CheckInForm ToForm() => new()
    {
        ActiveUsers = ActiveUsers,
        CasesHandled = CasesHandled,
        CasesEscalated = CasesEscalated,
        CasesOverridden = CasesOverridden,
        QualityReviewed = QualityReviewed,
        QualityMet = QualityMet,
        Incidents = Incidents,
        IncidentNote = IncidentNote,
        Workarounds = Workarounds,
        WorkaroundNote = WorkaroundNote,
        Ownership = Ownership,
        Successor = Successor,
        ImprovementDone = ImprovementDone,
        ImprovementNote = ImprovementNote,
        Blockers = Blockers,
    };

    /// <summary>
    /// Every problem with a check-in's answers, against its field (JSON camelCase name); empty when it can be filed.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(CheckInForm form) => Check(form, complete: true);

    /// <summary>
    /// What a half-filled form may keep: each answer given is of the right kind and size; what is missing, and what
    /// depends on other answers, is checked when the check-in is filed. Empty when the draft can be saved.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckDraft(CheckInForm form) => Check(form, complete: false);

    private static List<FieldError> Check(CheckInForm form, bool complete)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? Missing(string message) => complete ? message : null;
        var checks = new FieldChecks();
        checks.Number(form.ActiveUsers, "activeUsers", Missing("Say how many people used it this period (0 if nobody did)."), 0, MonitoringPlan.EligibleUsersMax, "the number of active users");
        checks.Number(form.CasesHandled, "casesHandled", Missing("Say how many cases went through it this period."), 0, CountMax, "the cases handled");
        checks.Number(form.CasesEscalated, "casesEscalated", Missing("Say how many cases people escalated (0 if none)."), 0, CountMax, "the cases escalated");
        checks.Number(form.CasesOverridden, "casesOverridden", Missing("Say how many outputs people overrode or redid (0 if none)."), 0, CountMax, "the cases overridden");
        if (complete && !checks.Has("casesHandled") && !checks.Has("casesEscalated") && !checks.Has("casesOverridden")
            && (long)form.CasesEscalated!.Value + form.CasesOverridden!.Value > form.CasesHandled!.Value)
        {
            checks.Add("casesOverridden", $"Escalated and overridden cases are among the {form.CasesHandled:N0} handled: together they cannot be more.");
        }

        checks.Number(form.QualityReviewed, "qualityReviewed", Missing("Say how many outputs the quality sample looked at (0 if none this period)."), 0, CountMax, "the outputs reviewed");
        checks.Number(form.QualityMet, "qualityMet", Missing("Say how many sampled outputs met the definition of good output."), 0, CountMax, "the outputs that met it");
        if (complete && !checks.Has("qualityReviewed") && !checks.Has("qualityMet") && form.QualityMet > form.QualityReviewed)
        {
            checks.Add("qualityMet", $"Only {form.QualityReviewed:N0} outputs were reviewed, so no more than that can have met the definition.");
        }

        checks.Number(form.Incidents, "incidents", Missing("Say how many incidents there were (0 if none)."), 0, CountMax, "the incidents");
        checks.Paragraph(form.IncidentNote, "incidentNote", form.Incidents > 0 ? Missing("Say how the incidents were handled.") : null, "the note on incidents", NoteMaxLength);
        if (form.Workarounds is { } workarounds ? !Enum.IsDefined(workarounds) : complete)
        {
            checks.Add("workarounds", "Say whether you saw workarounds: none, some or widespread.");
        }

        checks.Paragraph(form.WorkaroundNote, "workaroundNote", form.Workarounds is Live.Workarounds.Some or Live.Workarounds.Widespread
            ? Missing("Say what people do instead, and why.") : null, "the note on workarounds", NoteMaxLength);
        if (form.Ownership is { } ownership ? !Enum.IsDefined(ownership) : complete)
        {
            checks.Add("ownership", "Say whether you still own it: yes, handing over to someone, or you have left it.");
        }

        checks.Line(form.Successor, "successor", form.Ownership == Live.Ownership.HandingOver ? Missing("Name the person you are handing over to.") : null,
            "the successor's name", Limits.PersonMaxLength);
        if (complete && form.ImprovementDone is null)
        {
            checks.Add("improvementDone", "Say whether any improvement work was done this period.");
        }

        checks.Paragraph(form.ImprovementNote, "improvementNote", form.ImprovementDone == true ? Missing("Say what was improved.") : null,
            "the note on improvements", NoteMaxLength);
        checks.Paragraph(form.Blockers, "blockers", null, "what blocks", NoteMaxLength);
        return [.. checks.Errors];
    }

    internal CheckIn Correct(Period period, CheckInForm answers, string filedBy, CheckInChannel channel, DateTimeOffset now)
    {
        var correction = new CheckIn(period, answers, filedBy, channel, now, Id);
        SupersededAt = now;
        return correction;
    }

    /// <summary>The check-in in one line, for the audit trail.</summary>
    public string Describe() =>
        $"period {Period + 1} (due {DueDate:yyyy-MM-dd}): {ActiveUsers} active, {CasesHandled} cases, {CasesEscalated} escalated, " +
        $"{CasesOverridden} overridden, quality {QualityMet}/{QualityReviewed}, {Incidents} incidents, workarounds {Workarounds.ToKey()}, " +
        $"owner {Ownership.ToKey()}{(Successor is null ? "" : " to " + Successor)}, improvement {(ImprovementDone ? "yes" : "no")}";

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
