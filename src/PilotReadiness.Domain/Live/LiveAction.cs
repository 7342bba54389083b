namespace PilotReadiness.Domain.Live;

/// <summary>
/// The changes that can be made to a pilot after launch. <see cref="LivePilot.WhyNot"/> says, for each, whether the
/// live pilot's state allows it now; the application decides who may ask for it.
/// </summary>
public enum LiveAction
{
    GoLive,
    ChangePlan,
    FileCheckIn,
    CorrectCheckIn,
    SendCheckInLink,
    ManageKeys,
    PostSignals,
    RecordOutcome,
}
