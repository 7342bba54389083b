using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Data;

/// <summary>
/// A realistic sample portfolio for a first run: a dozen pilots in several business units, covering every verdict
/// and status. Added only to an empty database, and only when <c>Demo:SeedOnStartup</c> is true.
/// </summary>
public static class DemoData
{
    private sealed record Pilot(
        string Title, string BusinessUnit, string Sponsor, string Description, int DaysAgo, bool Submitted,
        Dictionary<string, string[]?> Changes, bool StartEmpty = false)
    {
        /// <summary>The team that will use the pilot, when it differs from the template's.</summary>
        public string? UsingTeam { get; init; }

        /// <summary>Named people who answered their confirmation request: the role, whether they accepted, their comment.</summary>
        public (string QuestionKey, bool Confirmed, string? Comment)[] Answered { get; init; } = [];
    }

    private static readonly Pilot[] Portfolio =
    [
        new("Invoice matching assistant", "Finance", "Amira Haddad",
            "Matches supplier invoices to purchase orders and flags mismatches for the payables team.", 58, true, [])
        {
            Answered =
            [
                (QuestionKeys.ProductionOwner, true, "Glad to own it from March; the payables leads report to me anyway."),
                (QuestionKeys.QualityReviewer, true, null),
                (QuestionKeys.TeamSponsor, true, null),
                (QuestionKeys.SystemOwner, true, null),
            ],
        },
        new("Knowledge base answer drafts", "Customer Service", "Tomás Ortega",
            "Drafts replies from the knowledge base for agents to check and send.", 41, true, new()
            {
                [QuestionKeys.IntegrationSystems] = ["ticketing", "crm"],
                ["workflow.change-plan"] = ["drafted"],
            }) { UsingTeam = "Customer support agents" },
        new("IT ticket auto-routing", "IT", "Chen Wei",
            "Routes incoming tickets to the right resolver group with a confidence score.", 12, false, new()
            {
                [QuestionKeys.IntegrationSystems] = ["ticketing", "identity"],
                ["integration.state"] = ["designed"],
            }) { UsingTeam = "Service desk" },
        new("Field service scheduling", "Operations", "Priya Natarajan",
            "Suggests the day's visit order for field engineers from open work orders.", 35, true, new()
            {
                [QuestionKeys.ProductionBudget] = ["80000"],
                ["workflow.easier-than-workaround"] = ["about-the-same"],
            }) { UsingTeam = "Field engineers" },
        new("Demand forecasting copilot", "Operations", "Priya Natarajan",
            "Explains the weekly demand forecast and its drivers to planners.", 9, false, new()
            {
                [QuestionKeys.IntegrationSystems] = ["data-platform", "erp"],
                [QuestionKeys.PrototypeCost] = ["120000"],
                [QuestionKeys.ProductionBudget] = ["250000"],
                ["ownership.improvement-budget"] = ["unfunded"],
            }) { UsingTeam = "Supply planners" },
        new("Onboarding document checker", "People & HR", "Lena Fischer",
            "Checks new starters' documents for completeness before day one.", 27, true, new()
            {
                [QuestionKeys.PrototypeCost] = null,
                ["commitment.budget-status"] = ["requested"],
                [QuestionKeys.Adoption] = ["HR operations adopt it for every new starter from January 2027."],
            }) { UsingTeam = "HR operations" },
        new("Customer email triage", "Customer Service", "Tomás Ortega",
            "Sorts inbound customer emails by intent and urgency.", 30, true, new()
            {
                [QuestionKeys.InvolvementLevel] = ["consulted"],
                ["involvement.defined-good-output"] = ["no"],
                [QuestionKeys.IntegrationSystems] = ["crm"],
            }) { UsingTeam = "Customer support agents" },
        new("HR policy assistant", "People & HR", "Lena Fischer",
            "Answers staff questions about leave, benefits and travel policy.", 22, true, new()
            {
                [QuestionKeys.ProductionOwner] = ["Sven Larsen"],
                [QuestionKeys.WhatThenOwner] = ["Sven Larsen"],
                [QuestionKeys.IntegrationSystems] = ["identity", "other"],
                [QuestionKeys.IntegrationBudgeted] = ["no"],
                ["after-demo.review-cadence"] = ["none"],
            })
        {
            UsingTeam = "All staff",
            Answered = [(QuestionKeys.ProductionOwner, false, "I run the HR service desk, not this system; ask the people systems team.")],
        },
        new("Churn early-warning", "Sales", "Grace Okafor",
            "Flags accounts likely to leave so account managers can act early.", 18, true, new()
            {
                ["commitment.purpose"] = ["evaluate"],
                ["commitment.budget-status"] = ["requested"],
                ["integration.state"] = ["extract-only"],
                ["integration.volume-tested"] = ["no"],
                ["workflow.mapped-with-users"] = ["no"],
                ["workflow.edge-cases"] = ["none"],
                ["workflow.easier-than-workaround"] = ["unknown"],
                ["workflow.change-plan"] = ["none"],
                ["ownership.quality-monitoring"] = ["spot-checks"],
                ["ownership.improvement-budget"] = ["none"],
                ["ownership.run-cost"] = null,
                ["after-demo.quality-reviewer"] = null,
                ["involvement.real-inputs"] = ["no"],
                ["involvement.team-sponsor"] = null,
                [QuestionKeys.SuccessCriteria] = ["Churn among the flagged accounts falls by 10% within two quarters."],
                [QuestionKeys.PilotUsers] = ["enthusiasts"],
                [QuestionKeys.PilotEdgeHandling] = ["vendor"],
                [QuestionKeys.ProductionEdgeHandling] = ["undecided"],
                [QuestionKeys.ProductionEffort] = ["15"],
            })
        {
            UsingTeam = "Account managers",
            Answered = [(QuestionKeys.SystemOwner, false, "I am moving to the pricing team in January; ask my successor once named.")],
        },
        new("Sales call notes", "Sales", "Grace Okafor",
            "Summarises recorded sales calls into CRM notes.", 6, false, new()
            {
                ["commitment.purpose"] = ["explore"],
                ["commitment.budget-status"] = ["none"],
                [QuestionKeys.InvolvementLevel] = ["informed"],
                [QuestionKeys.IntegrationSystems] = ["crm"],
                ["integration.state"] = ["extract-only"],
                [QuestionKeys.PrototypeCost] = ["25000"],
            }, StartEmpty: true) { UsingTeam = "Account executives" },
        new("Expense anomaly detection", "Finance", "Amira Haddad",
            "Spots unusual expense claims for the audit team to review.", 3, false, new()
            {
                ["commitment.purpose"] = ["evaluate"],
                [QuestionKeys.WhatThen] = ["If it finds real anomalies, the audit team uses it for the quarterly sample."],
                [QuestionKeys.Adoption] = ["To be decided after the pilot."],
                [QuestionKeys.IntegrationBuilt] = ["tbd"],
                [QuestionKeys.WhatThenOwner] = ["Internal audit team"],
                ["involvement.using-team"] = ["Internal audit"],
                [QuestionKeys.InvolvementLevel] = ["consulted"],
            }, StartEmpty: true),
        new("Supplier risk alerts", "Procurement", "Jonas Berg",
            "Watches news and filings for risks to key suppliers.", 1, false, new()
            {
                ["involvement.using-team"] = ["Category managers"],
            }, StartEmpty: true),
    ];

