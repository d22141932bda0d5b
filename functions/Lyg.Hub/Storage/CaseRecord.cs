using Lyg.Contracts;

namespace Lyg.Hub.Storage;

/// <summary>A new case as intake creates it.</summary>
public sealed record NewCase(
    string CaseId,
    CaseSource Source,
    string Description,
    string? CategoryCode,
    double Latitude,
    double Longitude,
    CoordinateSystem Crs,
    string? Address,
    IReadOnlyList<string> AttachmentIds,
    string ReporterSubject,
    string ReporterRole,
    DateTimeOffset ReportedAt);

/// <summary>A stored case with everything recorded in its partition.</summary>
public sealed record StoredCase(
    string CaseId,
    CaseState State,
    CaseSource Source,
    string Description,
    string? CategoryCode,
    Urgency? Urgency,
    GeoLocation Location,
    string? Address,
    IReadOnlyList<string> AttachmentIds,
    string ReporterSubject,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<SlipView> Slips);

/// <summary>A requested state change: allowed source states, the target, who asks, and the fields it sets.</summary>
public sealed record CaseTransition(
    string Action,
    IReadOnlySet<CaseState> AllowedFrom,
    CaseState To,
    string Actor,
    string Role,
    DateTimeOffset At,
    string? Reason,
    string? CategoryCode = null,
    Urgency? Urgency = null);

/// <summary>Outcome of a transition attempt.</summary>
public enum TransitionOutcome
{
    Applied,
    /// <summary>The same Idempotency-Key was applied before with the same request; nothing was written again.</summary>
    Replayed,
    NotFound,
    StateConflict,
    KeyReusedForDifferentRequest,
}

public sealed record TransitionResult(TransitionOutcome Outcome, CaseState? State);
