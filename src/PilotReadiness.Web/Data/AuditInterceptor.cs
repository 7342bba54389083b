using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Web.Data;

/// <summary>
/// Turns the changes every tracked assessment (and live pilot, and outcome) went through into audit rows, in the same save, with the signed-in
/// user as the actor; and refuses any save that would modify or delete an audit row.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http) : SaveChangesInterceptor
{
    public const string SystemActor = "system";

    /// <summary>Who acts without an account (a person answering a confirmation link): set in HttpContext.Items.</summary>
    public const string AnonymousActorKey = "audit-anonymous-actor";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit rows are append-only: they cannot be changed or deleted.");
        }

        var user = http.HttpContext?.User;
        var anonymous = http.HttpContext?.Items[AnonymousActorKey] as string;
        var actorId = user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? (anonymous is null ? SystemActor : "link");
        var actorName = user?.Identity?.Name ?? anonymous ?? SystemActor;
        var rows = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries<IRecordsChanges>().ToList())
        {
            rows.AddRange(entry.Entity.TakeChanges().Select(change => Row(entry.Entity.AuditAssessmentId, change, actorId, actorName)));
        }

        context.Set<AuditEntry>().AddRange(rows);
    }

    /// <summary>The audit row for one change to an assessment.</summary>
    public static AuditEntry Row(Guid assessmentId, AssessmentChange change, string actorId, string actorName)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new AuditEntry
        {
            AssessmentId = assessmentId,
            At = change.At,
            ActorId = actorId,
            ActorName = actorName,
            Kind = change.Kind.ToKey(),
            Subject = change.Subject,
            OldValue = change.OldValue,
            NewValue = change.NewValue,
        };
    }
}
