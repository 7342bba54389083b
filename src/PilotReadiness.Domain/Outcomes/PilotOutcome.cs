using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;

namespace PilotReadiness.Domain.Outcomes;

/// <summary>
/// How a pilot turned out, recorded by a reviewer whenever it is known, with the readiness it had when leadership let
/// it go ahead (the warnings the calibration page weighs against what happened). Never edited: a new outcome
/// supersedes the last, and both are kept.
/// </summary>
public sealed class PilotOutcome : IRecordsChanges
{
    public const int NoteMaxLength = 2000;

    private readonly List<AssessmentChange> _changes = [];

    private PilotOutcome(Assessment current, LivePilot? live, OutcomeKind kind, DateOnly date, string? note, string byId, string byName, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PilotId = current.PilotId;
        AssessmentId = live?.AssessmentId ?? current.Id;
        Assessed = live?.Assessed ?? current.Readiness;
        Decision = live?.Decision ?? current.Decision;
        Kind = kind;
        Date = date;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        RecordedById = byId;
        RecordedByName = byName;
        RecordedAt = now;
        _changes.Add(new AssessmentChange(ChangeKind.OutcomeRecorded, now, kind.ToKey(), null,
            $"{kind.ToLabel()} on {date:yyyy-MM-dd}{(Note is null ? "" : ": " + Note)}"));
    }

    // For EF Core.
    private PilotOutcome()
    {
        Assessed = null!;
        RecordedById = RecordedByName = "";
    }

    public Guid Id { get; private set; }

    public Guid PilotId { get; private set; }

    /// <summary>The assessment version the outcome is weighed against: the one that went live, else the current one.</summary>
    public Guid AssessmentId { get; private set; }

    /// <summary>That version's readiness (verdict, section scores, gates) when it went live, or when the outcome was recorded.</summary>
    public Readiness Assessed { get; private set; }

    /// <summary>Leadership's decision at that time, if any.</summary>
    public DecisionOutcome? Decision { get; private set; }

    public OutcomeKind Kind { get; private set; }

    public DateOnly Date { get; private set; }

    public string? Note { get; private set; }

    public string RecordedById { get; private set; }

    public string RecordedByName { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public Guid? SupersededById { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    Guid IRecordsChanges.AuditAssessmentId => AssessmentId;

    public IReadOnlyList<AssessmentChange> TakeChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        return changes;
    }

    /// <summary>
    /// Null when an outcome can be recorded for the pilot: it has been submitted for review, decided on, or gone live.
    /// </summary>
    public static Refusal? WhyNotRecord(Assessment current, LivePilot? live)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.IsCurrent)
        {
            return current.WhyNot(AssessmentAction.ChangeDetails);
        }

        return live is null && current.Decision is null && current.Status != AssessmentStatus.Submitted
            ? new Refusal(RefusalKind.WrongState, "Only a pilot that has been submitted for review has an outcome to record; this one is a draft.")
            : null;
    }

    /// <summary>
    /// Every problem with an outcome's input, against its field (JSON camelCase name). A pilot that went live has one
    /// of the launched outcomes, dated from its go-live; one that did not can only have stopped before launch.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(OutcomeKind? kind, DateOnly? date, string? note, LivePilot? live, DateOnly today)
    {
        var checks = new FieldChecks();
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            checks.Add("kind", $"Choose the outcome: {string.Join(", ", OutcomeNames.All.Select(o => o.ToKey()))}.");
        }
        else if (live is null && k.Launched())
        {
            checks.Add("kind", "This pilot never went live: its outcome can only be stopped before launch. Record go-live first if it did launch.");
        }
        else if (live is not null && !k.Launched())
        {
            checks.Add("kind", $"This pilot went live on {LiveNames.Day(live.Plan.GoLiveDate)}: choose in daily use, stalled, rolled back or retired.");
        }

        if (date is not { } day)
        {
            checks.Add("date", "Give the date the outcome was known.");
        }
        else if (day > today)
        {
            checks.Add("date", "Record an outcome once it has happened: the date cannot be in the future.");
        }
        else if (live is not null && kind is { } launched && launched.Launched() && day < live.Plan.GoLiveDate)
        {
            checks.Add("date", $"The pilot went live on {LiveNames.Day(live.Plan.GoLiveDate)}: an outcome after launch is dated from then on.");
        }
        else if (day < Questionnaires.Limits.DateMin)
        {
            checks.Add("date", $"Give a date from {Questionnaires.Limits.DateMin.Year} on.");
        }

        checks.Paragraph(note, "note", null, "the note", NoteMaxLength);
        return checks.Errors;
    }

    /// <summary>
    /// Records the pilot's outcome, superseding its current one; a live pilot keeps it beside its plan (rolled back or
    /// retired ends its monitoring). Throws when <see cref="WhyNotRecord"/> refuses or <see cref="Check"/> finds a problem.
    /// </summary>
    public static PilotOutcome Record(
        Assessment current, LivePilot? live, PilotOutcome? previous, OutcomeKind? kind, DateOnly? date, string? note,
        string byId, string byName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrWhiteSpace(byId);
        ArgumentException.ThrowIfNullOrWhiteSpace(byName);
        if (WhyNotRecord(current, live) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        if (live is not null && live.PilotId != current.PilotId)
        {
            throw new ArgumentException("That is not this pilot's live record.", nameof(live));
        }

        if (previous is not null && (previous.PilotId != current.PilotId || !previous.IsCurrent))
        {
            throw new ArgumentException("That is not this pilot's current outcome.", nameof(previous));
        }

        FieldErrorsException.ThrowIfAny(Check(kind, date, note, live, now.Day()));
        var outcome = new PilotOutcome(current, live, kind!.Value, date!.Value, note, byId, byName, now);
        if (previous is not null)
        {
            previous.SupersededAt = now;
            previous.SupersededById = outcome.Id;
        }

        live?.NoteOutcome(outcome, now);
        return outcome;
    }
}
