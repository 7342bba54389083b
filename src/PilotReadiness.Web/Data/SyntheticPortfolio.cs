using System.Globalization;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Data;

/// <summary>The accounts a synthetic portfolio belongs to: sponsors own pilots, reviewers record decisions.</summary>
public sealed record SyntheticAccounts(IReadOnlyList<string> SponsorIds, IReadOnlyList<(string Id, string Name)> Reviewers);

/// <summary>
/// One synthetic pilot: its versions (oldest first), its decisions (oldest first) and what happened after the decision
/// (<see cref="Life"/>), all made through the domain.
/// </summary>
public sealed record SyntheticPilot(IReadOnlyList<Assessment> Versions, IReadOnlyList<Decision> Decisions)
{
    public SyntheticLife Life { get; init; } = SyntheticLife.None;
}

/// <summary>
/// Makes a large, varied, believable portfolio for measuring the app at scale. Every pilot has a latent maturity
/// that pulls all its answers the same way, so scores and verdicts spread like a real portfolio's rather than
/// averaging out. Everything happens through the domain (constructor, answers, submit, re-assess, decisions) at
/// past times, so the stored scores, versions and audit trail are what the app itself would have written.
/// Pilot <c>i</c> of seed <c>s</c> is always the same pilot (ids and the exact times aside, which follow the clock).
/// </summary>
public sealed class SyntheticPortfolio
{
    /// <summary>How far back the portfolio reaches.</summary>
    public const int HistoryDays = 548;

    // Business units with a realistic skew: a few units run most pilots.
    private static readonly (string Name, int Weight)[] BusinessUnits =
    [
        ("Finance", 16), ("Operations", 14), ("Customer Service", 13), ("IT", 11), ("Sales", 9), ("Marketing", 7),
        ("People & HR", 7), ("Procurement", 6), ("Supply Chain", 6), ("Legal", 4), ("Risk & Compliance", 4), ("R&D", 3),
    ];

    private static readonly string[] FirstNames =
    [
        "Amira", "Tomás", "Chen", "Priya", "Lena", "Grace", "Jonas", "Helena", "Marek", "Sofia", "Daniel", "Ingrid",
        "Zoë", "José", "Aleksandra", "Björn", "Chiara", "Dmitri", "Emeka", "Fatima", "Guðrún", "Hiroshi", "Inès",
        "Jürgen", "Kemal", "Léa", "Mateus", "Nadia", "Oluwaseun", "Paweł", "Renée", "Søren", "Thandiwe", "Umar",
        "Valentina", "Wiktoria", "Xavier", "Yusuf", "Željko", "Ana",
    ];

    private static readonly string[] LastNames =
    [
        "Haddad", "Ortega", "Wei", "Natarajan", "Fischer", "Okafor", "Berg", "Marsh", "Nowak", "Lindqvist", "Abara",
        "Olsen", "Łukasiewicz", "Ñúñez", "Müller", "O'Connor", "Dubois", "Kowalczyk", "Rossi", "Yılmaz", "Sørensen",
        "García", "Nakamura", "Mensah", "Petrović", "van der Berg", "Costa", "Ahmed", "Novák", "Kaur", "Schäfer",
        "Andersson", "Ibáñez", "Papadopoulos", "Nguyễn", "Kim",
    ];

    private static readonly string[] Subjects =
    [
        "Invoice", "Contract", "Supplier", "Customer email", "Claims", "Ticket", "Expense", "Onboarding", "Forecast",
        "Policy", "Knowledge base", "Purchase order", "Quality report", "Shift plan", "Call note", "Complaint",
        "Credit application", "Maintenance log", "Tender", "Product description", "Lead", "Payroll query",
        "Incident", "Return request", "Audit sample", "Compliance check", "Order", "Warranty claim",
    ];

    private static readonly string[] Tasks =
    [
        "matching", "triage", "summaries", "classification", "drafting", "anomaly detection", "routing", "review",
        "extraction", "translation", "search", "risk scoring", "deduplication", "scheduling", "answer drafts",
    ];

    private static readonly string[] Kinds = ["assistant", "copilot", "pilot", "automation", "checker", "service", ""];

    private static readonly string[] Qualifiers = ["", "", "", " (EMEA)", " (North America)", " for APAC", " – phase 2", " in the contact centre", " for small accounts"];

