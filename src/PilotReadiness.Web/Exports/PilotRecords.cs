using PilotReadiness.Domain.Questionnaires;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Exports;

/// <summary>
/// Streams whole pilots (assessment, score, decisions) for a sequence of assessment ids, in that order, a batch at a
/// time through a database context of its own, so an export's memory stays the same whatever the portfolio's size.
/// </summary>
public sealed class PilotRecords(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int BatchSize = 100;

    public async IAsyncEnumerable<PilotRecord> ReadAsync(IAsyncEnumerable<Guid> assessmentIds, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(assessmentIds);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<IQuestionnaireCatalog>();
        var batch = new List<Guid>(BatchSize);
        await foreach (var id in assessmentIds.WithCancellation(ct))
        {
            batch.Add(id);
            if (batch.Count < BatchSize)
            {
                continue;
            }

            foreach (var record in await LoadAsync(db, catalog, batch, ct))
            {
                yield return record;
            }

            batch.Clear();
        }

        foreach (var record in await LoadAsync(db, catalog, batch, ct))
        {
            yield return record;
        }
    }

    private async Task<IReadOnlyList<PilotRecord>> LoadAsync(AppDbContext db, IQuestionnaireCatalog catalog, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var assessments = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var pilotIds = assessments.Values.Select(a => a.PilotId).Distinct().ToList();
        var decisions = (await db.Decisions.AsNoTracking().Where(d => pilotIds.Contains(d.PilotId)).ToListAsync(ct))
            .OrderByDescending(d => d.DecidedAt)
            .ToLookup(d => d.PilotId);
        var live = await db.LivePilots.AsNoTracking().IgnoreAutoIncludes().Where(l => pilotIds.Contains(l.PilotId)).ToDictionaryAsync(l => l.PilotId, ct);
        var now = time.GetUtcNow();
        return [.. ids.Where(assessments.ContainsKey).Select(id => assessments[id])
            .Select(a => new PilotRecord(a, a.VersionIn(catalog), a.Score(catalog, now), [.. decisions[a.PilotId]], live.GetValueOrDefault(a.PilotId)))];
    }
}
