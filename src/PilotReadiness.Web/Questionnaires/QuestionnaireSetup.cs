using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Questionnaires;

public static class QuestionnaireSetup
{
    public static IServiceCollection AddQuestionnaires(this IServiceCollection services)
    {
        services.AddSingleton<QuestionnaireCatalogCache>();
        services.AddScoped<IQuestionnaireCatalog, StoredQuestionnaireCatalog>();
        services.AddScoped<QuestionnaireDrafts>();
        return services;
    }

    /// <summary>
    /// Before each request, makes sure the published versions are fresh (<see cref="QuestionnaireCatalogCache.RefreshIfStaleAsync"/>).
    /// While the database cannot be reached the versions already read are used; a request that needs the database fails
    /// on its own (503, see <see cref="DatabaseUnavailableHandler"/>), and the health check of the process still answers.
    /// </summary>
    public static IApplicationBuilder UseQuestionnaireCatalog(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var cache = context.RequestServices.GetRequiredService<QuestionnaireCatalogCache>();
            try
            {
                await cache.RefreshIfStaleAsync(context.RequestServices.GetRequiredService<AppDbContext>(), context.RequestAborted);
            }
            catch (Exception e) when (DbErrors.IsUnavailable(e))
            {
                // Served from what is known; see above.
            }

            await next(context);
        });

    /// <summary>
    /// Stores the versions shipped with the app (1 and 2) when the database lacks them, as published versions. Once
    /// stored, the stored definitions are the versions: a published version never changes.
    /// </summary>
    public static async Task StoreShippedVersionsAsync(AppDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var stored = await db.QuestionnaireVersions.Select(q => q.Version).ToListAsync(ct);
        var missing = ShippedQuestionnaires.Catalog.All.Where(v => !stored.Contains(v.Version)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        db.QuestionnaireVersions.AddRange(missing.Select(v => new StoredQuestionnaire
        {
            Version = v.Version,
            Definition = QuestionnaireDefinition.Of(v).ToJson(),
            PublishedAt = now,
            PublishedBy = "shipped with the app",
            UpdatedAt = now,
            UpdatedBy = "shipped with the app",
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            // Another instance starting at the same moment stored them first.
            db.ChangeTracker.Clear();
        }
    }
}
