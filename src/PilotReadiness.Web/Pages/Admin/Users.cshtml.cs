using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Pages.Account;

namespace PilotReadiness.Web.Pages.Admin;

/// <summary>
/// Admins invite people, change their roles and lock or unlock them. Every change goes through UserManager, which
/// checks the user's ConcurrencyStamp; the stamp the admin saw is posted back too, so a change made by someone else
/// in the meantime (including a failed sign-in) is refused instead of overwritten.
/// </summary>
public sealed class UsersModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AppDbContext db,
    IdentityEmails emails,
    IValidator<UsersModel.InviteInput> inviteValidator,
    IValidator<UsersModel.RolesInput> rolesValidator,
    IValidator<UsersModel.UserInput> userValidator,
    TimeProvider time,
    ILogger<UsersModel> logger) : PageModel
{
    public const string ConcurrencyMessage = "Someone else changed this user; reload and try again.";

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [BindProperty]
    public RolesInput RoleChange { get; set; } = new();

    [BindProperty]
    public UserInput Target { get; set; } = new();

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    /// <summary>The user whose row a refused change is about; their row shows the errors.</summary>
    public string? ErrorUserId { get; private set; }

    /// <summary>Set when the refused change was a role change that did not reach the database: the row shows what was ticked.</summary>
    public IReadOnlyList<string>? PostedRoles { get; private set; }

    /// <summary>Something that went wrong after a change was saved (e.g. the invitation email), shown once.</summary>
    [TempData]
    public string? Problem { get; set; }

    public string CurrentUserId => User.UserId();

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public ErrorSummary Summary =>
        new(ErrorSummary.CheckTheseFields,
        [
            new($"{nameof(Invite)}.{nameof(InviteInput.Email)}", $"{nameof(Invite)}_{nameof(InviteInput.Email)}"),
            new($"{nameof(Invite)}.{nameof(InviteInput.DisplayName)}", $"{nameof(Invite)}_{nameof(InviteInput.DisplayName)}"),
            new($"{nameof(Invite)}.{nameof(InviteInput.Role)}", $"{nameof(Invite)}_{nameof(InviteInput.Role)}"),
            .. RowErrorKeys.Select(key => new SummaryItem(key, key == RolesKey ? RoleBoxId(ErrorUserId ?? "", Roles.All[0]) : RowId(ErrorUserId ?? ""))),
        ]);

    /// <summary>ModelState keys of errors that belong to the row of <see cref="ErrorUserId"/>.</summary>
    public static IReadOnlyList<string> RowErrorKeys { get; } = [nameof(RoleChange), RolesKey, nameof(Target)];

    private const string RolesKey = $"{nameof(RoleChange)}.{nameof(RolesInput.Selected)}";

    public static string RowId(string userId) => $"user-{userId}";

    public static string RoleBoxId(string userId, string role) => $"role-{userId}-{role.ToLowerInvariant()}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Nav"] = "admin";
        await LoadAsync(ct);
    }

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var validation = await inviteValidator.ValidateAsync(Invite, ct);
        validation.AddTo(ModelState, nameof(Invite));
        var emailKey = $"{nameof(Invite)}.{nameof(InviteInput.Email)}";
        var email = Invite.Email?.Trim() ?? "";
        // Said together with any other problem, so the admin fixes everything in one go.
        if (!validation.Errors.Any(e => e.PropertyName == nameof(InviteInput.Email)) && await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError(emailKey, DuplicateEmail);
        }

        if (!ModelState.IsValid)
        {
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        var invitedBy = await users.GetUserAsync(User);
        var user = new AppUser { UserName = email, Email = email, DisplayName = Invite.DisplayName!.Trim() };
        IdentityResult result;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            result = await AllAsync(() => users.CreateAsync(user), () => users.AddToRoleAsync(user, Invite.Role!));
            if (result.Succeeded)
            {
                await transaction.CommitAsync(ct);
            }
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            // Another admin invited the same address a moment ago.
            result = IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(email));
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code switch
                {
                    nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => emailKey,
                    nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => emailKey,
                    _ => "",
                }, error.Code switch
                {
                    nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => DuplicateEmail,
                    nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
                        "This email address cannot be used for an account: use letters, digits and - . _ @ + only.",
                    _ => error.Description,
                });
            }

            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        var sent = await SendInvitationAsync(user, invitedBy, ct);
        TempData["Message"] = sent
            ? $"Invited {user.DisplayName} ({user.Email}) as {Invite.Role}. The link in the email works for one day."
            : $"Added {user.DisplayName} ({user.Email}) as {Invite.Role}.";
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostRolesAsync(CancellationToken ct)
    {
        var validation = await rolesValidator.ValidateAsync(RoleChange, ct);
        if (validation.Errors.Any(e => e.PropertyName != nameof(RolesInput.Selected)))
        {
            return BadRequest();
        }

        var user = await users.FindByIdAsync(RoleChange.UserId!);
        if (user is null)
        {
            return NotFound();
        }

        ErrorUserId = user.Id;
        PostedRoles = [.. RoleChange.Selected ?? []];
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(RoleChange));
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        if (user.ConcurrencyStamp != RoleChange.Stamp)
        {
            return await ConflictAsync(nameof(RoleChange), ct);
        }

        var wanted = Roles.All.Where(PostedRoles.Contains).ToList();
        if (user.Id == CurrentUserId && !wanted.Contains(Roles.Admin))
        {
            ModelState.AddModelError(RolesKey, "You cannot remove your own Admin role. Ask another admin to do it.");
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        var current = await users.GetRolesAsync(user);
        var add = wanted.Except(current).ToList();
        var remove = current.Except(wanted).ToList();
        if (add.Count == 0 && remove.Count == 0)
        {
            TempData["Message"] = $"{user.DisplayName} already had these roles; nothing changed.";
            return Redirect("/admin/users");
        }

        var saved = await SaveAsync(nameof(RoleChange), ct,
            () => add.Count > 0 ? users.AddToRolesAsync(user, add) : Task.FromResult(IdentityResult.Success),
            () => remove.Count > 0 ? users.RemoveFromRolesAsync(user, remove) : Task.FromResult(IdentityResult.Success));
        if (saved is not null)
        {
            return saved;
        }

        if (user.Id == CurrentUserId)
        {
            // The admin changed their own roles: renew their cookie so the header and pages match at once.
            signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Message"] = $"{user.DisplayName} now has the {(wanted.Count == 1 ? "role" : "roles")} {string.Join(", ", wanted)}.";
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostLockAsync(CancellationToken ct)
    {
        var (user, refused) = await FindTargetAsync(ct);
        if (user is null)
        {
            return refused!;
        }

        if (user.Id == CurrentUserId)
        {
            ModelState.AddModelError(nameof(Target), "You cannot lock your own account.");
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        // A new security stamp ends the sessions the person already has (checked when their cookie or token is next validated).
        var saved = await SaveAsync(nameof(Target), ct,
            () => user.LockoutEnabled ? Task.FromResult(IdentityResult.Success) : users.SetLockoutEnabledAsync(user, true),
            () => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue),
            () => users.UpdateSecurityStampAsync(user));
        if (saved is not null)
        {
            return saved;
        }

        TempData["Message"] = $"Locked {user.DisplayName}: they cannot sign in until an admin unlocks the account.";
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        var (user, refused) = await FindTargetAsync(ct);
        if (user is null)
        {
            return refused!;
        }

        var saved = await SaveAsync(nameof(Target), ct,
            () => users.SetLockoutEndDateAsync(user, null),
            () => users.ResetAccessFailedCountAsync(user));
        if (saved is not null)
        {
            return saved;
        }

        TempData["Message"] = $"Unlocked {user.DisplayName}: they can sign in again.";
        return Redirect("/admin/users");
    }

    /// <summary>
    /// For someone who lost their authenticator app and their recovery codes: switches their two-step verification off
    /// (their sessions end). If the organisation requires it of them, they are asked to set it up again at their next sign-in.
    /// </summary>
    public async Task<IActionResult> OnPostTwoFactorOffAsync(CancellationToken ct)
    {
        var (user, refused) = await FindTargetAsync(ct);
        if (user is null)
        {
            return refused!;
        }

        if (!user.TwoFactorEnabled)
        {
            TempData["Message"] = $"{user.DisplayName} does not use two-step verification; nothing changed.";
            return Redirect("/admin/users");
        }

        var saved = await SaveAsync(nameof(Target), ct, TwoFactor.TurnOff(users, user));
        if (saved is not null)
        {
            return saved;
        }

        logger.LogInformation("Admin {AdminId} turned off two-step verification of user {UserId}", CurrentUserId, user.Id);
        TempData["Message"] = $"Turned off two-step verification for {user.DisplayName}. They sign in with their password and can set it up again.";
        return Redirect("/admin/users");
    }

    /// <summary>A fresh invitation link for someone who has not chosen a password yet (links last a day).</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        var (user, refused) = await FindTargetAsync(ct);
        if (user is null)
        {
            return refused!;
        }

        if (await users.HasPasswordAsync(user))
        {
            ModelState.AddModelError(nameof(Target), $"{user.DisplayName} has already accepted the invitation and chosen a password.");
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        if (await SendInvitationAsync(user, await users.GetUserAsync(User), ct))
        {
            TempData["Message"] = $"Sent {user.DisplayName} a new invitation. The link works for one day.";
        }

        return Redirect("/admin/users");
    }

    private const string DuplicateEmail = "There is already an account with this email address.";

    /// <summary>The user a lock, unlock, resend or two-step reset is about, as the admin saw them; otherwise the answer to send instead.</summary>
    private async Task<(AppUser? User, IActionResult? Refused)> FindTargetAsync(CancellationToken ct)
    {
        var validation = await userValidator.ValidateAsync(Target, ct);
        if (!validation.IsValid)
        {
            return (null, BadRequest());
        }

        var user = await users.FindByIdAsync(Target.UserId!);
        if (user is null)
        {
            return (null, NotFound());
        }

        ErrorUserId = user.Id;
        return user.ConcurrencyStamp == Target.Stamp ? (user, null) : (null, await ConflictAsync(nameof(Target), ct));
    }

    /// <summary>Runs the UserManager calls in one transaction: all are saved, or none. Null when saved; otherwise the page to show.</summary>
    private async Task<IActionResult?> SaveAsync(string errorKey, CancellationToken ct, params Func<Task<IdentityResult>>[] steps)
    {
        IdentityResult result;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            result = await AllAsync(steps);
            if (result.Succeeded)
            {
                await transaction.CommitAsync(ct);
                return null;
            }
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            result = IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        PostedRoles = null;
        // Already/not in a role: another admin's change landed between reading the roles and saving.
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.ConcurrencyFailure)
                or nameof(IdentityErrorDescriber.UserAlreadyInRole) or nameof(IdentityErrorDescriber.UserNotInRole)))
        {
            return await ConflictAsync(errorKey, ct);
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(errorKey, error.Description);
        }

        return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IdentityResult> AllAsync(params Func<Task<IdentityResult>>[] steps)
    {
        foreach (var step in steps)
        {
            var result = await step();
            if (!result.Succeeded)
            {
                return result;
            }
        }

        return IdentityResult.Success;
    }

    private Task<IActionResult> ConflictAsync(string errorKey, CancellationToken ct)
    {
        PostedRoles = null;
        ModelState.AddModelError(errorKey, ConcurrencyMessage);
        return RefusedAsync(StatusCodes.Status409Conflict, ct);
    }

    private async Task<IActionResult> RefusedAsync(int status, CancellationToken ct)
    {
        ViewData["Nav"] = "admin";
        // A failed save leaves its changes in the change tracker; show what the database holds.
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> SendInvitationAsync(AppUser user, AppUser? invitedBy, CancellationToken ct)
    {
        var inviter = invitedBy is null ? "An administrator" : string.IsNullOrWhiteSpace(invitedBy.DisplayName) ? invitedBy.Email ?? "An administrator" : invitedBy.DisplayName;
        try
        {
            var code = AccountForms.EncodeCode(await users.GeneratePasswordResetTokenAsync(user));
            await emails.SendInvitationAsync(user, inviter, code);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Could not send the invitation email to user {UserId}", user.Id);
            Problem = $"The invitation email to {user.Email} could not be sent. Check the mail settings, then use \"Send a new invitation\" on {user.DisplayName}'s row.";
            return false;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync(ct);
        var memberships = await (from membership in db.UserRoles
                                 join role in db.Roles on membership.RoleId equals role.Id
                                 select new { membership.UserId, role.Name }).ToListAsync(ct);
        var rolesOf = memberships.ToLookup(m => m.UserId, m => m.Name ?? "");
        Rows = [.. people.Select(u => new UserRow(u, [.. Roles.All.Where(r => rolesOf[u.Id].Contains(r))], Now))];
    }

    /// <summary>One person in the table, with what Identity knows about their sign-ins.</summary>
    public sealed record UserRow(AppUser User, IReadOnlyList<string> Roles, DateTimeOffset Now)
    {
        public bool Invited => User.PasswordHash is null;

        public bool LockedByAdmin => AccountForms.IsLockedByAdmin(User, Now);

        public bool LockedOut => AccountForms.IsLockedOut(User, Now);
    }

    public sealed record InviteInput
    {
        public string? Email { get; init; }

        public string? DisplayName { get; init; }

        public string? Role { get; init; } = Auth.Roles.Sponsor;
    }

    public sealed class InviteValidator : AbstractValidator<InviteInput>
    {
        public InviteValidator()
        {
            RuleFor(x => x.Email).ValidEmail("Enter the email address to send the invitation to.");
            RuleFor(x => x.DisplayName).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the person's name.")
                .MaximumLength(AppUser.DisplayNameMaxLength).WithMessage($"Keep the name to {AppUser.DisplayNameMaxLength} characters or fewer.")
                .Must(v => TextRules.IsClean(v, multiline: false)).WithMessage(TextRules.InvalidCharactersMessage);
            RuleFor(x => x.Role).Must(r => r is not null && Auth.Roles.All.Contains(r)).WithMessage("Choose a role from the list.");
        }
    }

    public sealed record RolesInput
    {
        public string? UserId { get; init; }

        /// <summary>The user's ConcurrencyStamp when the page was shown.</summary>
        public string? Stamp { get; init; }

        public List<string>? Selected { get; init; }
    }

    public sealed class RolesValidator : AbstractValidator<RolesInput>
    {
        public RolesValidator()
        {
            RuleFor(x => x.UserId).NotEmpty().MaximumLength(450).Must(v => TextRules.IsClean(v, multiline: false));
            RuleFor(x => x.Stamp).NotEmpty().MaximumLength(450);
            RuleFor(x => x.Selected).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Tick at least one role. To stop someone signing in, lock the account instead.")
                .Must(selected => selected!.All(r => Auth.Roles.All.Contains(r))).WithMessage("Choose roles from the list.");
        }
    }

    public sealed record UserInput
    {
        public string? UserId { get; init; }

        /// <summary>The user's ConcurrencyStamp when the page was shown.</summary>
        public string? Stamp { get; init; }
    }

    public sealed class UserValidator : AbstractValidator<UserInput>
    {
        public UserValidator()
        {
            RuleFor(x => x.UserId).NotEmpty().MaximumLength(450).Must(v => TextRules.IsClean(v, multiline: false));
            RuleFor(x => x.Stamp).NotEmpty().MaximumLength(450);
        }
    }
}
