namespace PilotReadiness.Domain.Live;

/// <summary>
/// A check-in being filled in, kept as it is typed so nothing is lost between sittings; one per live pilot. It is
/// not a check-in: nothing reads it but the form, and filing the check-in clears it.
/// </summary>
public sealed class CheckInDraft
{
    public CheckInDraft(Guid pilotId, CheckInForm form, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(form);
        PilotId = pilotId;
        Form = form;
        UpdatedAt = now;
    }

    // For EF Core.
    private CheckInDraft()
    {
        Form = CheckInForm.Empty;
    }

    public Guid PilotId { get; private set; }

    public CheckInForm Form { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Keeps <paramref name="form"/>; throws <see cref="FieldErrorsException"/> when <see cref="CheckIn.CheckDraft"/> finds a problem.</summary>
    public void Keep(CheckInForm form, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(form);
        FieldErrorsException.ThrowIfAny(CheckIn.CheckDraft(form));
        Form = form;
        UpdatedAt = now;
    }
}
