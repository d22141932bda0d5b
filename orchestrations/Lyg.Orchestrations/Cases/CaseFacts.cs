using Lyg.Contracts;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// What actions decide on and change. Everything here is stored on the case row and changed only in the table
/// transaction that records the transition, so the state, the stage clock and the timeline never disagree.
/// <see cref="CategoryKind"/> says whether the category is a component or an event: a gb2013 code can be either, and
/// it is null when the case did not say so for such a code. The reporter is <see cref="ReporterSubject"/> of
/// <see cref="ReporterIssuer"/>: a subject names a person only within the identity provider that issued it.
/// <see cref="StageSequence"/> is, while no clock runs (closed, voided), the number of the last stage instance, so a
/// closed case reopened for rework begins a new instance (and new slip ids) instead of repeating the first; while a
/// clock runs it is 0 and the clock carries the number. <see cref="MergedInto"/> is the main case a merged case (并单)
/// was merged into; a merged case is finished like a closed or voided one, since the main case is handled in its stead.
/// </summary>
public sealed record CaseFacts(
    CaseState State,
    string ReporterSubject,
    string? CategoryCode,
    Urgency? Urgency,
    string? AssignedUnit,
    int ReworkCount,
    PendingPostponement? Postponement,
    bool SuspensionRequested,
    CaseState? SuspendedFrom,
    StageClock? Clock,
    Satisfaction? Satisfaction,
    CodeKind? CategoryKind = null,
    string ReporterIssuer = "",
    int StageSequence = 0,
    string? MergedInto = null)
{
    public bool IsFinished => State is CaseState.Closed or CaseState.Voided or CaseState.Merged;
}

/// <summary>A postponement the unit asked for; the stage clock is paused until it is decided.</summary>
public sealed record PendingPostponement(int ExtraWorkingDays, DateTimeOffset RequestedAt);

/// <summary>
/// The clock of the current stage: one instance per stage entry (a rework starts a new one), its limit in its clock
/// kind, the deadline computed once on entry (and moved only by a pause or an approved postponement).
/// </summary>
public sealed record StageClock(
    CaseStage Stage,
    int Sequence,
    DateTimeOffset StartedAt,
    TimeLimit Limit,
    DateTimeOffset Deadline,
    DateTimeOffset? PausedAt)
{
    public bool IsPaused => PausedAt is not null;
}