    /// <summary>The demo accounts; their password is the <c>Demo:Password</c> setting.</summary>
    public static IReadOnlyList<(string Email, string Name, string Role)> Users { get; } =
    [
        ("sponsor@demo.local", "Amira Haddad", Roles.Sponsor),
        ("sponsor2@demo.local", "Tomás Ortega", Roles.Sponsor),
        ("reviewer@demo.local", "Helena Marsh", Roles.Reviewer),
        ("admin@demo.local", "Ada Admin", Roles.Admin),
    ];

    public static async Task<int> SeedAsync(IServiceProvider services, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<AppDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var catalog = services.GetRequiredService<IQuestionnaireCatalog>();
        if (await db.Assessments.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var ids = new List<string>();
        foreach (var (email, name, role) in Users)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Check(await users.CreateAsync(user, password), email);
                Check(await users.AddToRoleAsync(user, role), email);
            }

            ids.Add(user.Id);
        }

        var (sponsor, sponsor2) = (ids[0], ids[1]);

        var questionnaire = catalog.Current.Questionnaire;
        var ready = ExampleAnswers.Ready(questionnaire.Version);
        var now = time.GetUtcNow();
        var index = 0;
        var byTitle = new Dictionary<string, Assessment>(StringComparer.Ordinal);
        foreach (var pilot in Portfolio)
        {
            var created = now.AddDays(-pilot.DaysAgo);
            // Alternate owners; every third pilot is shared with the other sponsor.
            var (owner, other) = index++ % 2 == 0 ? (sponsor, sponsor2) : (sponsor2, sponsor);
            var assessment = new Assessment(new AssessmentDetails(pilot.Title, pilot.BusinessUnit, pilot.Sponsor, pilot.Description), catalog.Current, owner, created);
            if (index % 3 == 0)
            {
                assessment.AddCollaborator(other, created);
            }

            var raw = new Dictionary<string, string[]?>(pilot.StartEmpty ? [] : ready.Select(kv => KeyValuePair.Create(kv.Key, (string[]?)kv.Value)));
            if (pilot.UsingTeam is not null)
            {
                raw["involvement.using-team"] = [pilot.UsingTeam];
            }

            foreach (var (key, value) in pilot.Changes)
            {
                raw[key] = value;
            }

            var answers = raw.ToDictionary(kv => kv.Key, kv => Parse(questionnaire.GetQuestion(kv.Key), kv.Value));
            assessment.SetAnswers(catalog, answers, created.AddHours(1));
            if (pilot.Submitted)
            {
                assessment.Submit(catalog, created.AddDays(2));
            }

            // Each request stands for an email whose link nobody holds: the stored hash is of no token.
            foreach (var (key, confirmed, comment) in pilot.Answered)
            {
                var request = assessment.RequestConfirmation(catalog, key, $"{key.Replace('.', '-')}@demo.local", $"demo-{Guid.CreateVersion7(created):N}",
                    created.AddDays(3), TimeSpan.FromDays(14));
                assessment.RespondToConfirmation(catalog, request.Id, confirmed, comment, created.AddDays(4));
            }

            db.Assessments.Add(assessment);
            byTitle[pilot.Title] = assessment;
        }

