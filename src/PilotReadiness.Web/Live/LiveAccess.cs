using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Live;

/// <summary>A pilot as the live door loads it: its current assessment version, and its live record once it went live.</summary>
public sealed record LiveTarget(Assessment Current, LivePilot? Live);

/// <summary>What became of a change through <see cref="LiveAccess"/>: saved, refused, or its input was wrong (nothing saved).</summary>
public sealed record LiveChange(LiveTarget? Target, AccessRefusal? Refusal, IReadOnlyList<FieldError> Errors)
{
    public bool Saved => Refusal is null && Errors.Count == 0;
}

/// <summary>Why a batch of daily figures was not saved, in the order the door checks.</summary>
public enum IngestRefusal
{
    /// <summary>No key, or a key that is unknown or revoked (401).</summary>
    Unauthorized,

    /// <summary>A key for another pilot (403).</summary>
    Forbidden,

    /// <summary>Monitoring of this pilot has ended (409).</summary>
    WrongState,

    /// <summary>A figure is wrong (400, with every field).</summary>
    Invalid,
}

/// <summary>The outcome of a batch: how many days were new and how many replaced what was sent before, or why none was saved.</summary>
public sealed record IngestResult(IngestRefusal? Refusal, string? Message, IReadOnlyList<FieldError> Errors, int Added, int Replaced, int Unchanged);

/// <summary>
/// The one door for changes to a pilot after launch, the sibling of <see cref="AssessmentAccess"/> with the same order of
/// refusals: not found (the pilot's current version is not visible, <see cref="AccessRules.VisibleTo"/>), forbidden
/// (<see cref="AccessRules.May(ClaimsPrincipal, LiveAction, Assessment)"/>), the state (the domain's
/// <see cref="LivePilot.WhyNot"/>, <see cref="LivePilot.WhyNotGoLive"/>, <see cref="PilotOutcome.WhyNotRecord"/>),
/// the precondition (the plan revision an editor read), and stale (a save that lost a race).
/// <para>
/// A live pilot also changes by machine: the production system's figures refresh its health. So a save that loses a
/// race is tried again from a fresh load (the refusals asked again, the change made again), and is refused as stale
/// only when what the person read has changed, or after <see cref="Attempts"/> tries. Every save recomputes the
/// headline the portfolio reads (<see cref="LivePilot.Refresh"/>).
/// </para>
/// </summary>
public sealed class LiveAccess(AppDbContext db, TimeProvider time)
{
    public const int Attempts = 3;

    public const string NotFoundMessage = "There is no such pilot, or you may not see it.";

    /// <summary>The pilot for showing (not tracked): its current version if <paramref name="user"/> may see it, and its live record.</summary>
    public async Task<LiveTarget?> FindAsync(ClaimsPrincipal user, Guid pilotId, CancellationToken ct)
    {
        var current = await db.Assessments.AsNoTracking().VisibleTo(user).Current().FirstOrDefaultAsync(a => a.PilotId == pilotId, ct);
        if (current is null)
        {
            return null;
        }

        var live = await db.LivePilots.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(l => l.PilotId == pilotId, ct);
        return new LiveTarget(current, live);
    }

    /// <summary>All of a pilot's daily figures, oldest first.</summary>
    public async Task<IReadOnlyList<DailySignal>> SignalsAsync(Guid pilotId, CancellationToken ct) =>
        await db.LiveSignals.AsNoTracking().Where(s => s.PilotId == pilotId).OrderBy(s => s.Date).ToListAsync(ct);

    /// <summary>
    /// Lets <paramref name="action"/> through the door and makes the change: <paramref name="change"/> returns the
    /// domain's field errors (nothing is saved) or makes the change on the tracked target (adding what it creates).
    /// </summary>
    public Task<LiveChange> ChangeAsync(
        ClaimsPrincipal user, Guid pilotId, LiveAction action, Precondition precondition,
        Func<LiveTarget, Task<IReadOnlyList<FieldError>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(precondition);
        ArgumentNullException.ThrowIfNull(change);
        return RunAsync(async () => await LetThroughAsync(user, pilotId, action, precondition, ct), change, ct);
    }

