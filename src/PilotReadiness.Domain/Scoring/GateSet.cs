namespace PilotReadiness.Domain.Scoring;

/// <summary>A set of gates as bits, so the stored summary of a score can say which were triggered in one column.</summary>
[Flags]
public enum GateSet
{
    None = 0,
    PilotTheatre = 1,
    NoProductionOwner = 2,
    IntegrationNotBudgeted = 4,
    UsersNotInvolved = 8,
    ProductionUnderBudgeted = 16,
    BlockerUnanswered = 32,
}

public static class GateSetNames
{
    private static readonly (GateSet Gate, string Key, string Label)[] Names =
    [
        (GateSet.PilotTheatre, Gates.PilotTheatre, "Pilot theatre"),
        (GateSet.NoProductionOwner, Gates.NoProductionOwner, "No production owner"),
        (GateSet.IntegrationNotBudgeted, Gates.IntegrationNotBudgeted, "Integration not budgeted"),
        (GateSet.UsersNotInvolved, Gates.UsersNotInvolved, "Daily users not involved"),
        (GateSet.ProductionUnderBudgeted, Gates.ProductionUnderBudgeted, "Production under-budgeted"),
        (GateSet.BlockerUnanswered, Gates.BlockerUnanswered, "Essential question unanswered"),
    ];

    /// <summary>Every single gate, in the order the scoring model checks them.</summary>
    public static IReadOnlyList<GateSet> All { get; } = [.. Names.Select(n => n.Gate)];

    public static string ToKey(this GateSet gate) => Names.Single(n => n.Gate == gate).Key;

    public static string ToLabel(this GateSet gate) => Names.Single(n => n.Gate == gate).Label;

    /// <summary>A gate's label by its key (the key itself for one this version does not know).</summary>
    public static string LabelOf(string key) => FromKey(key)?.ToLabel() ?? key;

    public static GateSet? FromKey(string? key) =>
        Names.FirstOrDefault(n => n.Key == key) is { Key: not null } n ? n.Gate : null;

    /// <summary>The single gates set in <paramref name="flags"/>.</summary>
    public static IEnumerable<GateSet> Each(this GateSet gates) => All.Where(f => (gates & f) != 0);

    public static GateSet Of(IEnumerable<GateResult> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        return gates.Aggregate(GateSet.None, (all, g) => all | (FromKey(g.Key) ?? GateSet.None));
    }
}