    private static readonly string[] Teams =
    [
        "Accounts payable", "Customer support agents", "Service desk", "Field engineers", "Supply planners",
        "HR operations", "Account managers", "Internal audit", "Category managers", "Claims handlers", "Legal counsel",
        "Credit analysts", "Warehouse supervisors", "Marketing operations", "Payroll team",
    ];

    private static readonly string[] WhatThen =
    [
        "The {team} adopt it for all cases from the next quarter; the integration is built first and the operations lead owns it.",
        "If it meets the accuracy target, it replaces the manual step for the {team} and the platform team runs it.",
        "We would take it to the steering group with a budget request for the rollout.",
        "Roll out to one region first, then the rest after a review with the {team}.",
        "Not decided yet; we want to see the results first.",
        "The {team} use it daily, and the team lead answers for adoption.",
    ];

    private static readonly string[] Adoptions =
    [
        "The {team} adopt it for all their cases from the start of next quarter.",
        "The {team} take it on region by region, starting in the spring.",
        "One {team} group first, the rest three months later.",
        "To be decided after the pilot.",
    ];

    private static readonly string[] IntegrationsBuilt =
    [
        "A connector to the live system, built by the platform team before rollout.",
        "The vendor builds the integration with our service desk tool in the first quarter.",
        "None is needed: it runs on the shared document store the team already uses.",
        "tbd",
    ];

    private static readonly string[] SuccessCriteria =
    [
        "At least 80% of cases handled without rework over four weeks, checked on a sample of 200.",
        "Handling time down by a third, with no more than 2% errors in the weekly sample.",
        "9 in 10 answers rated usable by the {team} in the monthly review of 50 cases.",
        "We'll know it when we see it.",
    ];

    /// <summary>What a sponsor writes for a named role before anyone is found: not a person.</summary>
    private static readonly string[] Placeholders = ["TBD", "IT Service Desk (to be confirmed)", "Head of Operations", "The vendor"];

    private static readonly string[] GateReasons =
    [
        "The sponsor has committed to closing this before launch; leadership will check at the first review.",
        "Accepted for a limited rollout to one team while this is fixed.",
        "The risk is known and owned by the executive sponsor.",
    ];

    private static readonly string[] Escalations =
    [
        "Users flag a bad result in the tool; the owner triages within one working day and the platform team fixes it.",
        "Issues go to the service desk queue for the application, with a two-day response target.",
        "People tell their team lead, who raises it with the project team.",
        "A shared channel, watched by the owner during working hours.",
    ];

    private static readonly string[] Failures =
    [
        "Falls back to the manual queue; the owner is paged and fixes within a day.",
        "Work continues by hand from the checklist; the vendor fixes under the support contract.",
        "The team keeps the old process running in parallel until it is fixed.",
        "Not worked out yet.",
    ];

    private static readonly string[] Rationales =
    [
        "The case is clear and the using team is ready.",
        "Strong business case; the open points are manageable with the conditions below.",
        "Integration and ownership are not in place; revisit when they are.",
        "The benefits do not justify the production cost at this stage.",
        "Worth taking forward once the production owner has confirmed and the budget is approved.",
        "The using team wants it and the numbers hold up.",
    ];

    private static readonly string[] ConditionTexts =
    [
        "Production owner confirms the role in writing",
        "Integration budget approved by finance",
        "Accuracy on a month of real inputs at or above the agreed target",
        "Training plan agreed with the using team",
        "Security review of the data flows completed",
        "Run-cost estimate checked against the first month's bill",
    ];

    private static readonly string[] Sponsors = MakeSponsors();

    private readonly int _seed;
    private readonly DateTimeOffset _now;
    private readonly string[] _sponsorIds;
    private readonly (string Id, string Name)[] _reviewers;
    private readonly IQuestionnaireCatalog _catalog;
    private readonly Questionnaire _questionnaire;

    /// <param name="catalog">The published versions; the portfolio is answered against the current one.</param>
    public SyntheticPortfolio(int seed, DateTimeOffset now, SyntheticAccounts accounts, IQuestionnaireCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _questionnaire = catalog.Current.Questionnaire;
        if (accounts.SponsorIds.Count == 0 || accounts.Reviewers.Count == 0)
        {
            throw new ArgumentException("A synthetic portfolio needs at least one sponsor and one reviewer.", nameof(accounts));
        }

        _seed = seed;
        _now = now.ToUniversalTime();
        _sponsorIds = [.. accounts.SponsorIds];
        _reviewers = [.. accounts.Reviewers];
    }

    /// <summary>The sponsor names pilots are given (a few hundred, many with accents and other scripts' letters).</summary>
    public static IReadOnlyList<string> SponsorNames => Sponsors;

