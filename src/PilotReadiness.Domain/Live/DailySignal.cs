namespace PilotReadiness.Domain.Live;

/// <summary>One day's figures as the production system sends them; every value may be missing.</summary>
public sealed record SignalDraft(DateOnly? Date, int? ActiveUsers, int? CasesHandled, int? CasesEscalated, int? CasesOverridden, int? Errors);

/// <summary>
/// One day of a live pilot's use, as its production system reported it. There is at most one per pilot and day:
/// sending a day again replaces its figures.
/// </summary>
public sealed class DailySignal
{
    /// <summary>The most days one batch may carry (a year and a day).</summary>
    public const int MaxBatch = 366;

    public DailySignal(Guid pilotId, DateOnly date, int activeUsers, int casesHandled, int casesEscalated, int casesOverridden, int errors, DateTimeOffset receivedAt)
    {
        PilotId = pilotId;
        Date = date;
        ActiveUsers = activeUsers;
        CasesHandled = casesHandled;
        CasesEscalated = casesEscalated;
        CasesOverridden = casesOverridden;
        Errors = errors;
        ReceivedAt = receivedAt;
    }

    // For EF Core.
    private DailySignal()
    {
    }

    public Guid PilotId { get; private set; }

    public DateOnly Date { get; private set; }

    /// <summary>People who used it that day.</summary>
    public int ActiveUsers { get; private set; }

    public int CasesHandled { get; private set; }

    public int CasesEscalated { get; private set; }

    public int CasesOverridden { get; private set; }

    public int Errors { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Replaces the day's figures with those sent again; false when they are the same.</summary>
    public bool Replace(SignalDraft draft, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (ActiveUsers == draft.ActiveUsers && CasesHandled == draft.CasesHandled && CasesEscalated == draft.CasesEscalated
            && CasesOverridden == draft.CasesOverridden && Errors == draft.Errors)
        {
            return false;
        }

        ActiveUsers = draft.ActiveUsers!.Value;
        CasesHandled = draft.CasesHandled!.Value;
        CasesEscalated = draft.CasesEscalated!.Value;
        CasesOverridden = draft.CasesOverridden!.Value;
        Errors = draft.Errors!.Value;
        ReceivedAt = now;
        return true;
    }

    public static DailySignal From(Guid pilotId, SignalDraft draft, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new DailySignal(pilotId, draft.Date!.Value, draft.ActiveUsers!.Value, draft.CasesHandled!.Value, draft.CasesEscalated!.Value,
            draft.CasesOverridden!.Value, draft.Errors!.Value, now);
    }

    /// <summary>
    /// Every problem with a batch of daily figures for a pilot that went live on <paramref name="goLive"/>, against
    /// its field (<c>signals[3].date</c>); empty when the whole batch can be saved. A batch is saved whole or not at all.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(IReadOnlyList<SignalDraft?>? batch, DateOnly goLive, DateOnly today)
    {
        var checks = new FieldChecks();
        if (batch is null || batch.Count == 0)
        {
            checks.Add("signals", "Send at least one day's figures.");
            return checks.Errors;
        }

        if (batch.Count > MaxBatch)
        {
            checks.Add("signals", $"Send at most {MaxBatch} days in one batch.");
            return checks.Errors;
        }

        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var at = $"signals[{i}]";
            if (batch[i] is not { } day)
            {
                checks.Add(at, "Each item is one day's figures: an object with a date and the counts.");
                continue;
            }

            if (day.Date is not { } date)
            {
                checks.Add($"{at}.date", "Give the day the figures are for, as YYYY-MM-DD.");
            }
            else if (date < goLive)
            {
                checks.Add($"{at}.date", $"The pilot went live on {LiveNames.Day(goLive)}: send figures from that day on.");
            }
            else if (date > today)
            {
                checks.Add($"{at}.date", "That day has not ended yet: send a day's figures once it is over.");
            }
            else if (seen.TryGetValue(date, out var first))
            {
                checks.Add($"{at}.date", $"{date:yyyy-MM-dd} is also in signals[{first}]: send each day once per batch.");
            }
            else
            {
                seen[date] = i;
            }

            checks.Number(day.ActiveUsers, $"{at}.activeUsers", "Give the number of people who used it that day (0 if nobody).", 0, MonitoringPlan.EligibleUsersMax, "activeUsers");
            checks.Number(day.CasesHandled, $"{at}.casesHandled", "Give the number of cases it handled that day.", 0, CheckIn.CountMax, "casesHandled");
            checks.Number(day.CasesEscalated, $"{at}.casesEscalated", "Give the number of cases people escalated that day (0 if none).", 0, CheckIn.CountMax, "casesEscalated");
            checks.Number(day.CasesOverridden, $"{at}.casesOverridden", "Give the number of outputs people overrode that day (0 if none).", 0, CheckIn.CountMax, "casesOverridden");
            checks.Number(day.Errors, $"{at}.errors", "Give the number of errors that day (0 if none).", 0, CheckIn.CountMax, "errors");
            if (!checks.Has($"{at}.casesHandled") && !checks.Has($"{at}.casesEscalated") && !checks.Has($"{at}.casesOverridden")
                && (long)day.CasesEscalated!.Value + day.CasesOverridden!.Value > day.CasesHandled!.Value)
            {
                checks.Add($"{at}.casesOverridden", "casesEscalated and casesOverridden are among casesHandled: together they cannot be more.");
            }
        }

        return checks.Errors;
    }
}
