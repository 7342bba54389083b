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

    // Version 2: "If this works, what do we do then?" in parts, and what the essay asks that version 1 did not.

    /// <summary>Which team adopts it if the pilot works, and from when.</summary>
    public const string Adoption = "commitment.adoption";

    /// <summary>Which integration gets built.</summary>
    public const string IntegrationBuilt = "commitment.integration-built";

    /// <summary>Who owns it in production, as named in the plan for success; must be the production owner.</summary>
    public const string WhatThenOwner = "commitment.what-then-owner";

    /// <summary>What "it works" means, measurably, agreed before the pilot.</summary>
    public const string SuccessCriteria = "commitment.success-criteria";

    /// <summary>Whether the pilot's users were the daily users or hand-picked enthusiasts.</summary>
    public const string PilotUsers = "involvement.pilot-users";

    /// <summary>Usage target after launch: how many people use it.</summary>
    public const string TargetUsers = "after-demo.target-users";

    /// <summary>Usage target after launch: the percentage of the work that goes through it.</summary>
    public const string TargetShare = "after-demo.target-share";

    /// <summary>The prototype's effort in person-weeks (the yardstick for production effort).</summary>
    public const string PrototypeEffort = "integration.prototype-effort";

    /// <summary>Production work in person-weeks.</summary>
    public const string ProductionEffort = "integration.production-effort";

    /// <summary>Who handled awkward cases and fixed things during the pilot.</summary>
    public const string PilotEdgeHandling = "workflow.pilot-edge-handling";

    /// <summary>Who handles awkward cases and fixes things in production.</summary>
    public const string ProductionEdgeHandling = "workflow.production-edge-handling";

    /// <summary>
    /// The questions the rules refer to by name: a new version keeps each one its predecessor has, with the same type
    /// (its wording, help and points may change).
    /// </summary>
    public static IReadOnlyList<string> Fixed { get; } =
    [
        WhatThen, InvolvementLevel, ProductionOwner, IntegrationSystems, IntegrationBudgeted, PrototypeCost, ProductionBudget,
        QualityReviewer, TeamSponsor, SystemOwner, Adoption, IntegrationBuilt, WhatThenOwner, SuccessCriteria, PilotUsers,
        TargetUsers, TargetShare, PrototypeEffort, ProductionEffort, PilotEdgeHandling, ProductionEdgeHandling,
    ];

    /// <summary>Person questions whose named person is asked to confirm the role.</summary>
    public static IReadOnlyList<string> Claimable { get; } = [ProductionOwner, QualityReviewer, TeamSponsor, SystemOwner];

    /// <summary>The <see cref="InvolvementLevel"/> option the users-involved gate asks for.</summary>
    public const string InvolvedLevel = "involved";

    /// <summary>The <see cref="IntegrationSystems"/> option that means "no live system to connect".</summary>
    public const string NoLiveSystem = "none";
}
