using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Portfolio;

/// <summary>
/// Keeps <see cref="PortfolioCount"/> rows true in the same transaction as every save that adds, changes or removes a
/// current version: before the save it takes each changed assessment's old contribution away and adds its new one
/// (both computed from the stored columns, <see cref="PortfolioCounts.Of"/>), and after EF's own statements it applies
/// the difference with one upsert, then commits. A save that fails or loses a concurrency check changes no counter.
/// Saves that change nothing the portfolio counts (most answers do not move a score) touch no counter.
/// </summary>
public sealed class PortfolioCountsInterceptor : SaveChangesInterceptor
{
    private sealed record Pending(IReadOnlyCollection<PortfolioCount> Deltas, IDbContextTransaction? Owned);

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context)
        {
            return result;
        }

        await EndAsync(context, commit: false, cancellationToken); // a save abandoned without an event
        var deltas = Deltas(context);
        if (deltas.Count == 0)
        {
            return result;
        }

        // Our own transaction when the caller has none, so EF's statements and the counters commit together.
        IDbContextTransaction? owned = null;
        if (context.Database.CurrentTransaction is null)
        {
            owned = await context.Database.BeginTransactionAsync(cancellationToken);
            context.Database.AutoSavepointsEnabled = false;
        }

        _pending.AddOrUpdate(context, new Pending(deltas, owned));
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await EndAsync(context, commit: true, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await EndAsync(context, commit: false, CancellationToken.None);
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        SaveChangesCanceledAsync(eventData).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await EndAsync(context, commit: false, CancellationToken.None);
        }
    }

    /// <summary>Applies the counters and commits (after a save), or rolls back what this interceptor began.</summary>
    private async Task EndAsync(DbContext context, bool commit, CancellationToken ct)
    {
        if (!_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        try
        {
            if (commit)
            {
                await PortfolioCounts.ApplyAsync((AppDbContext)context, pending.Deltas, ct);
                if (pending.Owned is { } transaction)
                {
                    await transaction.CommitAsync(ct);
                }
            }
            else if (pending.Owned is { } transaction)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
        finally
        {
            if (pending.Owned is { } transaction)
            {
                context.Database.AutoSavepointsEnabled = true;
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>The net change to each counter row that saving the tracked assessments makes.</summary>
    private static List<PortfolioCount> Deltas(DbContext context)
    {
        var byKey = new Dictionary<(string, AssessmentStatus, Verdict, GateSet), PortfolioCount>();
        void Add(PortfolioCount? contribution, int times)
        {
            if (contribution is null)
            {
                return;
            }

            var key = (contribution.BusinessUnit, contribution.Status, contribution.Verdict, contribution.Gates);
            if (!byKey.TryGetValue(key, out var row))
            {
                row = new PortfolioCount { BusinessUnit = key.BusinessUnit, Status = key.Status, Verdict = key.Verdict, Gates = key.Gates };
                byKey.Add(key, row);
            }

            row.Add(contribution, times);
        }

        foreach (var entry in context.ChangeTracker.Entries<Assessment>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                Add(Original(entry), -1);
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var a = entry.Entity;
                Add(PortfolioCounts.Of(a.IsCurrent, a.BusinessUnit, a.Status, a.Readiness, a.Decision, a.DecisionRecommendation,
                    a.SubmittedAt, a.DecidedAt, a.ConditionsDue), 1);
            }
        }

        return [.. byKey.Values.Where(r => !r.IsZero)];
    }

    /// <summary>The contribution of the assessment as it was read from the database.</summary>
    private static PortfolioCount? Original(EntityEntry<Assessment> entry)
    {
        var readiness = entry.ComplexProperty(a => a.Readiness);
        T R<T>(System.Linq.Expressions.Expression<Func<Readiness, T>> property) => readiness.Property(property).OriginalValue;
        return PortfolioCounts.Of(
            entry.Property(a => a.SupersededAt).OriginalValue is null,
            entry.Property(a => a.BusinessUnit).OriginalValue,
            entry.Property(a => a.Status).OriginalValue,
            new Readiness(R(r => r.Overall), R(r => r.Verdict), R(r => r.Commitment), R(r => r.Involvement), R(r => r.AfterDemo),
                R(r => r.Integration), R(r => r.Workflow), R(r => r.Ownership), R(r => r.Gates), R(r => r.OwnerConfirmed)),
            entry.Property(a => a.Decision).OriginalValue,
            entry.Property(a => a.DecisionRecommendation).OriginalValue,
            entry.Property(a => a.SubmittedAt).OriginalValue,
            entry.Property(a => a.DecidedAt).OriginalValue,
            entry.Property(a => a.ConditionsDue).OriginalValue);
    }
}
