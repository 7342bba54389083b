using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Properties;

/// <summary>Invariants of monitoring model 1 over random histories of check-ins and daily figures.</summary>
public class MonitoringProperties
{
    [Property(MaxTest = 300)]
    public Property BetterLatestCheckIn_NeverWorsensTheHealth() =>
        Prop.ForAll(Histories().SelectMany(h => Better(h.Forms[^1]).Select(better => (History: h, Better: better))).ToArbitrary(), pair =>
        {
            var (history, better) = pair;
            var worse = Build(history.Forms, history.DaysAfter);
            var improved = Build([.. history.Forms.Take(history.Forms.Count - 1), better], history.DaysAfter);

            var before = worse.Evaluate();
            var after = improved.Evaluate();

            Assert.True(after.Health <= before.Health,
                $"Health went from {before.Health} to {after.Health}: [{string.Join(", ", before.Alarms.Select(a => a.Rule))}] -> [{string.Join(", ", after.Alarms.Select(a => a.Rule))}]");
            Assert.True(improved.StoredHealth() <= worse.StoredHealth());
            Assert.Subset(before.Alarms.Select(a => a.Rule).ToHashSet(), after.Alarms.Select(a => a.Rule).ToHashSet());
        });

    [Property(MaxTest = 200)]
    public Property Evaluate_IsDeterministic_WhateverTheOrderOfTheInputs() =>
        Prop.ForAll(Histories().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (history, seed) =>
        {
            var live = Build(history.Forms, history.DaysAfter);
            var p = live.Live.Schedule;
            live.Daily(p.GoLive, p.GoLive.AddDays(history.Forms.Count * 20), activeUsers: history.Forms.Count * 3, casesHandled: 9);
            var random = new Random(seed);
            var checkIns = live.Live.CheckIns.OrderBy(_ => random.Next()).ToList();
            var signals = live.Signals.OrderBy(_ => random.Next()).ToList();

            var once = Fingerprint(live.Evaluate());
            var again = Fingerprint(MonitoringModel.V1.Evaluate(live.Live.Plan, live.Live.Schedule, checkIns, signals, live.Today));

            Assert.Equal(once, again);
            Assert.Equal(once, Fingerprint(live.Evaluate()));
        });

    [Property(MaxTest = 200)]
    public Property StoredHealth_IsTheHealthOfTheDay() =>
        Prop.ForAll(Histories().ToArbitrary(), history =>
        {
            var live = Build(history.Forms, history.DaysAfter);
            Assert.Equal(live.Evaluate().Health, live.StoredHealth());
        });

    private sealed record History(IReadOnlyList<CheckInForm> Forms, int DaysAfter)
    {
        public override string ToString() =>
            $"{string.Join("; ", Forms.Select(f => $"u{f.ActiveUsers} c{f.CasesHandled} e{f.CasesEscalated} o{f.CasesOverridden} q{f.QualityMet}/{f.QualityReviewed} {f.Workarounds} {f.Ownership} imp={f.ImprovementDone}"))}; read {DaysAfter} days after";
    }

    private static LiveBuilder Build(IReadOnlyList<CheckInForm> forms, int daysAfter)
    {
        var live = LiveBuilder.GoLive().File(forms);
        return live.On(live.Live.CurrentCheckIns.Max(c => c.DueDate).AddDays(daysAfter));
    }

    private static Gen<History> Histories() =>
        from count in Gen.Choose(1, 7)
        from forms in Gen.ListOf(Form(), count)
        from days in Gen.Choose(0, 45)
        select new History([.. forms], days);

    private static Gen<CheckInForm> Form() =>
        from users in Gen.Choose(0, 60)
        from handled in Gen.Choose(0, 800)
        from escalated in Gen.Choose(0, handled / 2)
        from overridden in Gen.Choose(0, handled - escalated)
        from reviewed in Gen.Choose(0, 30)
        from met in Gen.Choose(0, reviewed)
        from workarounds in Gen.Elements(Enum.GetValues<Workarounds>())
        from ownership in Gen.Elements(Enum.GetValues<Ownership>())
        from improved in Gen.Elements(true, false)
        select LiveBuilder.Form() with
        {
            ActiveUsers = users,
            CasesHandled = handled,
            CasesEscalated = escalated,
            CasesOverridden = overridden,
            QualityReviewed = reviewed,
            QualityMet = met,
            Workarounds = workarounds,
            WorkaroundNote = workarounds == Workarounds.None ? null : "A spreadsheet on the side.",
            Ownership = ownership,
            Successor = ownership == Ownership.HandingOver ? "Sam Okafor" : null,
            ImprovementDone = improved,
            ImprovementNote = improved ? "Tuned it." : null,
        };

    /// <summary>The same check-in, better (or as good) in every answer: more use, fewer overrides, more good samples, ...</summary>
    private static Gen<CheckInForm> Better(CheckInForm form) =>
        from users in Gen.Choose(0, 20)
        from handled in Gen.Choose(0, 200)
        from escalated in Gen.Choose(0, form.CasesEscalated!.Value)
        from overridden in Gen.Choose(0, form.CasesOverridden!.Value)
        from met in Gen.Choose(form.QualityMet!.Value, form.QualityReviewed!.Value)
        from workarounds in Gen.Elements(Enum.GetValues<Workarounds>().Where(w => w <= form.Workarounds).ToArray())
        from ownership in Gen.Elements(Enum.GetValues<Ownership>().Where(o => o <= form.Ownership).ToArray())
        from improved in Gen.Elements(true, form.ImprovementDone!.Value)
        select form with
        {
            ActiveUsers = form.ActiveUsers + users,
            CasesHandled = form.CasesHandled + handled,
            CasesEscalated = escalated,
            CasesOverridden = overridden,
            QualityMet = met,
            Workarounds = workarounds,
            WorkaroundNote = workarounds == Workarounds.None ? null : "A spreadsheet on the side.",
            Ownership = ownership,
            Successor = ownership == Ownership.HandingOver ? "Sam Okafor" : null,
            ImprovementDone = improved,
            ImprovementNote = improved ? "Tuned it." : null,
        };

    private static string Fingerprint(MonitoringResult result) =>
        $"{result.ModelVersion}|{result.AsOf}|{result.Health}|{result.NextCheckIn}|{result.DaysOverdue}|{result.SuggestStalled}|" +
        string.Join(";", result.Alarms.Select(a => $"{a.Rule},{a.Severity},{a.Since},{a.Evidence}")) + "|" +
        string.Join(";", result.Periods.Select(p => $"{p.Period}:{p.ActiveUsers},{p.CasesHandled},{p.CasesEscalated},{p.CasesOverridden},{p.QualityMet}/{p.QualityReviewed},{p.UsersSource},{p.CasesSource}"));
}
