namespace Lyg.Contracts;

/// <summary>GET v1/cases/{caseId}: the case as staff and the reporter see it.</summary>
public sealed record CaseView(
    string CaseId,
    CaseState State,
    CaseSource Source,
    string Description,
    string? CategoryCode,
    Urgency? Urgency,
    GeoLocation Location,
    string? Address,
    IReadOnlyList<string> AttachmentIds,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt,
    WorkflowView? Workflow,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<SlipView> Slips);

/// <summary>One transition on the case timeline.</summary>
public sealed record TimelineEntry(
    int Sequence,
    string Action,
    CaseState? FromState,
    CaseState ToState,
    string Actor,
    string Role,
    DateTimeOffset At,
    string? Reason);

/// <summary>A numbered supervision slip addressed to whoever must act next.</summary>
public sealed record SlipView(
    string SlipId,
    int Number,
    SlipKind Kind,
    string Stage,
    DateTimeOffset IssuedAt,
    DateTimeOffset Deadline,
    string AddressedTo);

/// <summary>What the case's durable workflow reports about itself.</summary>
public sealed record WorkflowView(string Status, string? Stage, DateTimeOffset? Deadline);
