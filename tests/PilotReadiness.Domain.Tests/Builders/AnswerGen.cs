using FsCheck;
using FsCheck.Fluent;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Tests.Builders;

/// <summary>FsCheck generators of valid answers, answer sets and named people's claims over one questionnaire version.</summary>
public static class AnswerGen
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'-";

    // Real answers and non-answers alike, so that model 2's judgement is exercised both ways.
    private static readonly string[] Sentences =
    [
        "Claims team adopts it in March; Dana Ito owns it.", "tbd", "We'll figure that out once we see the pilot results.",
        "The finance systems team builds the ERP connector by June.", "-", "n/a", "Later", "Not sure yet",
        "90% of invoices matched without a person over four weeks.", "Accounts payable", "Claims", "team",
    ];

    private static readonly string[] People =
    [
        "Dana Ito", "Sofia Lindqvist", "José Ñúñez", "TBD", "IT Service Desk (to be confirmed)", "someone in ops", "Head of Ops",
        "Claims team", "Priya", "Dana Ito and Sam Lee",
    ];

    /// <summary>A random answer that passes <see cref="Question.Check"/>, in the canonical form.</summary>
    public static Gen<Answer> ValidAnswer(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var answer = question.Type switch
        {
            QuestionType.Choice => Gen.Elements(question.Options.ToArray()).Select(o => (Answer)new ChoiceAnswer(o.Value)),
            QuestionType.YesNo => Gen.Elements(true, false).Select(yes => (Answer)new YesNoAnswer(yes)),
            QuestionType.MultiSelect => MultiSelect(question),
            QuestionType.Money => Amount(Limits.MoneyMax).Select(a => (Answer)new NumberAnswer(a)),
            QuestionType.Number => Amount(question.MaxValue ?? Limits.NumberMax).Select(a => (Answer)new NumberAnswer(a)),
            QuestionType.Date => Gen.Choose(0, Limits.DateMax.DayNumber - Limits.DateMin.DayNumber)
                .Select(days => (Answer)new DateAnswer(Limits.DateMin.AddDays(days))),
            QuestionType.Person => Gen.Frequency((2, Text(question.MaxLength)), (1, Gen.Elements(People))).Select(t => (Answer)new TextAnswer(t)),
            QuestionType.Text => Gen.Frequency((2, Text(question.MaxLength)), (1, Gen.Elements(Sentences))).Select(t => (Answer)new TextAnswer(t)),
            _ => throw new ArgumentOutOfRangeException(nameof(question), question.Type, "Unknown question type."),
        };
        return answer.Select(question.Normalize);
    }

    /// <summary>A random valid answer, or null (not answered) about one time in four.</summary>
    public static Gen<Answer?> AnswerOrMissing(Question question) =>
        Gen.Frequency(
            (1, Gen.Constant<Answer?>(null)),
            (3, ValidAnswer(question).Select(a => (Answer?)a)));

    /// <summary>Every question either missing or answered with a random valid answer, in questionnaire order.</summary>
    public static Gen<IReadOnlyList<KeyValuePair<string, Answer>>> AnswerPairs(Questionnaire questionnaire) =>
        Pairs(questionnaire, AnswerOrMissing);

    /// <summary>
    /// Like <see cref="AnswerPairs"/>, but most questions keep their best answer (<see cref="AnswersBuilder.Ready"/>),
    /// so that answer sets near a go verdict, with few or no gates, turn up often too.
    /// </summary>
    public static Gen<IReadOnlyList<KeyValuePair<string, Answer>>> NearReadyPairs(Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        var ready = AnswersBuilder.Ready(questionnaire.Version).Build();
        return Pairs(questionnaire, q => Gen.Frequency(
            (7, Gen.Constant(ready.GetValueOrDefault(q.Key))),
            (1, AnswerOrMissing(q))));
    }

    /// <summary>
    /// A random answer set: each question missing or answered with a random valid answer, and where each named person
    /// stands on confirming their role.
    /// </summary>
    public static Gen<GeneratedAnswers> Answers(Questionnaire questionnaire) =>
        Gen.Frequency((2, AnswerPairs(questionnaire)), (1, NearReadyPairs(questionnaire)))
            .SelectMany(pairs => Claims(pairs).Select(claims => new GeneratedAnswers(questionnaire, pairs, claims)));

    /// <summary>A claim state for some of the named people of <paramref name="pairs"/>; the rest were never asked.</summary>
    public static Gen<IReadOnlyDictionary<string, ClaimState>> Claims(IReadOnlyList<KeyValuePair<string, Answer>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var named = pairs.Select(p => p.Key).Where(QuestionKeys.Claimable.Contains).ToArray();
        return Gen.CollectToList(named, key => Gen.Frequency(
                (2, Gen.Constant<ClaimState?>(null)),
                (3, Gen.Elements(Enum.GetValues<ClaimState>()).Select(s => (ClaimState?)s)))
            .Select(state => (Key: key, State: state)))
            .Select(states => (IReadOnlyDictionary<string, ClaimState>)states.Where(s => s.State is not null)
                .ToDictionary(s => s.Key, s => s.State!.Value, StringComparer.Ordinal));
    }

    /// <summary>Claim states from worst to best: declined; asked, waiting, expired or never asked; confirmed.</summary>
    public static int Rank(ClaimState? state) => state switch
    {
        ClaimState.Declined => 0,
        ClaimState.Confirmed => 2,
        _ => 1,
    };

    /// <summary>A random answer set and one named person whose claim moves to a better state (towards confirmed).</summary>
    public static Gen<ClaimImprovement> ClaimImprovements(Questionnaire questionnaire) =>
        Answers(questionnaire)
            .Where(a => ImprovableClaims(a).Length > 0)
            .SelectMany(a =>
            {
                return Gen.Elements(ImprovableClaims(a)).SelectMany(key =>
                {
                    var rank = Rank(a.Claims.TryGetValue(key, out var s) ? s : null);
                    var better = Enum.GetValues<ClaimState>().Where(state => Rank(state) > rank).ToArray();
                    return Gen.Elements(better).Select(state => new ClaimImprovement(a, key, state));
                });
            });

    private static string[] ImprovableClaims(GeneratedAnswers answers) =>
        [.. answers.Pairs.Select(p => p.Key).Where(k => QuestionKeys.Claimable.Contains(k) && Rank(answers.Claims.TryGetValue(k, out var s) ? s : null) < 2)];

    private static Gen<IReadOnlyList<KeyValuePair<string, Answer>>> Pairs(Questionnaire questionnaire, Func<Question, Gen<Answer?>> answer) =>
        Gen.CollectToList(questionnaire.Questions, q => answer(q).Select(a => (q.Key, Answer: a)))
            .Select(pairs => (IReadOnlyList<KeyValuePair<string, Answer>>)
                [.. pairs.Where(p => p.Answer is not null).Select(p => KeyValuePair.Create(p.Key, p.Answer!))]);

    /// <summary>
    /// A random answer set, one question in it, and a strictly better answer to that question: more points; for the
    /// production budget a higher amount; for the prototype cost a lower amount; or an answer where there was none
    /// (for questions answered by typing a value). Answers worth the same points are never offered as better.
    /// </summary>
    public static Gen<Improvement> Improvements(Questionnaire questionnaire) =>
        Answers(questionnaire)
            .Where(a => questionnaire.Questions.Any(q => BetterAnswer(q, a.Set.GetValueOrDefault(q.Key)) is not null))
            .SelectMany(a =>
            {
                var candidates = questionnaire.Questions
                    .Select(q => (Question: q, Better: BetterAnswer(q, a.Set.GetValueOrDefault(q.Key))))
                    .Where(c => c.Better is not null)
                    .ToArray();
                return Gen.Elements(candidates).SelectMany(c =>
                    c.Better!.Select(better => new Improvement(a, c.Question.Key, a.Set.GetValueOrDefault(c.Question.Key), better)));
            });

    /// <summary>A generator of answers strictly better than <paramref name="old"/>, or null when there is none.</summary>
    public static Gen<Answer>? BetterAnswer(Question question, Answer? old)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (IsProductionAmount(question.Key) && old is NumberAnswer budget)
        {
            var max = question.Type == QuestionType.Money ? Limits.MoneyMax : Limits.NumberMax;
            return budget.Value >= max ? null
                : Gen.Choose(1, 100_000_000).Select(cents => (Answer)new NumberAnswer(Math.Min(max, budget.Value + (cents / 100m))));
        }

        if (IsPrototypeAmount(question.Key) && old is NumberAnswer cost)
        {
            return cost.Value <= 0m ? null
                : Gen.Choose(0, 99).Select(percent => (Answer)new NumberAnswer(cost.Value * percent / 100m));
        }

        if (!question.Type.HasOptions())
        {
            return old is null ? ValidAnswer(question) : null;
        }

        var points = question.Points(old);
        if (question.Type is QuestionType.Choice or QuestionType.YesNo)
        {
            var better = question.Options.Where(o => o.Points > points).ToArray();
            return better.Length == 0 ? null
                : Gen.Elements(better).Select(o => question.Type == QuestionType.YesNo
                    ? (Answer)new YesNoAnswer(o.Value == YesNoAnswer.Yes)
                    : new ChoiceAnswer(o.Value));
        }

        // Multi-select: the best a valid answer can earn is every combinable option, or one exclusive option alone.
        var best = Math.Max(
            question.Options.Where(o => !o.Exclusive).Sum(o => o.Points),
            question.Options.Where(o => o.Exclusive).Select(o => o.Points).DefaultIfEmpty(0).Max());
        return best <= points ? null : ValidAnswer(question).Where(a => question.Points(a) > points);
    }

    /// <summary>An amount the 3× rule wants high: the production budget or effort.</summary>
    public static bool IsProductionAmount(string key) => key is QuestionKeys.ProductionBudget or QuestionKeys.ProductionEffort;

    /// <summary>An amount the 3× rule measures against: the prototype's cost or effort.</summary>
    public static bool IsPrototypeAmount(string key) => key is QuestionKeys.PrototypeCost or QuestionKeys.PrototypeEffort;

    /// <summary>Amounts with a bias towards small round numbers and cents, plus the extremes.</summary>
    public static Gen<decimal> Amount(decimal max) =>
        Gen.Frequency(
            (1, Gen.Elements(0m, 1m, 100m, max)),
            (4, Gen.Choose(0, 1_000_000).Select(n => n * 100m)),
            (3, Gen.Choose(0, 10_000_000).Select(n => n / 100m)),
            (1, Gen.Choose(0, 1_000_000).Select(n => max - n)))
        .Select(amount => Math.Clamp(amount, 0m, max));

    private static Gen<Answer> MultiSelect(Question question)
    {
        var exclusive = question.Options.Where(o => o.Exclusive).Select(o => o.Value).ToList();
        var combinable = question.Options.Where(o => !o.Exclusive).Select(o => o.Value).ToList();
        var some = Gen.SubListOf(combinable.ToArray()).Where(list => list.Count > 0).Select(list => (Answer)new MultiSelectAnswer(list));
        return exclusive.Count == 0
            ? some
            : Gen.Frequency((1, Gen.Elements(exclusive.ToArray()).Select(v => (Answer)new MultiSelectAnswer([v]))), (4, some));
    }

    private static Gen<string> Text(int maxLength) =>
        Gen.Frequency(
            (4, Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements(Letters.ToCharArray()), n))
                .Select(chars => new string(chars).Trim())
                .Where(s => s.Length > 0)),
            (1, Gen.Constant(new string('x', maxLength))));
}