    /// <summary>
    /// The door for the production owner's single-use link: an unknown token is not found; a link used, expired or
    /// replaced, or a pilot whose monitoring ended, is refused by its state; then the change is made and saved as by
    /// <see cref="ChangeAsync"/>. <paramref name="change"/> gets the link the token belongs to.
    /// </summary>
    public Task<LiveChange> ChangeByLinkAsync(
        string token, LiveAction action, Func<LiveTarget, CheckInLink, Task<IReadOnlyList<FieldError>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        CheckInLink? link = null;
        return RunAsync(async () =>
        {
            (var target, link, var refusal) = await LinkAsync(token, action, tracked: true, ct);
            return (target, refusal);
        }, target => change(target, link!), ct);
    }

    /// <summary>
    /// The door for the scheduler, which acts for nobody (a reminder that carries a new check-in link): the pilot must
    /// be live, and the domain's state rules hold as for a person; then the change is made and saved as by
    /// <see cref="ChangeAsync"/>.
    /// </summary>
    public Task<LiveChange> ChangeForSchedulerAsync(
        Guid pilotId, LiveAction action, Func<LiveTarget, Task<IReadOnlyList<FieldError>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        return RunAsync(async () =>
        {
            var live = await db.LivePilots.AsSplitQuery().FirstOrDefaultAsync(l => l.PilotId == pilotId, ct);
            var current = await db.Assessments.Current().FirstOrDefaultAsync(a => a.PilotId == pilotId, ct);
            if (live is null || current is null)
            {
                return (null, new AccessRefusal(AccessRefusalReason.NotFound, NotFoundMessage));
            }

            var why = live.WhyNot(action, time.Today());
            return (new LiveTarget(current, live), why is null ? null : AccessRefusal.From(why));
        }, change, ct);
    }

