using Lyg.Contracts;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// Input of one case's workflow. The ladder is fixed when the case starts, so a configuration change never alters
/// the supervision of a case already in flight and replays stay deterministic. Intake starts the workflow before it
/// stores the case; <see cref="IntakeGrace"/> is how long the workflow waits for the case to appear.
/// <see cref="Expected"/> is the reading of the case a first intake is about to store: the workflow starts on it
/// instead of reading storage (an activity and an episode fewer per report), and reads the case first when it wakes.
/// </summary>
public sealed record CaseWorkflowInput(string CaseId, SupervisionLadder Ladder, TimeSpan IntakeGrace = default, CaseClockReading? Expected = null);

/// <summary>External event raised after an action changed the case in storage; a nudge to re-read it.</summary>
public sealed record CaseStateChanged(CaseState State);

/// <summary>Custom status of a running case workflow.</summary>
public sealed record CaseWorkflowStatus(string? Stage, DateTimeOffset? Deadline, bool Paused);

/// <summary>Result of a finished case workflow: the final state, or null when the case was never stored (intake failed).</summary>
public sealed record CaseOutcome(CaseState? State);

/// <summary>What the workflow reads from storage each time it wakes: the state, the stage clock and its ladder.</summary>
public sealed record CaseClockReading(
    CaseState State,
    bool Finished,
    string? Stage,
    DateTimeOffset? Deadline,
    bool Paused,
    string AddressedTo,
    IReadOnlyList<PlannedSlip> Ladder,
    IReadOnlyList<string> IssuedSlipIds)
{
    /// <summary>The reading of a case with these facts and issued slips: its current stage's ladder planned on the calendar.</summary>
    public static CaseClockReading Of(string caseId, CaseFacts facts, IEnumerable<string> issuedSlipIds, SupervisionLadder ladder, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var clock = facts.Clock;
        return new CaseClockReading(
            facts.State,
            facts.IsFinished,
            clock is null ? null : StageClocks.WireName(clock.Stage),
            clock?.Deadline,
            clock?.IsPaused ?? false,
            clock is null ? CaseWorkflowNames.CenterDesk : SupervisionPlan.AddresseeOf(clock.Stage, facts.AssignedUnit),
            clock is null || facts.IsFinished ? [] : SupervisionPlan.For(caseId, clock, ladder, calendar),
            [.. issuedSlipIds]);
    }
}

/// <summary>Input of <see cref="ReadCaseClock"/>.</summary>
public sealed record ReadCaseClockRequest(string CaseId, SupervisionLadder Ladder);

/// <summary>A supervision slip as the workflow issues it; its id comes from the plan, so a replay upserts the same row.</summary>
public sealed record IssueSlipCommand(
    string CaseId,
    string SlipId,
    int Number,
    SlipKind Kind,
    string Stage,
    DateTimeOffset IssuedAt,
    DateTimeOffset Deadline,
    string AddressedTo);

/// <summary>Names shared by the workflow and whoever raises its events.</summary>
public static class CaseWorkflowNames
{
    /// <summary>Raised after any action that changed the stored case.</summary>
    public const string StateChangedEvent = "CaseStateChanged";

    /// <summary>Slips of the register, dispatch and check stages go to the command center (受理/派遣/核查).</summary>
    public const string CenterDesk = "center";

    /// <summary>Durable instance id of a case; one instance per case lifecycle.</summary>
    public static string InstanceId(string caseId) => $"case-{caseId}";
}
