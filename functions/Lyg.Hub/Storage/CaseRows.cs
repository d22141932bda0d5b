using Azure;
using Azure.Data.Tables;

namespace Lyg.Hub.Storage;

/// <summary>Row keys inside a case partition; fixed-width numbers keep them in order.</summary>
internal static class CaseRowKeys
{
    /// <summary>
    /// Whether a client-supplied id can be a table key at all ('/', '\', '#', '?' and control characters cannot);
    /// an id that cannot is simply not found, instead of reaching the table service as a malformed request.
    /// </summary>
    public static bool CanBeKey(string id) =>
        id.Length is > 0 and <= 256 && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    public const string Case = "case";
    public const string TimelinePrefix = "timeline-";
    public const string SlipPrefix = "slip-";
    public const string ActionKeyPrefix = "idem-";

    public static string Timeline(int sequence) => $"{TimelinePrefix}{sequence:D5}";
    public static string Slip(string slipId) => $"{SlipPrefix}{slipId}";
    public static string ActionKey(string keyHash) => $"{ActionKeyPrefix}{keyHash}";
}

/// <summary>The case itself. Enums are stored by name so rows stay readable in Storage Explorer.</summary>
internal sealed class CaseRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = CaseRowKeys.Case;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string State { get; set; } = "";
    public string Source { get; set; } = "";
    public string Description { get; set; } = "";
    public string? CategoryCode { get; set; }
    /// <summary>Component or event; null when an ambiguous gb2013 code came without it (and on older cases).</summary>
    public string? CategoryKind { get; set; }
    public string? Urgency { get; set; }
    /// <summary>The deadline an upper platform set for its task; null for every other source.</summary>
    public DateTimeOffset? UpstreamDeadline { get; set; }
    /// <summary>JSON array of what the case came from or belongs with (alerts, tasks, work orders); null when none.</summary>
    public string? Links { get; set; }
    /// <summary>What the unit's latest 处置完成 reported, and its photos (JSON array): what closing the case reports on.</summary>
    public string? HandlingResult { get; set; }
    public string? HandlingAttachmentIds { get; set; }
    /// <summary>并单: JSON arrays of the open cases intake found near the report, and of the cases merged into this one; the main case of a merged one.</summary>
    public string? LikelyDuplicates { get; set; }
    public string? MergedCases { get; set; }
    public string? MergedInto { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string Crs { get; set; } = "";
    /// <summary>The point as the client sent it; null on cases stored before intake converted points.</summary>
    public double? OriginalLatitude { get; set; }
    public double? OriginalLongitude { get; set; }
    public string? OriginalCrs { get; set; }
    /// <summary>The unit grid and places of the stored point; null while the point lies in no grid.</summary>
    public string? Grid { get; set; }
    public string? CommunityCode { get; set; }
    public string? CommunityName { get; set; }
    public string? StreetCode { get; set; }
    public string? StreetName { get; set; }
    public string? DistrictCode { get; set; }
    public string? DistrictName { get; set; }
    /// <summary>The component the report was about and its units at intake; null for a report about no component.</summary>
    public string? ComponentId { get; set; }
    public string? ComponentTypeCode { get; set; }
    public string? ComponentOwner { get; set; }
    public string? ComponentMaintainer { get; set; }
    public string? Address { get; set; }
    public string AttachmentIds { get; set; } = "[]";
    public string ReporterSubject { get; set; } = "";

    /// <summary>The issuer of the reporter's token; absent on rows written before issuers were recorded.</summary>
    public string? ReporterIssuer { get; set; }
    public string ReporterRole { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int TimelineCount { get; set; }

    public string? AssignedUnit { get; set; }
    public int ReworkCount { get; set; }
    public int? PostponementDays { get; set; }
    public DateTimeOffset? PostponementRequestedAt { get; set; }
    public bool SuspensionRequested { get; set; }
    public string? SuspendedFrom { get; set; }
    public string? Satisfaction { get; set; }

    public string? Stage { get; set; }
    public int StageSequence { get; set; }
    public DateTimeOffset? StageStartedAt { get; set; }
    public string? StageClock { get; set; }
    public double StageLimitAmount { get; set; }
    public DateTimeOffset? StageDeadline { get; set; }
    public DateTimeOffset? StagePausedAt { get; set; }
}

/// <summary>One transition on the timeline.</summary>
internal sealed class TimelineRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Sequence { get; set; }
    public string Action { get; set; } = "";
    public string? FromState { get; set; }
    public string ToState { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Reason { get; set; }
    public string? AttachmentIds { get; set; }
}

/// <summary>A supervision slip.</summary>
internal sealed class SlipRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SlipId { get; set; } = "";
    public int Number { get; set; }
    public string Kind { get; set; } = "";
    public string Stage { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public string AddressedTo { get; set; } = "";
    /// <summary>Kept beside <see cref="AcknowledgedAt"/> because table filters cannot test for null.</summary>
    public bool Acknowledged { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}

/// <summary>Marks an action request (by its Idempotency-Key) as applied; written in the same transaction as the transition.</summary>
internal sealed class ActionKeyRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string RequestHash { get; set; } = "";
    public string ResultState { get; set; } = "";
}
