using Lyg.Contracts;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// Input of one case's workflow. Timings are fixed when the case starts, so a configuration change never alters
/// the deadlines of a case already in flight and replays stay deterministic.
/// </summary>
public sealed record CaseWorkflowInput(string CaseId, StageTiming Registration);

/// <summary>How long a stage may take and how the reminder ladder repeats once it is late.</summary>
public sealed record StageTiming(TimeSpan Limit, TimeSpan ReminderInterval, int MaxReminders);

/// <summary>External event raised after an action changed the case's state in storage.</summary>
public sealed record CaseStateChanged(CaseState State);

/// <summary>Custom status of a running case workflow: the stage it waits in and that stage's deadline.</summary>
public sealed record CaseWorkflowStatus(string Stage, DateTimeOffset Deadline, int SlipsIssued);

/// <summary>Result of a finished case workflow.</summary>
public sealed record CaseOutcome(CaseState State);

/// <summary>A supervision slip as the workflow issues it; its id is derived from case, stage and number so a replay upserts the same row.</summary>
public sealed record IssueSlipCommand(
    string CaseId,
    string Stage,
    int Number,
    SlipKind Kind,
    DateTimeOffset IssuedAt,
    DateTimeOffset Deadline,
    string AddressedTo)
{
    public string SlipId => $"{CaseId}-{Stage}-{Number:D3}";
}

/// <summary>Names shared by the workflow and whoever raises its events.</summary>
public static class CaseWorkflowNames
{
    /// <summary>Raised after any action that changed the stored state of the case.</summary>
    public const string StateChangedEvent = "CaseStateChanged";

    public const string RegistrationStage = "register";

    /// <summary>The registration stage waits on the acceptance desk (受理员/值班长), not on a unit.</summary>
    public const string CenterDesk = "center";

    /// <summary>Durable instance id of a case; one instance per case lifecycle.</summary>
    public static string InstanceId(string caseId) => $"case-{caseId}";
}