    /// <summary>Lets the change through, makes it and saves; a save that loses a race is tried again from a fresh load.</summary>
    private async Task<LiveChange> RunAsync(
        Func<Task<(LiveTarget? Target, AccessRefusal? Refusal)>> letThrough, Func<LiveTarget, Task<IReadOnlyList<FieldError>>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (target, refusal) = await letThrough();
            if (refusal is not null)
            {
                return new LiveChange(target, refusal, []);
            }

            var errors = await change(target!);
            if (errors.Count > 0)
            {
                db.ChangeTracker.Clear();
                return new LiveChange(target, null, errors);
            }

            if (await SaveAsync(ct))
            {
                return new LiveChange(target, null, []);
            }

            if (attempt == Attempts)
            {
                return new LiveChange(target, new AccessRefusal(AccessRefusalReason.Stale), []);
            }
        }
    }

    /// <summary>The pilot and link a token belongs to, and why <paramref name="action"/> through it is refused (if it is).</summary>
    public async Task<(LiveTarget? Target, CheckInLink? Link, AccessRefusal? Refusal)> LinkAsync(string token, LiveAction action, bool tracked, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return (null, null, new AccessRefusal(AccessRefusalReason.NotFound));
        }

        var hash = Tokens.Hash(token);
        var pilots = tracked ? db.LivePilots : db.LivePilots.AsNoTracking();
        var live = await pilots.AsSplitQuery().FirstOrDefaultAsync(l => l.Links.Any(k => k.TokenHash == hash), ct);
        var link = live?.Links.First(k => k.TokenHash == hash);
        if (live is null || link is null)
        {
            return (null, null, new AccessRefusal(AccessRefusalReason.NotFound));
        }

        var assessments = tracked ? db.Assessments : db.Assessments.AsNoTracking();
        var current = await assessments.Current().FirstAsync(a => a.PilotId == live.PilotId, ct);
        var target = new LiveTarget(current, live);
        var now = time.GetUtcNow();
        var why = !link.IsUsable(now)
            ? new Refusal(RefusalKind.WrongState, "This check-in link has been used, has expired, or was replaced by a newer one.")
            : live.WhyNot(action, now.Day());
        return (target, link, why is null ? null : AccessRefusal.From(why));
    }

    private async Task<(LiveTarget? Target, AccessRefusal? Refusal)> LetThroughAsync(
        ClaimsPrincipal user, Guid pilotId, LiveAction action, Precondition precondition, CancellationToken ct)
    {
        var current = await db.Assessments.VisibleTo(user).Current().FirstOrDefaultAsync(a => a.PilotId == pilotId, ct);
        if (current is null)
        {
            return (null, new AccessRefusal(AccessRefusalReason.NotFound, NotFoundMessage));
        }

        var live = await db.LivePilots.AsSplitQuery().FirstOrDefaultAsync(l => l.PilotId == pilotId, ct);
        var target = new LiveTarget(current, live);
        if (!user.May(action, current))
        {
            return (target, new AccessRefusal(AccessRefusalReason.Forbidden, AccessRules.WhoMay(action)));
        }

        var today = time.Today();
        var why = action switch
        {
            LiveAction.GoLive => LivePilot.WhyNotGoLive(current, live, today),
            LiveAction.RecordOutcome => PilotOutcome.WhyNotRecord(current, live),
            _ when live is null => new Refusal(RefusalKind.WrongState, "This pilot has not gone live: record go-live first."),
            _ => live.WhyNot(action, today),
        };
        if (why is not null)
        {
            return (target, AccessRefusal.From(why) with { CurrentVersion = live?.PlanRevision });
        }

        // What the person read: the outcomes recorded so far for a new outcome, else the plan's revision.
        var read = action == LiveAction.RecordOutcome ? await Outcomes.RevisionAsync(db, pilotId, ct) : live?.PlanRevision ?? 0;
        return (target, precondition.Check(read));
    }

    /// <summary>Recomputes every tracked live pilot's headline and saves in one <c>SaveChanges</c>; false when a race was lost.</summary>
    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        foreach (var live in db.ChangeTracker.Entries<LivePilot>().Select(e => e.Entity).ToList())
        {
            var signals = await db.LiveSignals.Where(s => s.PilotId == live.PilotId).ToListAsync(ct);
            live.Refresh(signals);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// Saves a batch of daily figures posted with an ingestion key, all or nothing: the key (401), its pilot (403),
    /// monitoring not ended (409), every figure (400). A day sent again replaces the one before.
    /// </summary>
    public async Task<IngestResult> IngestAsync(string? presentedKey, Guid pilotId, IReadOnlyList<SignalDraft?>? batch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(presentedKey) || presentedKey.Length > 100 || !presentedKey.StartsWith(IngestionKey.Marker, StringComparison.Ordinal))
        {
            return Refused(IngestRefusal.Unauthorized, "Send the pilot's ingestion key in the X-Ingestion-Key header.");
        }

        var hash = Tokens.Hash(presentedKey);
        for (var attempt = 1; ; attempt++)
        {
            var key = await db.Set<IngestionKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
            if (key is null || !key.IsActive)
            {
                return Refused(IngestRefusal.Unauthorized, "This ingestion key is not known, or has been revoked.");
            }

            if (key.PilotId != pilotId)
            {
                return Refused(IngestRefusal.Forbidden, "This ingestion key posts figures for another pilot only.");
            }

            var live = await db.LivePilots.AsSplitQuery().FirstAsync(l => l.PilotId == pilotId, ct);
            var now = time.GetUtcNow();
            if (live.WhyNot(LiveAction.PostSignals, now.Day()) is { } refusal)
            {
                return Refused(IngestRefusal.WrongState, refusal.Message);
            }

            var errors = DailySignal.Check(batch, live.Plan.GoLiveDate, now.Day());
            if (errors.Count > 0)
            {
                db.ChangeTracker.Clear();
                return new IngestResult(IngestRefusal.Invalid, "Nothing of the batch was saved.", errors, 0, 0, 0);
            }

            var existing = await db.LiveSignals.Where(s => s.PilotId == pilotId).ToDictionaryAsync(s => s.Date, ct);
            var (added, replaced, unchanged) = (0, 0, 0);
            foreach (var day in batch!)
            {
                if (existing.TryGetValue(day!.Date!.Value, out var signal))
                {
                    _ = signal.Replace(day, now) ? replaced++ : unchanged++;
                }
                else
                {
                    db.LiveSignals.Add(DailySignal.From(pilotId, day, now));
                    added++;
                }
            }

            live.NoteSignals(now);
            live.Keys.First(k => k.Id == key.Id).NoteUsed(now);
            live.Refresh([.. existing.Values, .. db.ChangeTracker.Entries<DailySignal>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)]);
            try
            {
                await db.SaveChangesAsync(ct);
                return new IngestResult(null, null, [], added, replaced, unchanged);
            }
            catch (DbUpdateException e) when (DbErrors.IsConflict(e) && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static IngestResult Refused(IngestRefusal refusal, string message) => new(refusal, message, [], 0, 0, 0);
}
