namespace PilotReadiness.Web.Data;

/// <summary>
/// Settings that hold for the whole organisation, changed by admins on /admin/settings: one row (<see cref="SingletonId"/>)
/// in the database, so every instance of the app sees the same. No row means every setting has its default; the row is
/// written the first time an admin saves. New organisation-wide settings (a currency, …) become columns here.
/// </summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Reviewers and admins must sign in with a second step (an authenticator app); see docs/security.md.</summary>
    public bool RequireTwoFactorForStaff { get; set; }

    /// <summary>Goes up with every save; two admins saving at once cannot both win.</summary>
    public int Version { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }

    public string? ChangedByName { get; set; }

    /// <summary>The settings in force: the stored row, or the defaults when no admin has saved any.</summary>
    public static async Task<OrganisationSettings> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.OrganisationSettings.FindAsync([SingletonId], ct) ?? new OrganisationSettings();
    }
}
