using FsCheck;
using FsCheck.Fluent;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Tests.Builders;

/// <summary>FsCheck generators of valid answers and answer sets over questionnaire v1.</summary>
public static class AnswerGen
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'-";

    public static Questionnaire Questionnaire => QuestionnaireCatalog.Current;

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
            QuestionType.Number => Amount(Limits.NumberMax).Select(a => (Answer)new NumberAnswer(a)),
            QuestionType.Date => Gen.Choose(0, Limits.DateMax.DayNumber - Limits.DateMin.DayNumber)
                .Select(days => (Answer)new DateAnswer(Limits.DateMin.AddDays(days))),
            QuestionType.Person => Text(question.MaxLength).Select(t => (Answer)new TextAnswer(t)),
            QuestionType.Text => Text(question.MaxLength).Select(t => (Answer)new TextAnswer(t)),
            _ => throw new ArgumentOutOfRangeException(nameof(question), question.Type, "Unknown question type."),
        };
        return answer.Select(question.Normalize);
    }

    /// <summary>A random valid answer, or null (not answered) about one time in four.</summary>
    public static Gen<Answer?> AnswerOrMissing(Question question) =>
        Gen.Frequency(
            (1, Gen.Constant<Answer?>(null)),
            (3, ValidAnswer(question).Select(a => (Answer?)a)));

    /// <summary>Every question of v1 either missing or answered with a random valid answer, in questionnaire order.</summary>
    public static Gen<IReadOnlyList<KeyValuePair<string, Answer>>> AnswerPairs() =>
        Pairs(AnswerOrMissing);

    /// <summary>
    /// Like <see cref="AnswerPairs"/>, but most questions keep their best answer (<see cref="AnswersBuilder.Ready"/>),
    /// so that answer sets near a go verdict, with few or no gates, turn up often too.
    /// </summary>
    public static Gen<IReadOnlyList<KeyValuePair<string, Answer>>> NearReadyPairs()
    {
        var ready = AnswersBuilder.Ready().Build();
        return Pairs(q => Gen.Frequency(
            (7, Gen.Constant(ready.GetValueOrDefault(q.Key))),
            (1, AnswerOrMissing(q))));
    }

    /// <summary>A random answer set over v1: each question missing or answered with a random valid answer.</summary>
    public static Gen<GeneratedAnswers> Answers() =>
        Gen.Frequency((2, AnswerPairs()), (1, NearReadyPairs())).Select(pairs => new GeneratedAnswers(pairs));

    private static Gen<IReadOnlyList<KeyValuePair<string, Answer>>> Pairs(Func<Question, Gen<Answer?>> answer) =>
        Gen.CollectToList(Questionnaire.Questions, q => answer(q).Select(a => (q.Key, Answer: a)))
            .Select(pairs => (IReadOnlyList<KeyValuePair<string, Answer>>)
                [.. pairs.Where(p => p.Answer is not null).Select(p => KeyValuePair.Create(p.Key, p.Answer!))]);

    /// <summary>
    /// A random answer set, one question in it, and a strictly better answer to that question: more points; for the
    /// production budget a higher amount; for the prototype cost a lower amount; or an answer where there was none
    /// (for questions answered by typing a value). Answers worth the same points are never offered as better.
    /// </summary>
    public static Gen<Improvement> Improvements() =>
        Answers()
            .Where(a => Questionnaire.Questions.Any(q => BetterAnswer(q, a.Set.GetValueOrDefault(q.Key)) is not null))
            .SelectMany(a =>
            {
                var candidates = Questionnaire.Questions
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
        if (question.Key == QuestionKeys.ProductionBudget && old is NumberAnswer budget)
        {
            return budget.Value >= Limits.MoneyMax ? null
                : Gen.Choose(1, 100_000_000).Select(cents => (Answer)new NumberAnswer(Math.Min(Limits.MoneyMax, budget.Value + (cents / 100m))));
        }

        if (question.Key == QuestionKeys.PrototypeCost && old is NumberAnswer cost)
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

    /// <summary>Amounts with a bias towards small round numbers and cents, plus the extremes.</summary>
    public static Gen<decimal> Amount(decimal max) =>
        Gen.Frequency(
            (1, Gen.Elements(0m, 1m, 100m, max)),
            (4, Gen.Choose(0, 1_000_000).Select(n => n * 100m)),
            (3, Gen.Choose(0, 10_000_000).Select(n => n / 100m)),
            (1, Gen.Choose(0, 1_000_000).Select(n => max - n)));

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

/// <summary>A generated answer set that prints its answers when a property fails.</summary>
public sealed record GeneratedAnswers(IReadOnlyList<KeyValuePair<string, Answer>> Pairs)
{
    public AnswerSet Set { get; } = new(Pairs);

    public override string ToString() =>
        "{ " + string.Join(", ", Pairs.Select(p => $"{p.Key} = {Show(p.Value)}")) + " }";

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

    public override string ToString() =>
        $"{Key}: {GeneratedAnswers.Show(Old)} -> {GeneratedAnswers.Show(Better)} in {Before}";
}