    /// <summary>
    /// Pilot number <paramref name="index"/> of this portfolio: the same for the same seed and index. With
    /// <paramref name="singleVersion"/> it is not re-assessed (to stop at an exact number of assessments).
    /// </summary>
    public SyntheticPilot Pilot(int index, bool singleVersion = false)
    {
        var random = new Random(unchecked((_seed * 1_000_003) ^ (index * 7_919) ^ 0x5F3759DF));
        return new PilotBuilder(this, random, singleVersion).Build();
    }

    private static string[] MakeSponsors()
    {
        // A fixed sequence (its own seed), so the names are the same whatever --seed says.
        var random = new Random(20_261_127);
        var names = new SortedSet<string>(StringComparer.Ordinal) { "Zoë Łukasiewicz", "José Ñúñez" };
        while (names.Count < 300)
        {
            names.Add($"{Pick(random, FirstNames)} {Pick(random, LastNames)}");
        }

        return [.. names];
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>One pilot's story, told in time order with a moving clock.</summary>
    private sealed class PilotBuilder(SyntheticPortfolio portfolio, Random random, bool singleVersion)
    {
        private readonly Questionnaire _questionnaire = portfolio._questionnaire;
        private readonly IQuestionnaireCatalog _catalog = portfolio._catalog;
        private readonly DateTimeOffset _now = portfolio._now;
        private readonly List<Assessment> _versions = [];
        private readonly List<Decision> _decisions = [];
        private string _team = "";

        public SyntheticPilot Build()
        {
            var unit = WeightedUnit();
            _team = Pick(random, Teams);
            var title = Title();
            var sponsor = Pick(random, Sponsors);
            var description = $"{title} for the {_team.ToLowerInvariant()} in {unit}.";
            var owner = Pick(random, portfolio._sponsorIds);

            // Maturity: most pilots are middling, some are well prepared, some are ideas with a budget.
            var kind = random.NextDouble();
            var maturity = kind < 0.3 ? 0.72 + random.NextDouble() * 0.28 : kind < 0.75 ? 0.35 + random.NextDouble() * 0.4 : random.NextDouble() * 0.4;
            var ageDays = Math.Pow(random.NextDouble(), 0.8) * HistoryDays;
            var t = _now.AddDays(-ageDays).AddMinutes(-random.Next(60 * 24));

            var assessment = new Assessment(new AssessmentDetails(title, unit, sponsor, description), _catalog.Current, owner, t);
            _versions.Add(assessment);
            if (random.NextDouble() < 0.1 && portfolio._sponsorIds.Length > 1)
            {
                var other = Pick(random, portfolio._sponsorIds);
                if (other != owner)
                {
                    assessment.AddCollaborator(other, t = Later(t, 0.01, 2));
                }
            }

            // Older pilots are more often submitted; drafts are often half done.
            var submit = random.NextDouble() < 0.2 + 0.65 * Math.Min(1, ageDays / 120);
            var answerRate = submit ? 0.82 + 0.18 * maturity : (0.35 + 0.55 * maturity) * (0.4 + 0.6 * random.NextDouble());
            var answers = Answers(maturity, answerRate, t);

            // Answered in two sittings: most of it first, the rest (and a few second thoughts) later.
            var first = answers.Where(_ => random.NextDouble() < 0.7).ToDictionary(kv => kv.Key, kv => kv.Value);
            t = Later(t, 0.02, 6);
            assessment.SetAnswers(_catalog, first, t);
            t = Later(t, 0.1, 10);
            assessment.SetAnswers(_catalog, answers, t);
            MaybeConfirmOwner(assessment, ref t);
            if (!submit || t >= _now.AddHours(-1))
            {
                return Done();
            }

            Submit(assessment, maturity, ref t);
            var current = assessment;
            if (random.NextDouble() < Math.Min(0.8, ageDays / 200))
            {
                Decide(current, ref t);
            }

            // Some pilots are re-assessed, usually after a decision, and have mostly improved.
            if (random.NextDouble() < 0.14 && !singleVersion && _now - t > TimeSpan.FromDays(10))
            {
                var next = current.Reassess(_catalog, t = Later(t, 3, 90));
                _versions.Add(next);
                var better = Math.Min(1, maturity + random.NextDouble() * 0.3);
                var changes = Answers(better, 0.95, t).Where(_ => random.NextDouble() < 0.35).ToDictionary(kv => kv.Key, kv => kv.Value);
                next.SetAnswers(_catalog, changes, t = Later(t, 0.1, 15));
                if (random.NextDouble() < 0.6 && t < _now.AddDays(-1))
                {
                    Submit(next, better, ref t);
                    if (random.NextDouble() < 0.5)
                    {
                        Decide(next, ref t);
                    }
                }
            }

            // After the decision: a go may launch and be watched until its outcome is known (drawn at the end, so the
            // pilot's story up to here is the same as without it).
            var life = new SyntheticLifeStory(random, _now, Pick(random, portfolio._reviewers), _team, Person).Tell(_versions[^1], t);
            return Done() with { Life = life };
        }

        private SyntheticPilot Done() => new(_versions, _decisions);

        /// <summary>
        /// Submits, as a sponsor must: first giving a real answer to each question required to proceed that lacks one
        /// (the domain refuses a submission otherwise).
        /// </summary>
        private void Submit(Assessment assessment, double maturity, ref DateTimeOffset t)
        {
            var missing = assessment.SubmitBlockers(_catalog);
            if (missing.Count > 0)
            {
                var owner = Person();
                assessment.SetAnswers(_catalog, missing.ToDictionary(b => b.QuestionKey, b => (Answer?)RealAnswer(_questionnaire.GetQuestion(b.QuestionKey), maturity, owner)),
                    t = Later(t, 0.1, 5));
            }

            assessment.Submit(_catalog, t = Later(t, 0.5, 20));
        }

        /// <summary>An answer that counts under the scoring model: never a placeholder.</summary>
        private Answer RealAnswer(Question question, double maturity, string owner) => question.Normalize(question.Type switch
        {
            QuestionType.Choice => Choice(question, maturity, standAlone: false),
            QuestionType.MultiSelect => MultiSelect(question, out _),
            QuestionType.Person => new TextAnswer(owner),
            _ => new TextAnswer(Text(question, 1)),
        });

        /// <summary>A moment a little after <paramref name="t"/>, never later than now.</summary>
        private DateTimeOffset Later(DateTimeOffset t, double minDays, double maxDays)
        {
            var next = t.AddDays(minDays + random.NextDouble() * (maxDays - minDays));
            return next < _now ? next : t.AddTicks((_now - t).Ticks / 2);
        }

        private string WeightedUnit()
        {
            var total = BusinessUnits.Sum(u => u.Weight);
            var roll = random.Next(total);
            foreach (var (name, weight) in BusinessUnits)
            {
                if ((roll -= weight) < 0)
                {
                    return name;
                }
            }

            return BusinessUnits[^1].Name;
        }

        private string Title()
        {
            var kind = Pick(random, Kinds);
            var text = $"{Pick(random, Subjects)} {Pick(random, Tasks)}{(kind.Length > 0 ? " " + kind : "")}{Pick(random, Qualifiers)}";
            return text.Length <= Limits.TitleMaxLength ? text : text[..Limits.TitleMaxLength];
        }

        private string Person() => $"{Pick(random, FirstNames)} {Pick(random, LastNames)}";

        /// <summary>A value between 0 and 1 near the pilot's maturity.</summary>
        private double Near(double maturity, double spread = 0.25) => Math.Clamp(maturity + (random.NextDouble() - 0.5) * 2 * spread, 0, 0.999);

        /// <summary>An answer to every question the pilot answers, drawn from the question's own type and options.</summary>
        private Dictionary<string, Answer?> Answers(double maturity, double answerRate, DateTimeOffset at)
        {
            var answers = new Dictionary<string, Answer?>(StringComparer.Ordinal);
            decimal? prototype = null;
            decimal? prototypeEffort = null;
            var standAlone = false;
            // The owner named in the plan for success is nearly always the production owner too.
            var owner = Person();
            foreach (var question in _questionnaire.Questions)
            {
                if (random.NextDouble() >= (question.Blocker ? Math.Sqrt(answerRate) : answerRate))
                {
                    continue;
                }

                Answer answer = question.Type switch
                {
                    QuestionType.Choice => Choice(question, maturity, standAlone),
                    QuestionType.YesNo => new YesNoAnswer(standAlone && question.Key == QuestionKeys.IntegrationBudgeted || Near(maturity, 0.3) >= 0.45),
                    QuestionType.MultiSelect => MultiSelect(question, out standAlone),
                    QuestionType.Number => Number(question, maturity, ref prototypeEffort),
                    QuestionType.Money => Money(question, maturity, ref prototype),
                    QuestionType.Date => new DateAnswer(at.Day().AddDays(random.Next(45, 420))),
                    QuestionType.Person => new TextAnswer(PersonFor(question, maturity, owner)),
                    _ => new TextAnswer(Text(question, maturity)),
                };
                answers[question.Key] = question.Normalize(answer);
            }

            return answers;
        }

        private ChoiceAnswer Choice(Question question, double maturity, bool standAlone)
        {
            var not = question.Options.FirstOrDefault(o => o.Value == "not-needed");
            if (not is not null && standAlone)
            {
                return new ChoiceAnswer(not.Value);
            }

            var ranked = question.Options.Where(o => o != not).OrderBy(o => o.Points).ToList();
            return new ChoiceAnswer(ranked[(int)(Math.Pow(Near(maturity), 0.7) * ranked.Count)].Value);
        }

        private MultiSelectAnswer MultiSelect(Question question, out bool standAlone)
        {
            var exclusive = question.Options.Where(o => o.Exclusive).ToList();
            standAlone = exclusive.Count > 0 && random.NextDouble() < 0.12;
            if (standAlone)
            {
                return new MultiSelectAnswer([exclusive[0].Value]);
            }

            var others = question.Options.Where(o => !o.Exclusive).Select(o => o.Value).ToList();
            var count = 1 + random.Next(Math.Min(3, others.Count));
            return new MultiSelectAnswer(others.OrderBy(_ => random.Next()).Take(count));
        }

        /// <summary>A named person, now and then a placeholder where the pilot is least prepared.</summary>
        private string PersonFor(Question question, double maturity, string owner)
        {
            if (Near(maturity) < 0.08)
            {
                return Pick(random, Placeholders);
            }

            return question.Key is QuestionKeys.ProductionOwner or QuestionKeys.WhatThenOwner && random.NextDouble() < 0.92 ? owner : Person();
        }

        /// <summary>A count, a percentage, or effort in person-weeks (production's leaning on the prototype's like money).</summary>
        private NumberAnswer Number(Question question, double maturity, ref decimal? prototypeEffort)
        {
            switch (question.Key)
            {
                case QuestionKeys.PrototypeEffort:
                    prototypeEffort = random.Next(2, 40);
                    return new NumberAnswer(prototypeEffort.Value);
                case QuestionKeys.ProductionEffort:
                    var basis = (double)(prototypeEffort ?? random.Next(2, 40));
                    return new NumberAnswer(Math.Max(1, Math.Round((decimal)(basis * (0.5 + 5 * Near(maturity))))));
                case QuestionKeys.TargetShare:
                    return new NumberAnswer(Math.Round((decimal)(20 + 75 * Near(maturity))));
                default:
                    return new NumberAnswer(Math.Min(question.MaxValue ?? Limits.NumberMax, Math.Round((decimal)Math.Exp(Math.Log(3) + random.NextDouble() * Math.Log(300)))));
            }
        }

        private NumberAnswer Money(Question question, double maturity, ref decimal? prototype)
        {
            static decimal Thousands(double value) => Math.Round((decimal)value / 1000m) * 1000m;
            switch (question.Key)
            {
                case QuestionKeys.PrototypeCost:
                    prototype = Thousands(Math.Exp(Math.Log(8_000) + random.NextDouble() * Math.Log(30)));
                    return new NumberAnswer(prototype.Value);
                case QuestionKeys.ProductionBudget:
                    var basis = (double)(prototype ?? Thousands(20_000 + random.NextDouble() * 100_000));
                    return new NumberAnswer(Math.Max(1000, Thousands(basis * (0.5 + 5 * Near(maturity)))));
                default:
                    return new NumberAnswer(Thousands(5_000 + random.NextDouble() * 150_000));
            }
        }

        private string Text(Question question, double maturity)
        {
            var text = question.Key switch
            {
                QuestionKeys.WhatThen => Near(maturity) < 0.25 ? WhatThen[4] : Pick(random, WhatThen),
                QuestionKeys.Adoption => Near(maturity) < 0.25 ? Adoptions[^1] : Pick(random, Adoptions[..^1]),
                QuestionKeys.IntegrationBuilt => Near(maturity) < 0.2 ? IntegrationsBuilt[^1] : Pick(random, IntegrationsBuilt[..^1]),
                QuestionKeys.SuccessCriteria => Near(maturity) < 0.25 ? SuccessCriteria[^1] : Pick(random, SuccessCriteria[..^1]),
                "involvement.using-team" => _team,
                "after-demo.escalation-path" => Pick(random, Escalations),
                "ownership.failure-handling" => Near(maturity) < 0.2 ? Failures[^1] : Pick(random, Failures),
                _ => $"Agreed with the {_team.ToLowerInvariant()} on {_now.AddDays(-random.Next(HistoryDays)).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.",
            };
            return text.Replace("{team}", _team.ToLowerInvariant(), StringComparison.Ordinal);
        }

        /// <summary>Asks the production owner to confirm (sometimes), and they usually do within days.</summary>
        private void MaybeConfirmOwner(Assessment assessment, ref DateTimeOffset t)
        {
            // Only a named person can be asked (a placeholder or a team cannot confirm anything).
            if (!assessment.Answers.Any(a => a.QuestionKey == QuestionKeys.ProductionOwner) ||
                assessment.NotCounted(_catalog).ContainsKey(QuestionKeys.ProductionOwner) || random.NextDouble() >= 0.35)
            {
                return;
            }

            // Stands for the hash of a link nobody holds; unique, as the column requires.
            var tokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            var requested = t = Later(t, 0.01, 3);
            var email = $"owner.{random.Next(1_000_000):D6}@example.com";
            var confirmation = assessment.RequestConfirmation(_catalog, QuestionKeys.ProductionOwner, email, tokenHash, requested, TimeSpan.FromDays(14));
            var answered = requested.AddDays(random.NextDouble() * 5);
            if (answered < _now && random.NextDouble() < 0.85)
            {
                assessment.RespondToConfirmation(_catalog, confirmation.Id, random.NextDouble() < 0.9, null, t = answered);
            }
        }

        /// <summary>A reviewer's decision, leaning on the computed verdict; conditions are mostly met on time.</summary>
        private void Decide(Assessment assessment, ref DateTimeOffset t)
        {
            if (_now - t < TimeSpan.FromDays(1))
            {
                return;
            }

            var at = t = Later(t, 1, 45);
            var roll = random.NextDouble();
            var outcome = assessment.Readiness.Verdict switch
            {
                Verdict.Go => roll < 0.7 ? DecisionOutcome.Go : roll < 0.95 ? DecisionOutcome.GoWithConditions : DecisionOutcome.NoGo,
                Verdict.GoWithConditions => roll < 0.2 ? DecisionOutcome.Go : roll < 0.85 ? DecisionOutcome.GoWithConditions : DecisionOutcome.NoGo,
                Verdict.NotReady => roll < 0.05 ? DecisionOutcome.Go : roll < 0.4 ? DecisionOutcome.GoWithConditions : DecisionOutcome.NoGo,
                _ => roll < 0.15 ? DecisionOutcome.GoWithConditions : DecisionOutcome.NoGo,
            };
            var today = at.Day();
            var conditions = outcome != DecisionOutcome.GoWithConditions
                ? []
                : Enumerable.Range(0, 1 + random.Next(3))
                    .Select(i => new ConditionDraft(ConditionTexts[(random.Next(ConditionTexts.Length) + i) % ConditionTexts.Length], Person(), today.AddDays(random.Next(14, 120))))
                    .ToList();
            var reviewer = Pick(random, portfolio._reviewers);
            var current = _decisions.Count > 0 ? _decisions[^1] : null;
            // A decision above the recommendation gives a reason for each gate it goes ahead despite.
            var reasons = Decision.GatesAccepted(assessment.Score(_catalog, at), outcome).ToDictionary(g => g.Key, _ => Pick(random, GateReasons));
            var decision = Decision.Record(assessment, _catalog, current, outcome, Pick(random, Rationales),
                random.NextDouble() < 0.3 ? "Stop if accuracy on real inputs stays below the target for two months running." : null,
                conditions, reviewer.Id, reviewer.Name, at, reasons);
            _decisions.Add(decision);

            // Most conditions are met before they are due; the rest lapse once their date has passed.
            var met = new List<(DateTimeOffset At, Guid Id)>();
            foreach (var condition in decision.Conditions)
            {
                var due = new DateTimeOffset(condition.DueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var when = at.AddDays(random.NextDouble() * (due - at).TotalDays);
                if (when < _now && random.NextDouble() < 0.88)
                {
                    met.Add((when, condition.Id));
                }
            }

            foreach (var (when, id) in met.OrderBy(m => m.At))
            {
                decision.MarkConditionMet(id, assessment, reviewer.Name, when);
                t = when;
            }
        }
    }
}
