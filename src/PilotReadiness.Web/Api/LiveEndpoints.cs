using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Api;

public sealed record PeriodDto(int Period, DateOnly Start, DateOnly Due);

public sealed record AlarmDto(string Rule, string Title, string Severity, string Evidence, string Action, DateOnly Since);

public sealed record PeriodFiguresDto(
    int Period, DateOnly Start, DateOnly Due, int? ActiveUsers, string UsersSource, int? CasesHandled, int? CasesEscalated,
    int? CasesOverridden, int? Errors, string CasesSource, int? QualityReviewed, int? QualityMet);

public sealed record CheckInDto(
    Guid Id, int Period, DateOnly DueDate, DateTimeOffset FiledAt, string FiledBy, string Channel, bool Current, Guid? SupersedesId,
    DateTimeOffset? SupersededAt, CheckInInput Answers);

public sealed record OutcomeDto(Guid Id, string Kind, string Label, DateOnly Date, string? Note, string RecordedBy, DateTimeOffset RecordedAt, bool Current);

/// <summary>A pilot after launch as the API shows it; <see cref="Live"/> false means it has not gone live (the rest is empty).</summary>
public sealed record LivePilotDto(
    Guid PilotId, Guid AssessmentId, string Title, bool Live, PlanInput? Plan, int? PlanRevision, string? Health, bool Ended,
    PeriodDto? NextCheckIn, int DaysOverdue, bool SuggestStalled, string ModelVersion, IReadOnlyList<AlarmDto> Alarms,
    IReadOnlyList<PeriodFiguresDto> Periods, IReadOnlyList<CheckInDto> CheckIns, OutcomeDto? Outcome);

public sealed record CheckInLinkDto(string SentTo, DateOnly DueDate, DateTimeOffset ExpiresAt, bool Emailed);

/// <summary>A new ingestion key: <see cref="Key"/> is shown this once and never again.</summary>
public sealed record IssuedKeyDto(Guid Id, string Key, string Prefix, DateTimeOffset IssuedAt);

public sealed record SignalsResultDto(int Received, int Added, int Replaced, int Unchanged);

/// <summary>Marks the endpoint that takes an ingestion key instead of a user; read by the OpenAPI document.</summary>
public sealed record IngestionKeyMetadata;

/// <summary>
/// <c>/api/live/{pilotId}</c>: a pilot after launch. Readers of the assessment read it; changes go through
/// <see cref="LiveAccess"/> (the plan needs If-Match with the plan revision); the production system posts daily figures
/// with an ingestion key.
/// </summary>
public static class LiveEndpoints
{
    public const string KeyHeader = "X-Ingestion-Key";

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live/{pilotId:guid}").WithTags("After launch");
        var people = group.MapGroup("").RequireRateLimiting(SecuritySetup.ApiLimit);

