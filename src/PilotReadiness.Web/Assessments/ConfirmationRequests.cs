using System.Net;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Assessments;

/// <summary>
/// Asks a named person to confirm a role by email with a single-use link, and finds the request a link belongs to.
/// Shared by the review page and the API. Only a hash of the link's token is stored.
/// </summary>
public sealed class ConfirmationRequests(AppDbContext db, AssessmentAccess access, IEmailSender email, IHttpContextAccessor http, TimeProvider time, ILogger<ConfirmationRequests> logger)
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(14);

    /// <summary>
    /// Records the request and emails the link, on an assessment let through <see cref="AssessmentAccess"/> for
    /// <see cref="AssessmentAction.RequestConfirmation"/>. Returns the domain's field errors (nothing saved or sent), a
    /// stale refusal when someone else saved first, or an error against the email field when only the email failed.
    /// </summary>
    public async Task<(IReadOnlyList<FieldError> Errors, AccessRefusal? Refusal)> RequestAsync(
        Assessment assessment, string? questionKey, string? address, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var errors = assessment.CheckConfirmationRequest(access.Catalog, questionKey, address);
        if (errors.Count > 0)
        {
            return (errors, null);
        }

        var token = Tokens.New();
        var confirmation = assessment.RequestConfirmation(access.Catalog, questionKey!, address!, Tokens.Hash(token), time.GetUtcNow(), ValidFor);
        if (await access.SaveAsync(ct) is { } refusal)
        {
            return ([], refusal);
        }

        try
        {
            await SendAsync(assessment, confirmation, token, requestedBy, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The request is saved; only the email failed. Asking again sends a new link (and replaces this one).
            logger.LogError(e, "Could not send the confirmation request for {QuestionKey} on {AssessmentId}", questionKey, assessment.Id);
            return ([new FieldError("email", "The request is saved, but the email could not be sent. Try \"Ask again\" in a few minutes.")], null);
        }

        return ([], null);
    }

    /// <summary>The assessment and request a link's token belongs to, or null for an unknown token.</summary>
    public async Task<(Assessment Assessment, Confirmation Confirmation)?> FindAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Tokens.Hash(token);
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Confirmations.Any(c => c.TokenHash == hash), ct);
        var confirmation = assessment?.Confirmations.FirstOrDefault(c => c.TokenHash == hash);
        return assessment is null || confirmation is null ? null : (assessment, confirmation);
    }

    /// <summary>Emails the link of a request already saved (<paramref name="token"/> is the secret whose hash it keeps).</summary>
    public async Task SendAsync(Assessment assessment, Confirmation confirmation, string token, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(confirmation);
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Confirmation requests are sent while handling a request.");
        var link = $"{request.Scheme}://{request.Host}{request.PathBase}/confirm/{token}";
        var role = RoleName(confirmation.QuestionKey);
        static string Enc(string value) => WebUtility.HtmlEncode(value);
        var naming = Naming(assessment, role);
        var from = $"The request comes from {requestedBy}, an account that keeps this assessment in PilotReadiness.";
        await email.SendAsync(new EmailMessage(
            confirmation.Email,
            $"Please confirm: {role} for \"{assessment.Title}\"",
            $"Hello {confirmation.PersonName},\n\n{naming}\n{from}\n\n" +
            $"Please confirm or decline, with a comment if you like:\n{link}\n\nThe link works once and expires on {confirmation.ExpiresAt:d MMMM yyyy}. No account is needed.\n",
            $"<p>Hello {Enc(confirmation.PersonName)},</p><p>{Enc(naming)}<br>{Enc(from)}</p><p><a href=\"{Enc(link)}\">Confirm or decline</a>, with a comment if you like.</p>" +
            $"<p>The link works once and expires on {confirmation.ExpiresAt:d MMMM yyyy}. No account is needed.</p>"), ct);
    }

    /// <summary>
    /// Who names the person for what, in one sentence for the email and the confirmation page: the pilot's sponsor (a name
    /// in its details) is not the account that sent the request, so each is called what it is.
    /// </summary>
    public static string Naming(Assessment assessment, string role)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return $"The assessment of the proposed AI pilot \"{assessment.Title}\" ({assessment.BusinessUnit}), whose sponsor is {assessment.Sponsor}, names you as {role}.";
    }

    public static string RoleName(string questionKey) => questionKey switch
    {
        QuestionKeys.ProductionOwner => "owner of the system in production",
        QuestionKeys.QualityReviewer => "reviewer of output quality",
        QuestionKeys.TeamSponsor => "sponsor of adoption in the using team",
        QuestionKeys.SystemOwner => "owner of a live system it connects to",
        _ => questionKey,
    };
}