/// <summary>A generated answer set, with the named people's claims, that prints itself when a property fails.</summary>
public sealed record GeneratedAnswers(
    Questionnaire Questionnaire, IReadOnlyList<KeyValuePair<string, Answer>> Pairs, IReadOnlyDictionary<string, ClaimState> Claims)
{
    public AnswerSet Set { get; } = new(Pairs);

    public ScoringModel Model => ShippedQuestionnaires.Catalog.Get(Questionnaire.Version).Model;

    public ScoreResult Score() => Model.Score(Questionnaire, Set, Claims);

    public override string ToString() =>
        $"v{Questionnaire.Version} {{ " + string.Join(", ", Pairs.Select(p => $"{p.Key} = {Show(p.Value)}")) + " } claims { " +
        string.Join(", ", Claims.Select(c => $"{c.Key} = {c.Value.ToKey()}")) + " }";

    /// <summary>An answer's stored form, cut short when long.</summary>
    public static string Show(Answer? answer)
    {
        var text = answer?.Encode() ?? "(not answered)";
        return text.Length <= 40 ? text : $"{text[..40]}…({text.Length} characters)";
    }
}

/// <summary>An answer set, one of its questions, and a strictly better answer to it.</summary>
public sealed record Improvement(GeneratedAnswers Before, string Key, Answer? Old, Answer Better)
{
    public AnswerSet After => Before.Set.With(Key, Better);

    public ScoreResult ScoreAfter() => Before.Model.Score(Before.Questionnaire, After, Before.Claims);

    public override string ToString() =>
        $"{Key}: {GeneratedAnswers.Show(Old)} -> {GeneratedAnswers.Show(Better)} in {Before}";
}

/// <summary>An answer set and one named person whose claim moves to a better state.</summary>
public sealed record ClaimImprovement(GeneratedAnswers Before, string Key, ClaimState Better)
{
    public ScoreResult ScoreAfter()
    {
        var claims = Before.Claims.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        claims[Key] = Better;
        return Before.Model.Score(Before.Questionnaire, Before.Set, claims);
    }

    public override string ToString() =>
        $"{Key}: {(Before.Claims.TryGetValue(Key, out var s) ? s.ToKey() : "never asked")} -> {Better.ToKey()} in {Before}";
}
