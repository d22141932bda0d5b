using Lyg.Contracts;
using Lyg.Hub.Features.Intake;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Storage;

/// <summary>
/// A new case as intake creates it, with the clock of its registration stage already running (of its check stage when
/// it starts <see cref="State"/> handled, fixed on the spot). <see cref="Location"/> is the reported point converted
/// to WGS84; <see cref="Place"/> is null when that point lies in no unit grid.
/// </summary>
public sealed record NewCase(
    string CaseId,
    CaseSource Source,
    string Description,
    string? CategoryCode,
    GeoPoint Location,
    GeoPoint ReportedPoint,
    CoordinateSystem ReportedCrs,
    GridLocation? Place,
    string? Address,
    IReadOnlyList<string> AttachmentIds,
    string ReporterSubject,
    string ReporterRole,
    DateTimeOffset ReportedAt,
    StageClock RegistrationClock,
    CaseComponent? Component = null,
    CodeKind? CategoryKind = null,
    string ReporterIssuer = "",
    Urgency? Urgency = null,
    DateTimeOffset? UpstreamDeadline = null,
    IReadOnlyList<CaseLink>? Links = null,
    CaseState State = CaseState.Reported,
    IReadOnlyList<LikelyDuplicate>? LikelyDuplicates = null);

/// <summary>
/// A case merged into a main case (并单), as the main case records it at the merge: what the main case's close needs to
/// tell the merged case's reporter (a citizen's issuer and subject) and, for a 12345 order, 12345 (its work-order number).
/// </summary>
public sealed record MergedCase(string CaseId, CaseSource Source, string ReporterIssuer, string ReporterSubject, string? WorkOrderNo);

/// <summary>A stored case with everything recorded in its partition.</summary>
public sealed record StoredCase(
    string CaseId,
    CaseFacts Facts,
    CaseSource Source,
    string Description,
    GeoLocation Location,
    string? Address,
    IReadOnlyList<string> AttachmentIds,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<SlipView> Slips,
    GeoLocation? ReportedLocation,
    CasePlace? Place,
    CaseComponent? Component = null,
    DateTimeOffset? UpstreamDeadline = null,
    IReadOnlyList<CaseLink>? Links = null,
    IReadOnlyList<LikelyDuplicate>? LikelyDuplicates = null,
    IReadOnlyList<MergedCase>? MergedCases = null);

/// <summary>
/// A requested change: who asks, what the timeline records, and the decision over the current facts. The decision
/// runs inside the optimistic-concurrency loop, so it always sees the facts it is about to replace.
/// <see cref="LocateUnplaced"/>, when given, places a case that has no place yet from its stored WGS84 latitude and
/// longitude as the transition is applied (registration fills in what intake could not). <see cref="Outcome"/> is what
/// a decision decided (<c>approved</c>, <c>rejected</c>), for the outbound messages of the change. <see cref="Absorbs"/>,
/// when given, is a case merged into this one, recorded on it (once) by the transition.
/// </summary>
public sealed record CaseTransition(
    string Action,
    string Actor,
    string Role,
    DateTimeOffset At,
    string? Reason,
    IReadOnlyList<string> AttachmentIds,
    Func<CaseFacts, CaseDecision> Decide,
    Func<double, double, GridLocation?>? LocateUnplaced = null,
    string? Outcome = null,
    MergedCase? Absorbs = null);

/// <summary>Either the facts after the action, or why it is refused.</summary>
public sealed record CaseDecision(CaseFacts? Next, TransitionOutcome Refusal, string? Detail)
{
    /// <summary>The timeline's reason when only the decision knows it (a deadline moved from … to …); else the transition's.</summary>
    public string? Reason { get; init; }

    public static CaseDecision Allow(CaseFacts next) => new(next, TransitionOutcome.Applied, null);

    /// <summary>The case's state (or a pending request) does not allow the action: 409.</summary>
    public static CaseDecision Conflict(string detail) => new(null, TransitionOutcome.StateConflict, detail);

    /// <summary>The caller may take this action in general but not on this case (another unit's case): 403.</summary>
    public static CaseDecision NotYours(string detail) => new(null, TransitionOutcome.NotPermitted, detail);

    /// <summary>The caller may not see the case: answered as if there were none (404).</summary>
    public static CaseDecision Hidden { get; } = new(null, TransitionOutcome.NotFound, "The caller may not see the case.");
}

/// <summary>Outcome of a transition attempt.</summary>
public enum TransitionOutcome
{
    Applied,
    /// <summary>The same Idempotency-Key was applied before with the same request; nothing was written again.</summary>
    Replayed,
    NotFound,
    StateConflict,
    NotPermitted,
    KeyReusedForDifferentRequest,
}

public sealed record TransitionResult(TransitionOutcome Outcome, CaseState? State, string? Detail = null);

/// <summary>Filters of GET v1/cases; every one narrows the result.</summary>
public sealed record CaseFilter(
    CaseState? State,
    string? Unit,
    string? Category,
    CaseSource? Source,
    ReporterId? Reporter,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset? OverdueAt,
    string? Grid,
    string? District);

/// <summary>A reporter as cases record them: a subject of the identity provider that issued it.</summary>
public sealed record ReporterId(string Issuer, string Subject);

/// <summary>A case as lists show it.</summary>
public sealed record StoredCaseSummary(
    string CaseId, CaseFacts Facts, CaseSource Source, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt, string? Grid, string Description, string? Address);
