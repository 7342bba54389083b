using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Answers;

namespace PilotReadiness.Web.Data;

/// <summary>
/// Settings that hold for the whole organisation, changed by admins on /admin/settings: one row (<see cref="SingletonId"/>)
/// in the database, so every instance of the app sees the same. No row means every setting has its default; the row is
/// written the first time an admin saves. New organisation-wide settings become columns here.
/// </summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Reviewers and admins must sign in with a second step (an authenticator app); see docs/security.md.</summary>
    public bool RequireTwoFactorForStaff { get; set; }

    /// <summary>The ISO 4217 code of the currency every amount is in (budgets, costs), shown wherever an amount is.</summary>
    public string CurrencyCode { get; set; } = Currency.Default.Code;

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

    /// <summary>The currency in force: the admin's choice, or <see cref="Currency.Default"/>.</summary>
    public static async Task<Currency> CurrencyAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = await db.OrganisationSettings.AsNoTracking().Where(s => s.Id == SingletonId).Select(s => s.CurrencyCode).SingleOrDefaultAsync(ct);
        return Currency.IsCode(code) ? new Currency(code!) : Currency.Default;
    }
}