        // Decisions and re-assessments interleave as they happened: the re-assessments start after the early decisions.
        foreach (var decision in Decide(byTitle, catalog, ids[2], Users[2].Name, now, () => AddReassessments(db, catalog, byTitle, now)))
        {
            db.Decisions.Add(decision);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Portfolio.Length;
    }

    /// <summary>
    /// Leadership's decisions on some submitted pilots, each made after the pilot was submitted: a go; a conditional go
    /// whose condition is due next month; a conditional go whose condition passed its due date two weeks ago unmet (so it
    /// shows as lapsed); and a no-go superseded by a conditional go with one condition already met. The rest of the
    /// submitted pilots await a decision. <paramref name="reassess"/> runs between the no-go and the conditional go that
    /// superseded it: the conditional go is made on the re-assessment that followed the no-go.
    /// </summary>
    private static IEnumerable<Decision> Decide(
        Dictionary<string, Assessment> pilots, IQuestionnaireCatalog catalog, string reviewerId, string reviewerName, DateTimeOffset now, Action reassess)
    {
        Decision Record(string title, Decision? current, DecisionOutcome outcome, int daysAgo, string rationale, string? killCriteria,
            params (string Description, string Owner, int DueInDays)[] conditions)
        {
            var when = now.AddDays(-daysAgo);
            var today = when.Day();
            return Decision.Record(pilots[title], catalog, current, outcome, rationale, killCriteria,
                [.. conditions.Select(c => new ConditionDraft(c.Description, c.Owner, today.AddDays(c.DueInDays)))],
                reviewerId, reviewerName, when);
        }

        yield return Record("Invoice matching assistant", null, DecisionOutcome.Go, 50,
            "Every gate is clear, the payables team defined good output and tested it on real invoices, and the ERP integration is built and funded.",
            "Stop if the share of invoices matched without a person falls below 60% for two months in a row.");

        yield return Record("Field service scheduling", null, DecisionOutcome.GoWithConditions, 20,
            "Strong case and a named owner, but the production budget is thin for the integration work still to do.",
            "Stop if engineers override more than a third of the suggested routes after the first quarter.",
            ("Production budget raised to cover the work-order integration", "Priya Natarajan", 50));

        yield return Record("Knowledge base answer drafts", null, DecisionOutcome.GoWithConditions, 35,
            "Agents want it and the knowledge base owner is committed; go once the change plan is agreed with the support team leads.",
            null,
            ("Change and training plan agreed with the support team leads", "Tomás Ortega", 21));

        yield return Decision.Record(pilots["Onboarding document checker"], catalog, null, DecisionOutcome.Go,
            "HR operations want it before the January intake and the owner has taken it on; the prototype cost is tracked in the HR budget.",
            null, [], reviewerId, reviewerName, now.AddDays(-20),
            new Dictionary<string, string>
            {
                ["production-under-budgeted"] = "The prototype was built by HR operations in their own time, so it has no cost line; production has its own approved budget.",
            });

        var noGo = Record("Customer email triage", null, DecisionOutcome.NoGo, 25,
            "The agents were only consulted and have not said what a good triage looks like; the score would not survive launch.",
            null);
        yield return noGo;
        reassess();
        var conditional = Record("Customer email triage", noGo, DecisionOutcome.GoWithConditions, 10,
            "The support leads have since defined good output with the agents; go, provided the agents test it on a week of real email.",
            "Stop if misrouted urgent emails rise above today's manual rate.",
            ("Agents define what a correct triage is, with examples", "Tomás Ortega", 5),
            ("Tested by agents on a full week of real inbound email", "Grace Okafor", 40));
        conditional.MarkConditionMet(conditional.Conditions[0].Id, pilots["Customer email triage"], reviewerName, now.AddDays(-6));
        yield return conditional;
    }