        people.MapGet("/", Get).WithName("GetLivePilot")
            .WithSummary("The pilot after launch: plan, health, alarms with evidence and actions, the series by period, check-ins and outcome. The ETag is the plan revision.");
        people.MapPost("/go-live", GoLive).Accepts<PlanInput>("application/json").WithName("GoLive")
            .WithSummary("Record go-live with the monitoring plan, on a pilot whose current decision is go or go with conditions. The pilot's sponsors and reviewers.")
            .ProducesLiveRefusals();
        people.MapPut("/plan", ChangePlan).Accepts<PlanInput>("application/json").WithName("ChangePlan")
            .WithSummary("Change the monitoring plan (audited). Needs If-Match with the plan revision's ETag (428 without, 412 when stale).")
            .ProducesLiveRefusals().ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .RequiresIfMatch("The plan revision's ETag from GET /api/live/{pilotId}. Without it the change is refused (428); a stale one gets 412.");
        people.MapPost("/check-ins", FileCheckIn).Accepts<CheckInInput>("application/json").WithName("FileCheckIn")
            .WithSummary("File the open period's check-in (from seven days before it is due). The pilot's sponsors; the production owner uses the emailed link.")
            .ProducesLiveRefusals();
        people.MapPost("/check-ins/{checkInId:guid}/correction", CorrectCheckIn).Accepts<CheckInInput>("application/json").WithName("CorrectCheckIn")
            .WithSummary("File a correction: a new check-in for the same period that supersedes this one; both are kept.")
            .ProducesLiveRefusals();
        people.MapPost("/check-in-link", SendLink).WithName("SendCheckInLink")
            .WithSummary("Email the production owner a single-use link (21 days, no account) for the next check-in; an earlier link stops working.")
            .ProducesLiveRefusals();
        people.MapPost("/keys", IssueKey).WithName("IssueIngestionKey")
            .WithSummary("Issue the pilot's ingestion key, shown once in the answer; any key issued before is revoked (rotation). The assessment's owner or an admin.")
            .ProducesLiveRefusals();
        people.MapDelete("/keys/{keyId:guid}", RevokeKey).WithName("RevokeIngestionKey")
            .WithSummary("Revoke an ingestion key: the production system can no longer post with it.")
            .ProducesLiveRefusals();
        group.MapPost("/signals", PostSignals).Accepts<SignalBatchInput>("application/json").AllowAnonymous()
            .RequireRateLimiting(SecuritySetup.SignalsLimit)
            .WithMetadata(new IngestionKeyMetadata())
            .WithName("PostSignals")
            .WithSummary($"The production system's daily figures, with the pilot's ingestion key in {KeyHeader}. All or nothing; a day sent again replaces it.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>Declares the required If-Match header in the OpenAPI document (the handler checks it through the live door).</summary>
    internal static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder endpoint, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });

    private static RouteHandlerBuilder ProducesLiveRefusals(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static async Task<Results<Ok<LivePilotDto>, NotFound>> Get(Guid pilotId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await access.FindAsync(http.User, pilotId, ct) is not { } target)
        {
            return TypedResults.NotFound();
        }

        if (target.Live is { } live)
        {
            http.Response.Headers.ETag = AssessmentChanges.ETagFor(live.PlanRevision);
        }

        return TypedResults.Ok(await ToDtoAsync(target, access, db, time, ct));
    }

    private static async Task<Results<Created<LivePilotDto>, ValidationProblem, ProblemHttpResult>> GoLive(
        Guid pilotId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, ConfirmationRequests confirmations, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<PlanInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        var by = await UserNames.DisplayNameAsync(db, http.User, ct);
        var result = await access.ChangeAsync(http.User, pilotId, LiveAction.GoLive, Precondition.None, target =>
        {
            var draft = input!.ToDraft();
            var now = time.GetUtcNow();
            var errors = MonitoringPlan.Check(draft, now.Day());
            if (errors.Count == 0)
            {
                db.LivePilots.Add(LivePilot.GoLive(target.Current, null, draft, by, now));
            }

            return Task.FromResult(errors);
        }, ct);
        if (NotSaved<Created<LivePilotDto>>(result) is { } failed)
        {
            return failed;
        }

        var shown = await access.FindAsync(http.User, pilotId, ct);
        http.Response.Headers.ETag = AssessmentChanges.ETagFor(shown!.Live!.PlanRevision);
        return TypedResults.Created($"/api/live/{pilotId}", await ToDtoAsync(shown, access, db, time, ct));
    }

    private static async Task<Results<Ok<LivePilotDto>, ValidationProblem, ProblemHttpResult>> ChangePlan(
        Guid pilotId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<PlanInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        var by = await UserNames.DisplayNameAsync(db, http.User, ct);
        var result = await access.ChangeAsync(http.User, pilotId, LiveAction.ChangePlan, Precondition.FromIfMatch(http.Request.Headers.IfMatch, required: true), target =>
        {
            var draft = input!.ToDraft();
            var now = time.GetUtcNow();
            var errors = target.Live!.CheckPlan(draft, now.Day());
            if (errors.Count == 0)
            {
                target.Live.ChangePlan(draft, by, now);
            }

            return Task.FromResult(errors);
        }, ct);
        if (NotSaved<Ok<LivePilotDto>>(result) is { } failed)
        {
            return failed;
        }

        var shown = await access.FindAsync(http.User, pilotId, ct);
        http.Response.Headers.ETag = AssessmentChanges.ETagFor(shown!.Live!.PlanRevision);
        return TypedResults.Ok(await ToDtoAsync(shown, access, db, time, ct));
    }

    private static Task<Results<Created<CheckInDto>, ValidationProblem, ProblemHttpResult>> FileCheckIn(
        Guid pilotId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        CheckInAsync(pilotId, null, http, access, db, time, ct);

    private static Task<Results<Created<CheckInDto>, ValidationProblem, ProblemHttpResult>> CorrectCheckIn(
        Guid pilotId, Guid checkInId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        CheckInAsync(pilotId, checkInId, http, access, db, time, ct);

    private static async Task<Results<Created<CheckInDto>, ValidationProblem, ProblemHttpResult>> CheckInAsync(
        Guid pilotId, Guid? correct, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<CheckInInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem.AsProblem();
        }

        var by = await UserNames.DisplayNameAsync(db, http.User, ct);
        CheckIn? filed = null;
        var result = await access.ChangeAsync(http.User, pilotId, correct is null ? LiveAction.FileCheckIn : LiveAction.CorrectCheckIn, Precondition.None, async target =>
        {
            var form = input!.ToForm();
            var errors = CheckIn.Check(form);
            if (errors.Count > 0)
            {
                return errors;
            }

            var now = time.GetUtcNow();
            if (correct is { } id)
            {
                if (target.Live!.CheckIns.All(c => c.Id != id))
                {
                    return [new FieldError("checkInId", "This pilot has no such check-in.")];
                }

                if (target.Live.WhyNotCorrect(id, now.Day()) is { } why)
                {
                    return [new FieldError("checkInId", why.Message)];
                }

                filed = target.Live.CorrectCheckIn(id, form, by, CheckInChannel.SignedIn, now);
            }
            else
            {
                filed = target.Live!.FileCheckIn(form, by, CheckInChannel.SignedIn, now);
                await CheckInDrafts.ClearAsync(db, pilotId, ct);
            }

            return [];
        }, ct);
        return NotSaved<Created<CheckInDto>>(result) ?? TypedResults.Created($"/api/live/{pilotId}", filed!.ToDto());
    }

    private static async Task<Results<Accepted<CheckInLinkDto>, ProblemHttpResult>> SendLink(
        Guid pilotId, HttpContext http, CheckInLinks links, CancellationToken ct)
    {
        var (change, emailed) = await links.SendAsync(http.User, pilotId, ct);
        if (change.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var link = change.Target!.Live!.Links.OrderByDescending(l => l.SentAt).First();
        return TypedResults.Accepted($"/api/live/{pilotId}", new CheckInLinkDto(link.Email, link.DueDate, link.ExpiresAt, emailed));
    }

    private static async Task<Results<Created<IssuedKeyDto>, ValidationProblem, ProblemHttpResult>> IssueKey(
        Guid pilotId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var by = await UserNames.DisplayNameAsync(db, http.User, ct);
        var (secret, key) = (IngestionKeys.New(), (IngestionKey?)null);
        var result = await access.ChangeAsync(http.User, pilotId, LiveAction.ManageKeys, Precondition.None, target =>
        {
            key = target.Live!.IssueKey(Tokens.Hash(secret), IngestionKeys.Prefix(secret), by, time.GetUtcNow());
            return Task.FromResult<IReadOnlyList<FieldError>>([]);
        }, ct);
        return NotSaved<Created<IssuedKeyDto>>(result) ?? TypedResults.Created($"/api/live/{pilotId}", new IssuedKeyDto(key!.Id, secret, key.Prefix, key.IssuedAt));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RevokeKey(
        Guid pilotId, Guid keyId, HttpContext http, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var by = await UserNames.DisplayNameAsync(db, http.User, ct);
        var missing = false;
        var result = await access.ChangeAsync(http.User, pilotId, LiveAction.ManageKeys, Precondition.None, target =>
        {
            var now = time.GetUtcNow();
            if (target.Live!.Keys.All(k => k.Id != keyId))
            {
                missing = true;
                return Task.FromResult<IReadOnlyList<FieldError>>([new FieldError("keyId", "This pilot has no such key.")]);
            }

            if (target.Live.WhyNotRevoke(keyId, now.Day()) is { } why)
            {
                return Task.FromResult<IReadOnlyList<FieldError>>([new FieldError("keyId", why.Message)]);
            }

            target.Live.RevokeKey(keyId, by, now);
            return Task.FromResult<IReadOnlyList<FieldError>>([]);
        }, ct);
        if (missing && result.Refusal is null)
        {
            return TypedResults.NotFound();
        }

        return result.Refusal is { } refusal ? refusal.ToProblem()
            : result.Errors.Count > 0 ? result.Errors.ToValidationProblem("Nothing was saved")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SignalsResultDto>, ValidationProblem, ProblemHttpResult>> PostSignals(
        Guid pilotId, HttpContext http, LiveAccess access, CancellationToken ct)
    {
        var key = http.Request.Headers[KeyHeader].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Send the ingestion key", $"Send the pilot's ingestion key in the {KeyHeader} header.");
        }

        var (input, problem) = await JsonBody.ReadAsync<SignalBatchInput>(http.Request, ct);
        var result = await access.IngestAsync(key, pilotId, problem is null ? input!.ToDrafts() : null, ct);
        // A body that could not be read is reported only to a caller whose key holds.
        if (problem is not null && result.Refusal is IngestRefusal.Invalid)
        {
            return problem.AsProblem();
        }

        return result.Refusal switch
        {
            null => TypedResults.Ok(new SignalsResultDto(result.Added + result.Replaced + result.Unchanged, result.Added, result.Replaced, result.Unchanged)),
            IngestRefusal.Unauthorized => Problem(StatusCodes.Status401Unauthorized, "The ingestion key does not hold", result.Message),
            IngestRefusal.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not this pilot's key", result.Message),
            IngestRefusal.WrongState => Problem(StatusCodes.Status409Conflict, "Not possible in this state", result.Message),
            _ => result.Errors.ToValidationProblem("Nothing of the batch was saved"),
        };
    }

    private static ProblemHttpResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>A refusal as ProblemDetails, field errors as a 400 naming the fields, or null when the change was saved.</summary>
    private static Results<T, ValidationProblem, ProblemHttpResult>? NotSaved<T>(LiveChange result) where T : IResult
    {
        if (result.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (result.Errors.Count > 0)
        {
            return result.Errors.ToValidationProblem("Nothing was saved");
        }

        return null;
    }

    private static async Task<LivePilotDto> ToDtoAsync(LiveTarget target, LiveAccess access, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var outcome = await db.PilotOutcomes.AsNoTracking().FirstOrDefaultAsync(o => o.PilotId == target.Current.PilotId && o.SupersededAt == null, ct);
        if (target.Live is not { } live)
        {
            return new LivePilotDto(target.Current.PilotId, target.Current.Id, target.Current.Title, false, null, null, null, false, null, 0, false,
                MonitoringModel.Current.Version, [], [], [], outcome?.ToDto());
        }

        var result = live.Evaluate(await access.SignalsAsync(live.PilotId, ct), time.Today());
        return new LivePilotDto(
            live.PilotId, target.Current.Id, target.Current.Title, true, PlanInput.From(live.Plan.ToDraft()), live.PlanRevision,
            live.Ended ? null : result.Health.ToKey(), live.Ended,
            new PeriodDto(result.NextCheckIn.Number, result.NextCheckIn.Start, result.NextCheckIn.Due), result.DaysOverdue, result.SuggestStalled,
            result.ModelVersion,
            [.. result.Alarms.Select(a => new AlarmDto(a.Rule, a.Title, a.Severity.ToString().ToLowerInvariant(), a.Evidence, a.Action, a.Since))],
            [.. result.Periods.Select(p => new PeriodFiguresDto(p.Period.Number, p.Period.Start, p.Period.Due, p.ActiveUsers, Source(p.UsersSource),
                p.CasesHandled, p.CasesEscalated, p.CasesOverridden, p.Errors, Source(p.CasesSource), p.QualityReviewed, p.QualityMet))],
            [.. live.CheckIns.OrderBy(c => c.Period).ThenBy(c => c.FiledAt).Select(c => c.ToDto())],
            outcome?.ToDto());
    }

    private static string Source(FigureSource source) => source switch
    {
        FigureSource.CheckIn => "check-in",
        FigureSource.Signals => "signals",
        _ => "none",
    };

    public static CheckInDto ToDto(this CheckIn c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CheckInDto(c.Id, c.Period + 1, c.DueDate, c.FiledAt, c.FiledBy, c.Channel == CheckInChannel.Link ? "link" : "signed-in",
            c.IsCurrent, c.SupersedesId, c.SupersededAt, CheckInInput.From(c.ToForm()));
    }

    public static OutcomeDto ToDto(this PilotOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OutcomeDto(o.Id, o.Kind.ToKey(), o.Kind.ToLabel(), o.Date, o.Note, o.RecordedByName, o.RecordedAt, o.IsCurrent);
    }
}
