using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Questionnaires;

/// <summary>
/// The published questionnaire versions, read from the database once and kept: a published version never changes, so
/// only a newly published one is ever read again. Each request first makes sure the versions are no older than
/// <see cref="RefreshInterval"/> (<see cref="RefreshIfStaleAsync"/>: one query for the newest version number), so a
/// version published on another instance is used here within that time; a version asked for and not yet known (an
/// assessment started there meanwhile) is read at once. See docs/decisions/0015-questionnaire-versions-as-data.md.
/// </summary>
public sealed class QuestionnaireCatalogCache(TimeProvider time, IConfiguration configuration)
{
    private readonly Lock _gate = new();
    private QuestionnaireCatalog? _catalog;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public TimeSpan RefreshInterval { get; } = TimeSpan.FromSeconds(configuration.GetValue("Questionnaires:RefreshSeconds", 5));

    /// <summary>The versions as last read; throws when they were never read (the database was never reached).</summary>
    public QuestionnaireCatalog Catalog => _catalog
        ?? throw new InvalidOperationException("The questionnaire versions have not been read from the database yet.");

    /// <summary>Reads the versions published since the last look, if that look is older than <see cref="RefreshInterval"/>.</summary>
    public async Task RefreshIfStaleAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_catalog is not null && time.GetUtcNow() - _checkedAt < RefreshInterval)
        {
            return;
        }

        var newest = await db.QuestionnaireVersions.Where(q => q.PublishedAt != null).MaxAsync(q => (int?)q.Version, ct);
        if (newest is null)
        {
            throw new InvalidOperationException("No questionnaire version is stored; the app stores the shipped ones at start-up.");
        }

        if (_catalog?.Current.Version != newest)
        {
            var known = _catalog?.All.Select(v => v.Version).ToList() ?? [];
            var rows = await db.QuestionnaireVersions.AsNoTracking().Where(q => q.PublishedAt != null && !known.Contains(q.Version)).ToListAsync(ct);
            Add(rows);
        }

        _checkedAt = time.GetUtcNow();
    }

    /// <summary>A published version, read from the database at once when it is not known yet (a rare synchronous read).</summary>
    public PublishedVersion? Find(AppDbContext db, int version)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_catalog?.Find(version) is { } known)
        {
            return known;
        }

        var row = db.QuestionnaireVersions.AsNoTracking().SingleOrDefault(q => q.Version == version && q.PublishedAt != null);
        if (row is null)
        {
            return null;
        }

        Add([row]);
        return Catalog.Find(version);
    }

    /// <summary>Forgets every version read, so the next refresh reads them all again (after the database was emptied and filled anew).</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _catalog = null;
            _checkedAt = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Makes a version just published on this instance known at once.</summary>
    public void Published(StoredQuestionnaire row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Add([row]);
    }

    private void Add(List<StoredQuestionnaire> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var built = rows.Select(r => r.Read().Build()).ToList();
        lock (_gate)
        {
            var catalog = _catalog;
            foreach (var version in built.Where(v => catalog?.Find(v.Version) is null))
            {
                catalog = catalog is null ? new QuestionnaireCatalog([version]) : catalog.With(version);
            }

            _catalog = catalog;
        }
    }
}

/// <summary>The app's <see cref="IQuestionnaireCatalog"/> for one request: the cached published versions.</summary>
public sealed class StoredQuestionnaireCatalog(QuestionnaireCatalogCache cache, AppDbContext db) : IQuestionnaireCatalog
{
    public PublishedVersion Current => cache.Catalog.Current;

    public PublishedVersion? Find(int version) => cache.Find(db, version);
}