    // ---- Re-assessments: later versions of some demo pilots, so the trend and the comparison have something to show ----

    /// <summary>A re-assessment of a demo pilot: when it started, when (if) it was submitted, and what changed.</summary>
    private sealed record Reassessment(string Title, int DaysAgo, int? SubmittedDaysAgo, Dictionary<string, string[]?> Changes);

    private static readonly Reassessment[] Reassessments =
    [
        // The users were consulted, not involved: version 2 involves them and has them define good output.
        new("Customer email triage", 12, 10, new()
        {
            [QuestionKeys.InvolvementLevel] = ["involved"],
            ["involvement.defined-good-output"] = ["yes"],
            ["workflow.change-plan"] = ["drafted"],
        }),
        // The named owner declined and the integration is not budgeted: version 2 names an owner who accepts it,
        // version 3 budgets the integration.
        new("HR policy assistant", 15, 14, new()
        {
            [QuestionKeys.ProductionOwner] = ["Maria Costa"],
            [QuestionKeys.WhatThenOwner] = ["Maria Costa"],
            ["after-demo.review-cadence"] = ["quarterly"],
        }),
        new("HR policy assistant", 5, 4, new()
        {
            [QuestionKeys.IntegrationBudgeted] = ["yes"],
            ["after-demo.review-cadence"] = ["monthly"],
            ["ownership.improvement-budget"] = ["unfunded"],
        }),
    ];

    /// <summary>Re-assesses the demo pilots named in <see cref="Reassessments"/>, in order, from their latest version (kept in <paramref name="latest"/>).</summary>
    private static void AddReassessments(AppDbContext db, IQuestionnaireCatalog catalog, Dictionary<string, Assessment> latest, DateTimeOffset now)
    {
        var questionnaire = catalog.Current.Questionnaire;
        foreach (var reassessment in Reassessments)
        {
            var next = latest[reassessment.Title].Reassess(catalog, now.AddDays(-reassessment.DaysAgo));
            var answers = reassessment.Changes.ToDictionary(kv => kv.Key, kv => Parse(questionnaire.GetQuestion(kv.Key), kv.Value));
            next.SetAnswers(catalog, answers, now.AddDays(-reassessment.DaysAgo).AddHours(2));
            if (reassessment.SubmittedDaysAgo is { } submitted)
            {
                next.Submit(catalog, now.AddDays(-submitted));
            }

            db.Assessments.Add(next);
            latest[reassessment.Title] = next;
        }
    }

    // ---- End of re-assessments ----

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create the demo user {email}: {string.Join(" ", result.Errors.Select(e => e.Description))} (check Demo:Password).");
        }
    }

    private static Answer? Parse(Question question, string[]? values)
    {
        var parsed = question.Parse(values ?? []);
        return parsed.IsValid ? parsed.Answer : throw new InvalidOperationException($"Demo answer for {question.Key}: {parsed.Error}");
    }
}
