using System.Globalization;

namespace PilotReadiness.Domain.Live;

/// <summary>The API's kebab-case keys and the pages' labels of the after-launch enums, written once.</summary>
public static class LiveNames
{
    private static readonly (Workarounds Value, string Key, string Label)[] WorkaroundNames =
    [
        (Workarounds.None, "none", "None"),
        (Workarounds.Some, "some", "Some"),
        (Workarounds.Widespread, "widespread", "Widespread"),
    ];

    private static readonly (Ownership Value, string Key, string Label)[] OwnershipNames =
    [
        (Ownership.StillOwner, "still-owner", "Yes, I still own it"),
        (Ownership.HandingOver, "handing-over", "Handing over to someone named"),
        (Ownership.Left, "left", "I have left it"),
    ];

    private static readonly (LiveHealth Value, string Key, string Label)[] HealthNames =
    [
        (LiveHealth.Healthy, "healthy", "Healthy"),
        (LiveHealth.Watch, "watch", "Watch"),
        (LiveHealth.Decaying, "decaying", "Decaying"),
        (LiveHealth.Orphaned, "orphaned", "Orphaned"),
    ];

    public static IReadOnlyList<LiveHealth> AllHealth { get; } = [.. HealthNames.Select(h => h.Value)];

    public static string ToKey(this Workarounds value) => WorkaroundNames.Single(n => n.Value == value).Key;

    public static string ToLabel(this Workarounds value) => WorkaroundNames.Single(n => n.Value == value).Label;

    public static Workarounds? WorkaroundsFromKey(string? key) =>
        Array.Find(WorkaroundNames, n => n.Key == key) is { Key: not null } n ? n.Value : null;

    public static string ToKey(this Ownership value) => OwnershipNames.Single(n => n.Value == value).Key;

    public static string ToLabel(this Ownership value) => OwnershipNames.Single(n => n.Value == value).Label;

    public static Ownership? OwnershipFromKey(string? key) =>
        Array.Find(OwnershipNames, n => n.Key == key) is { Key: not null } n ? n.Value : null;

    public static string ToKey(this LiveHealth value) => HealthNames.Single(n => n.Value == value).Key;

    public static string ToLabel(this LiveHealth value) => HealthNames.Single(n => n.Value == value).Label;

    public static LiveHealth? HealthFromKey(string? key) =>
        Array.Find(HealthNames, n => n.Key == key) is { Key: not null } n ? n.Value : null;

    /// <summary>What each health means, in a sentence for a sponsor.</summary>
    public static string Meaning(this LiveHealth value) => value switch
    {
        LiveHealth.Healthy => "No alarm: used as planned, quality as agreed, check-ins on time.",
        LiveHealth.Watch => "An early sign to keep an eye on; nothing is failing yet.",
        LiveHealth.Decaying => "Use or quality is slipping: it needs someone to act.",
        LiveHealth.Orphaned => "Nobody is looking after it: check-ins have stopped, or the owner has left.",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown health."),
    };

    /// <summary>"5 March 2026": the way the after-launch messages write a day.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"37%": a share rounded to a whole percent (never shown without the counts it comes from).</summary>
    public static string Percent(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";
}
