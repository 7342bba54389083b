using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Admin;

/// <summary>
/// Organisation-wide settings, kept in one database row (<see cref="OrganisationSettings"/>) so every instance of the app
/// applies the same. The version the admin saw is posted back: two admins saving at once cannot both win.
/// </summary>
public sealed class SettingsModel(
    AppDbContext db,
    UserManager<AppUser> users,
    IValidator<SettingsModel.InputModel> validator,
    TimeProvider time,
    ILogger<SettingsModel> logger) : PageModel
{
    public const string ConcurrencyMessage = "Another admin changed these settings while the page was open; they are shown as saved now. Make your change again.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public OrganisationSettings Current { get; private set; } = new();

    /// <summary>Reviewers and admins with a password who have not set up two-step verification (names, for the admin to chase).</summary>
    public IReadOnlyList<AppUser> StaffWithoutTwoFactor { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = InputModel.From(Current);
    }

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(Input, ct);
        if (validation.Errors.Any(e => e.PropertyName == nameof(InputModel.Version)))
        {
            return BadRequest();
        }

        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
            }

            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var settings = await db.OrganisationSettings.FindAsync([OrganisationSettings.SingletonId], ct);
        if ((settings?.Version ?? 0) != Input.Version)
        {
            return await ConflictAsync(ct);
        }

        if (settings is null)
        {
            settings = new OrganisationSettings();
            db.OrganisationSettings.Add(settings);
        }

        var admin = await users.GetUserAsync(User);
        var twoFactorChanged = settings.RequireTwoFactorForStaff != Input.RequireTwoFactorForStaff;
        var currency = Input.CurrencyCodeNormalised;
        var currencyChanged = settings.CurrencyCode != currency;
        settings.RequireTwoFactorForStaff = Input.RequireTwoFactorForStaff;
        settings.CurrencyCode = currency;
        settings.Version++;
        settings.ChangedAt = time.GetUtcNow();
        settings.ChangedByName = admin?.DisplayName is { Length: > 0 } name ? name : admin?.Email;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            return await ConflictAsync(ct);
        }

        logger.LogInformation("Admin {UserId} set RequireTwoFactorForStaff to {Required} and the currency to {Currency}",
            User.UserId(), settings.RequireTwoFactorForStaff, settings.CurrencyCode);
        var said = new List<string> { "Saved." };
        if (currencyChanged)
        {
            said.Add($"Amounts are now shown in {settings.CurrencyCode}; the numbers already entered are unchanged.");
        }

        if (twoFactorChanged || !currencyChanged)
        {
            said.Add(settings.RequireTwoFactorForStaff
                ? "Reviewers and admins now need two-step verification; anyone without it is asked to set it up at their next request."
                : "Two-step verification is now optional for everyone.");
        }

        TempData["Message"] = string.Join(" ", said);
        return Redirect("/admin/settings");
    }

    private async Task<IActionResult> ConflictAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        ModelState.Clear();
        ModelState.AddModelError("", ConcurrencyMessage);
        Input = InputModel.From(Current);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "admin";
        Current = await db.OrganisationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == OrganisationSettings.SingletonId, ct)
            ?? new OrganisationSettings();
        var staffRoles = new[] { Roles.Reviewer, Roles.Admin };
        StaffWithoutTwoFactor = await db.Users.AsNoTracking()
            .Where(u => !u.TwoFactorEnabled && u.PasswordHash != null)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!))))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .ToListAsync(ct);
    }

    public sealed record InputModel
    {
        public bool RequireTwoFactorForStaff { get; init; }

        /// <summary>The ISO 4217 code of the organisation's currency; lower case is taken as capitals.</summary>
        public string? CurrencyCode { get; init; }

        public string CurrencyCodeNormalised => CurrencyCode?.Trim().ToUpperInvariant() ?? "";

        public static InputModel From(OrganisationSettings settings) => new()
        {
            RequireTwoFactorForStaff = settings.RequireTwoFactorForStaff,
            CurrencyCode = settings.CurrencyCode,
            Version = settings.Version,
        };

        /// <summary>The settings' version when the page was shown (0: never saved).</summary>
        public int? Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator()
        {
            RuleFor(x => x.Version).NotNull().GreaterThanOrEqualTo(0);
            RuleFor(x => x.CurrencyCodeNormalised).Must(Currency.IsCode).WithMessage(Currency.CodeMessage)
                .OverridePropertyName(nameof(InputModel.CurrencyCode));
        }
    }
}
