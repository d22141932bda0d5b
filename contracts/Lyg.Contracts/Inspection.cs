using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// GET/PUT v1/inspectors/{inspectorId}: an inspector (监督员) of the registry. <see cref="InspectorId"/> is the subject
/// of the inspector's token; <see cref="PatrolAreas"/> are the unit grids (15 digits) and communities (12) they patrol.
/// </summary>
public sealed record InspectorView(string InspectorId, string Name, IReadOnlyList<string> PatrolAreas, bool Active);

/// <summary>PUT v1/inspectors/{inspectorId}: the whole inspector; an omitted <c>active</c> means active.</summary>
public sealed record UpsertInspectorRequest(string? Name, IReadOnlyList<string?>? PatrolAreas, bool? Active);

/// <summary>
/// The body of the case action <c>assign-inspector</c>: the center gives the case's 核实 (reported) or 核查 (handled)
/// task to an inspector, by default the one whose patrol area holds the case.
/// </summary>
public sealed record AssignInspectorRequest(string? InspectorId, string? Note);

/// <summary>What an inspection task asks: 核实 (verify a report before registration) or 核查 (check a handled case).</summary>
[JsonConverter(typeof(WireEnumConverter<InspectionKind>))]
public enum InspectionKind
{
    [JsonStringEnumMemberName("verify")]
    Verify,
    [JsonStringEnumMemberName("check")]
    Check,
}

/// <summary>
/// An inspection task's state: open until the inspector completes it, or cancelled when its case left the task's stage
/// by another path (an operator registered, voided or checked it directly).
/// </summary>
[JsonConverter(typeof(WireEnumConverter<InspectionTaskState>))]
public enum InspectionTaskState
{
    [JsonStringEnumMemberName("open")]
    Open,
    [JsonStringEnumMemberName("completed")]
    Completed,
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>How a completed task ended: a verify task confirmed or not, a check task passed or failed.</summary>
[JsonConverter(typeof(WireEnumConverter<InspectionOutcome>))]
public enum InspectionOutcome
{
    [JsonStringEnumMemberName("confirmed")]
    Confirmed,
    [JsonStringEnumMemberName("notConfirmed")]
    NotConfirmed,
    [JsonStringEnumMemberName("passed")]
    Passed,
    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>
/// POST v1/inspector/tasks/{taskId}/complete: a verify task takes <see cref="Confirmed"/>, a check task
/// <see cref="Passed"/>; remarks and the inspector's own photos either way.
/// </summary>
public sealed record CompleteInspectionTaskRequest(bool? Confirmed, bool? Passed, string? Remarks, IReadOnlyList<string>? AttachmentIds);

/// <summary>核实 recorded on the case (the case action <c>verify</c>): confirmed leaves it for registration, not confirmed voids it.</summary>
public sealed record VerifyCaseRequest(bool? Confirmed, string? Remarks, IReadOnlyList<string>? AttachmentIds);

/// <summary>
/// One task of GET v1/inspector/tasks. <see cref="DueAt"/> is the deadline of the case's stage the task lies in (立案 for
/// verify, 核查 for check); <see cref="DistanceMetres"/> is there when the app sent its position.
/// </summary>
public sealed record InspectionTaskView(
    string TaskId,
    InspectionKind Kind,
    string CaseId,
    InspectionTaskState State,
    DateTimeOffset AssignedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    string Description,
    string? CategoryCode,
    string? Address,
    GeoLocation Location,
    double? DistanceMetres = null,
    DateTimeOffset? CompletedAt = null,
    InspectionOutcome? Outcome = null,
    string? Remarks = null,
    IReadOnlyList<string>? AttachmentIds = null);

/// <summary>GET v1/inspector/tasks: open tasks (nearest or soonest due first), then the recently ended ones.</summary>
public sealed record InspectionTaskList(IReadOnlyList<InspectionTaskView> Items);

/// <summary>202 answer to <c>assign-inspector</c>: the task, whom it went to, and when it is due.</summary>
public sealed record InspectionTaskAssigned(string CaseId, string TaskId, InspectionKind Kind, string InspectorId, DateTimeOffset DueAt, string StatusUrl);
