using System.Text.Json;

namespace Lyg.Contracts;

/// <summary>
/// POST v1/hotline12345/work-orders: a 12345 work order in the hub's own wire format (a city's 12345 format is mapped
/// onto it by an adapter). Times (<see cref="AcceptedAt"/>, <see cref="DueAt"/>, <see cref="UpdatedAt"/>, an urging's
/// <c>at</c>) are JSON elements because hotline systems send them as ISO 8601 with or without a zone, or as epoch
/// seconds or milliseconds, in numbers or strings. <see cref="UpdatedAt"/> (optional) is when 12345 last changed the
/// order: a push older than one already taken changes nothing. <see cref="Urgings"/> are 12345's 催办 so far.
/// </summary>
public sealed record HotlineWorkOrder(
    string? WorkOrderNo,
    JsonElement? AcceptedAt,
    HotlineCaller? Caller,
    string? Address,
    GeoLocation? Location,
    string? Description,
    Urgency? Urgency,
    IReadOnlyList<string>? CategoryPath,
    JsonElement? DueAt,
    IReadOnlyList<string>? AttachmentUrls,
    JsonElement? UpdatedAt = null,
    IReadOnlyList<HotlineUrging>? Urgings = null);

/// <summary>The caller of a work order: personal data, encrypted at rest and shown only to center staff.</summary>
public sealed record HotlineCaller(string? Name, string? Phone);

/// <summary>One 催办 of 12345 on a work order.</summary>
public sealed record HotlineUrging(JsonElement? At, string? Note);

/// <summary>
/// 202 answer to a pushed work order: its case, and what this push did to it — <c>created</c> the case, <c>updated</c>
/// its timeline (added details or urging), or <c>unchanged</c> (a repeat, or older than what the case has).
/// </summary>
public sealed record HotlineWorkOrderAccepted(string CaseId, string Outcome, string StatusUrl);

/// <summary>
/// POST v1/hotline12345/callbacks: the result of 12345's 回访 (follow-up call) on a work order. Satisfaction takes
/// <c>satisfied</c> (满意), <c>basicallySatisfied</c> (基本满意) or <c>dissatisfied</c> (不满意), as the rating of a case.
/// </summary>
public sealed record HotlineCallback(string? WorkOrderNo, Satisfaction? Satisfaction, bool? Solved, string? Reason, JsonElement? VisitedAt);

/// <summary>202 answer to a callback: the case, its state after it, and whether it was reopened for rework (重办).</summary>
public sealed record HotlineCallbackAccepted(string CaseId, CaseState State, bool Reopened, string StatusUrl);

/// <summary>
/// The payload of the feedback messages the outbox sends to 12345: <c>hotline-accepted</c> (签收),
/// <c>hotline-returned</c> (退单, with the reason), <c>hotline-postponed</c> (延期, with the new deadline) and
/// <c>hotline-closed</c> (办结, with the handling result and photo links). No personal data.
/// </summary>
public sealed record HotlineFeedback(
    string WorkOrderNo,
    string Feedback,
    DateTimeOffset At,
    CaseState State,
    string? Reason = null,
    string? Result = null,
    DateTimeOffset? Deadline = null,
    IReadOnlyList<string>? PhotoUrls = null);
