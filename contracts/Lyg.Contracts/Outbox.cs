using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// What the hub POSTs to a destination: one message, whatever its kind. <see cref="Id"/> is also the request's
/// <c>Idempotency-Key</c>, the same on every attempt; <see cref="Sequence"/> is the case's timeline entry that caused
/// it, so a destination can order a case's messages and see a gap. <see cref="At"/> is the time of that state change.
/// </summary>
public sealed record OutboxEnvelope(string Id, string Kind, string CaseId, int Sequence, DateTimeOffset At, JsonElement Payload);

/// <summary>
/// The payload of a <c>case-event</c> message: one transition of a case as its timeline records it, without personal
/// data (no reporter, no actor's identity, no free text).
/// </summary>
public sealed record CaseEvent(
    string Action,
    CaseState? FromState,
    CaseState ToState,
    string ActorRole,
    CaseSource Source,
    string? CategoryCode,
    Urgency? Urgency,
    string? AssignedUnit,
    int ReworkCount,
    string? Grid);

/// <summary>Where an outbound message stands.</summary>
[JsonConverter(typeof(WireEnumConverter<OutboxMessageState>))]
public enum OutboxMessageState
{
    /// <summary>Waiting for its first attempt or for a retry.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,
    /// <summary>Refused by its destination or out of attempts: waits for an administrator's redelivery.</summary>
    [JsonStringEnumMemberName("dead")]
    Dead,
}

/// <summary>An undelivered message as GET v1/outbox/messages lists it.</summary>
public sealed record OutboxMessageView(
    string Id,
    string Destination,
    string Kind,
    string CaseId,
    int Sequence,
    OutboxMessageState State,
    DateTimeOffset At,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? DeadAt);

public sealed record OutboxMessagePage(IReadOnlyList<OutboxMessageView> Items, string? ContinuationToken);
