namespace PilotReadiness.Domain.Questionnaires;

/// <summary>Question keys the scoring model refers to by name. They are part of the API contract.</summary>
public static class QuestionKeys
{
    public const string WhatThen = "commitment.what-then";
    public const string InvolvementLevel = "involvement.level";
    public const string ProductionOwner = "after-demo.production-owner";
    public const string IntegrationSystems = "integration.systems";
    public const string IntegrationBudgeted = "integration.budgeted";
    public const string PrototypeCost = "integration.prototype-cost";
    public const string ProductionBudget = "integration.production-budget";
    public const string QualityReviewer = "after-demo.quality-reviewer";
    public const string TeamSponsor = "involvement.team-sponsor";
    public const string SystemOwner = "integration.system-owner";

    /// <summary>The team that will use it; go-live starts its plan from this answer.</summary>
    public const string UsingTeam = "involvement.using-team";

    /// <summary>How many people do the work daily; go-live starts its eligible users from this answer.</summary>
    public const string DailyUsers = "involvement.daily-users";

    /// <summary>Person questions whose named person is asked to confirm the role.</summary>
    public static IReadOnlyList<string> Claimable { get; } = [ProductionOwner, QualityReviewer, TeamSponsor, SystemOwner];

    /// <summary>The <see cref="InvolvementLevel"/> option the users-involved gate asks for.</summary>
    public const string InvolvedLevel = "involved";

    /// <summary>The <see cref="IntegrationSystems"/> option that means "no live system to connect".</summary>
    public const string NoLiveSystem = "none";
}
