namespace Lyg.Contracts;

/// <summary>
/// GET v1/cases/{caseId}: the case as staff, its unit and its reporter see it. <see cref="Location"/> is in WGS84, the
/// storage system; <see cref="ReportedLocation"/> is the point as the client sent it (absent on cases stored before
/// conversion at intake), and <see cref="Place"/> is absent when the point lies in no unit grid.
/// <see cref="SuggestedUnit"/> is the unit routing names while the case waits for dispatch; <see cref="Component"/>
/// is present when the report was about a registered component. <see cref="CategoryKind"/> says whether the category
/// is a component or an event; it is absent for a gb2013 code that names both when nobody said which.
/// <see cref="Caller"/> is the 12345 caller of a hotline case, present only in the view of center staff.
/// <see cref="Duplicates"/> (staff only) are the open cases intake found near it, and what merging did to it.
/// </summary>
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
    string? AssignedUnit,
    int ReworkCount,
    StageView? Stage,
    PendingRequests Pending,
    Satisfaction? Satisfaction,
    WorkflowView? Workflow,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<SlipView> Slips,
    GeoLocation? ReportedLocation,
    CasePlace? Place,
    string? SuggestedUnit = null,
    CaseComponent? Component = null,
    CodeKind? CategoryKind = null,
    HotlineCaller? Caller = null,
    CaseDuplicates? Duplicates = null);

/// <summary>
/// The component (部件) a case is about, as its registry record stood at intake: the type and the unit codes of its
/// owner (权属单位) and maintenance unit (养护单位), which routing uses.
/// </summary>
public sealed record CaseComponent(string Id, string TypeCode, string? OwnerUnit, string? MaintenanceUnit);

/// <summary>The unit grid a case lies in and the places above it.</summary>
public sealed record CasePlace(string Grid, PlaceView Community, PlaceView Street, PlaceView District);

/// <summary>The stage the case is in, its time limit and deadline, and the traffic light.</summary>
public sealed record StageView(
    string Name,
    int Sequence,
    DateTimeOffset StartedAt,
    string Clock,
    double LimitAmount,
    DateTimeOffset Deadline,
    bool Paused,
    TrafficLight Light);

/// <summary>Requests awaiting a decision.</summary>
public sealed record PendingRequests(int? PostponementWorkingDays, bool Suspension);

/// <summary>One transition on the case timeline.</summary>
public sealed record TimelineEntry(
    int Sequence,
    string Action,
    CaseState? FromState,
    CaseState ToState,
    string Actor,
    string Role,
    DateTimeOffset At,
    string? Reason,
    IReadOnlyList<string>? AttachmentIds);

/// <summary>A numbered supervision slip addressed to whoever must act next.</summary>
public sealed record SlipView(
    string SlipId,
    string CaseId,
    int Number,
    SlipKind Kind,
    string Stage,
    DateTimeOffset IssuedAt,
    DateTimeOffset Deadline,
    string AddressedTo,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy);

/// <summary>What the case's durable workflow reports about itself.</summary>
public sealed record WorkflowView(string Status, string? Stage, DateTimeOffset? Deadline);

/// <summary>One row of GET v1/cases.</summary>
public sealed record CaseSummary(
    string CaseId,
    CaseState State,
    CaseSource Source,
    string? CategoryCode,
    Urgency? Urgency,
    string? AssignedUnit,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt,
    string? Stage,
    DateTimeOffset? Deadline,
    TrafficLight? Light,
    string? Grid);

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? ContinuationToken);

public sealed record SlipPage(IReadOnlyList<SlipView> Items, string? ContinuationToken);
