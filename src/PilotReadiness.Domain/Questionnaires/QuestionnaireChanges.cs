using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Questionnaires;

public enum QuestionnaireChangeKind
{
    QuestionAdded,
    QuestionRemoved,
    QuestionReworded,
    PointsMoved,
    WeightChanged,
    ScoringChanged,
}

/// <summary>One difference between two questionnaire versions, in a sentence (what a sponsor moving onto the newer one is told).</summary>
public sealed record QuestionnaireChange(QuestionnaireChangeKind Kind, string? SectionKey, string? QuestionKey, string Description);

/// <summary>What changed from one published version to another: questions added, removed, reworded, points moved, weights and rules.</summary>
public static class QuestionnaireChanges
{
    public static IReadOnlyList<QuestionnaireChange> Between(PublishedVersion from, PublishedVersion to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var changes = new List<QuestionnaireChange>();
        foreach (var section in to.Questionnaire.Sections)
        {
            var old = from.Questionnaire.FindSection(section.Key)!;
            if (old.Weight != section.Weight)
            {
                changes.Add(new(QuestionnaireChangeKind.WeightChanged, section.Key, null,
                    $"\"{section.Title}\" weighs {section.Weight} instead of {old.Weight}."));
            }

            foreach (var question in section.Questions)
            {
                if (from.Questionnaire.FindQuestion(question.Key) is not { } was)
                {
                    changes.Add(new(QuestionnaireChangeKind.QuestionAdded, section.Key, question.Key, $"New question: \"{question.Text}\""));
                    continue;
                }

                if (was.Text != question.Text || was.Help != question.Help || was.Action != question.Action ||
                    !was.Options.Select(o => o.Label).SequenceEqual(question.Options.Select(o => o.Label)))
                {
                    changes.Add(new(QuestionnaireChangeKind.QuestionReworded, section.Key, question.Key,
                        was.Text == question.Text ? $"\"{question.Text}\" is explained differently." : $"\"{was.Text}\" now reads \"{question.Text}\"."));
                }

                if (was.MaxPoints != question.MaxPoints || was.Type != question.Type ||
                    !was.Options.Select(o => (o.Value, o.Points)).SequenceEqual(question.Options.Select(o => (o.Value, o.Points))))
                {
                    changes.Add(new(QuestionnaireChangeKind.PointsMoved, section.Key, question.Key,
                        $"\"{question.Text}\" earns up to {question.MaxPoints} points (was {was.MaxPoints})" +
                        (question.Type.HasOptions() ? ", its options scored " + string.Join(", ", question.Options.Select(o => $"{o.Label}: {o.Points}")) : "") + "."));
                }
            }
        }

        foreach (var removed in from.Questionnaire.Questions.Where(q => to.Questionnaire.FindQuestion(q.Key) is null))
        {
            changes.Add(new(QuestionnaireChangeKind.QuestionRemoved, removed.SectionKey, removed.Key, $"No longer asked: \"{removed.Text}\""));
        }

        changes.AddRange(ScoringDifferences(from.Model, to.Model).Select(d => new QuestionnaireChange(QuestionnaireChangeKind.ScoringChanged, null, null, d)));
        return changes;
    }

    private static IEnumerable<string> ScoringDifferences(ScoringModel from, ScoringModel to)
    {
        if (from.Rules != to.Rules)
        {
            yield return to.JudgesAnswers
                ? "An answer that says nothing (\"tbd\", a team instead of a person) no longer counts, and named people earn full points once they confirm."
                : "Every given answer counts, whatever it says.";
        }

        if ((from.GoAt, from.ConditionsAt, from.NotReadyAt) != (to.GoAt, to.ConditionsAt, to.NotReadyAt))
        {
            yield return $"The verdict thresholds are go from {to.GoAt}, go with conditions from {to.ConditionsAt}, not ready from {to.NotReadyAt} " +
                $"(were {from.GoAt}, {from.ConditionsAt}, {from.NotReadyAt}).";
        }

        if (from.ProductionMultiple != to.ProductionMultiple)
        {
            yield return $"Production is expected to cost at least {ScoringModel.FormatMultiple(to.ProductionMultiple)}× the prototype " +
                $"(was {ScoringModel.FormatMultiple(from.ProductionMultiple)}×).";
        }

        foreach (var gate in to.GateKeys.Except(from.GateKeys))
        {
            yield return $"The gate \"{GateSetNames.LabelOf(gate)}\" now applies.";
        }

        foreach (var gate in from.GateKeys.Except(to.GateKeys))
        {
            yield return $"The gate \"{GateSetNames.LabelOf(gate)}\" no longer applies.";
        }
    }
}
