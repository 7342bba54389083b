using PilotReadiness.Web.Questionnaires;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PilotReadiness.Web.Api;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Hosting;
using PilotReadiness.Web.EvidenceFiles;
using PilotReadiness.Web.Security;
using Microsoft.AspNetCore.RateLimiting;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Pages;
using PilotReadiness.Web.Scheduling;
using PilotReadiness.Web.Tools;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;

// `seed --assessments N`: fills the configured database with a synthetic portfolio and exits (see Tools/SeedCommand.cs).
SeedOptions? seed = null;
if (SeedCommand.IsSeed(args))
{
    seed = SeedCommand.Parse(args[1..], Console.Out, Console.Error, out var exitCode);
    if (seed is null)
    {
        Environment.ExitCode = exitCode;
        return;
    }
}

var builder = WebApplication.CreateBuilder(seed is null ? args : []);

builder.Services.AddSerilog((services, logging) =>
{
    logging.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
    if (builder.Environment.IsDevelopment())
    {
        logging.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {SourceContext}{NewLine}{Exception}");
    }
    else
    {
        logging.WriteTo.Console(new RenderedCompactJsonFormatter());
    }
});

builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
// Razor Pages validate the antiforgery token on every POST by default; UnknownHandlerFilter turns a request for a
// handler a page does not have into 404/405 instead of rendering the page without running any handler.
builder.Services.AddRazorPages(options =>
{
    options.Conventions.ConfigureFilter(new UnknownHandlerFilter());
    options.Conventions.AllowAnonymousToPage("/Error");
    options.Conventions.AllowAnonymousToPage("/Status");
    options.Conventions.AddPageApplicationModelConvention("/Account/Login",
        page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SecuritySetup.SignInLimit)));
    options.Conventions.AddPageApplicationModelConvention("/Account/LoginTwoFactor",
        page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SecuritySetup.SignInLimit)));
    options.Conventions.AddPageApplicationModelConvention("/Account/ForgotPassword",
        page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SecuritySetup.PasswordResetLimit)));
    options.Conventions.AllowAnonymousToPage("/Confirm");
    options.Conventions.AllowAnonymousToPage("/CheckInLink");
    options.Conventions.AllowAnonymousToPage("/Account/Login");
    options.Conventions.AllowAnonymousToPage("/Account/LoginTwoFactor");
    options.Conventions.AllowAnonymousToPage("/Account/Logout");
    options.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
    options.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
    options.Conventions.AllowAnonymousToPage("/Account/AcceptInvitation");
    options.Conventions.AuthorizePage("/Assessments/New", Policies.Sponsor);
    options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
    options.Conventions.AuthorizeFolder("/Portfolio", Policies.Portfolio);
});
builder.Services.AddAppAuth();
builder.Services.AddSingleSignOn(builder.Configuration);
builder.Services.AddAppSecurity(builder.Configuration, builder.Environment);
builder.Services.AddEmail(builder.Configuration);
builder.Services.AddReminders(builder.Configuration);
builder.Services.AddQuestionnaires();
builder.Services.AddScoped<PilotReadiness.Web.Assessments.AssessmentAccess>();
builder.Services.AddScoped<PilotReadiness.Web.Assessments.ConfirmationRequests>();
builder.Services.AddScoped<PilotReadiness.Web.Live.LiveAccess>();
builder.Services.AddScoped<PilotReadiness.Web.Live.CheckInLinks>();
builder.Services.AddEvidence(builder.Configuration);
builder.Services.AddSingleton<PilotReadiness.Web.Portfolio.PortfolioCache>();
builder.Services.AddScoped<PilotReadiness.Web.Portfolio.PortfolioQueries>();
builder.Services.AddScoped<PilotReadiness.Web.Exports.PilotRecords>();
builder.Services.AddProblemDetails();
// A database that cannot be reached answers 503 with Retry-After (pages and API); every other exception stays a 500.
builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
builder.Services.AddAppOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

var app = builder.Build();

if (seed is not null)
{
    Environment.ExitCode = await SeedCommand.RunAsync(app.Services, seed, Console.Out, interactive: !Console.IsOutputRedirected);
    return;
}

await app.PrepareDatabaseAsync();
app.LogReminderSettings();

app.UseForwardedClientAddress();
// Outside the error handlers, so each request is logged once with the status it was answered with (503, not 500).
app.UseSerilogRequestLogging();
// A request the client abandoned is recorded as 499 at Information, not as a 500 (Hosting/ClientGone.cs).
app.UseClientGone();

// The API answers errors with ProblemDetails; pages get friendly error and status pages.
app.UseWhen(context => context.Request.IsApi(), api => api.UseExceptionHandler().UseStatusCodePages());
app.UseWhen(context => !context.Request.IsApi(), pages =>
{
    if (!app.Environment.IsDevelopment())
    {
        pages.UseExceptionHandler("/Error");
    }

    pages.UseStatusCodePagesWithReExecute("/Status/{0}");
});
app.UseSecurityHeaders();
app.UsePlainQueryText();
app.UseStaticFiles();
app.UseQuestionnaireCatalog();
app.UseRouting();
app.UseRoutingRefusalsForEveryone();
app.UseAuthentication();
app.UseCurrentSessionsOnly();
app.UseTwoFactorRequirement();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
// The API reference without the viewer's own extras (its hosted deploy and SDK offers, the AI chat, MCP, telemetry).
app.MapScalarApiReference("/api/docs", options => options.WithTitle("PilotReadiness API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .HideDeveloperTools().DisableAgent().DisableMcp().DisableTelemetry())
    .AllowAnonymous();
app.MapAuthEndpoints(app.Configuration);
app.MapSingleSignOn();
app.MapQuestionnaireEndpoints();
app.MapReportEndpoints();
app.MapExportEndpoints();
app.MapAssessmentEndpoints();
app.MapPortfolioEndpoints();
app.MapDecisionEndpoints();
app.MapWaiverEndpoints();
app.MapVersionEndpoints();
app.MapLiveEndpoints();
app.MapOutcomeEndpoints();
app.MapCalibrationEndpoints();
app.MapEvidenceEndpoints();
app.MapRazorPages();

await app.RunAsync();

/// <summary>The web application's entry point; public so tests can host it.</summary>
public partial class Program;
