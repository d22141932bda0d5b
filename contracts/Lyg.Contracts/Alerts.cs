using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// Where a monitoring alert stands: raised → acknowledged (by the operations centre) → case created (at its kind's
/// case level, through the intake) → cleared (the condition ended). A case may be created before anyone acknowledged.
/// </summary>
[JsonConverter(typeof(WireEnumConverter<AlertState>))]
public enum AlertState
{
    [JsonStringEnumMemberName("raised")]
    Raised,
    [JsonStringEnumMemberName("acknowledged")]
    Acknowledged,
    [JsonStringEnumMemberName("case-created")]
    CaseCreated,
    [JsonStringEnumMemberName("cleared")]
    Cleared,
}

/// <summary>
/// A graded alert as the operations centre sees it. <see cref="Level"/> is the current level, <see cref="PeakLevel"/>
/// the most severe it reached; <see cref="Flaps"/> counts how often it cleared and came back within the flap window,
/// which reopens the same alert instead of raising a new one.
/// </summary>
public sealed record AlertView(
    string AlertId,
    AlertSubject Subject,
    string SubjectId,
    string Kind,
    string Rule,
    WarningLevel Level,
    WarningLevel PeakLevel,
    AlertState State,
    string Summary,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    double? Lat,
    double? Lon,
    string? Grid,
    string? DistrictCode,
    string? CaseId,
    string? CaseProblem,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClearedAt,
    int Flaps);

public sealed record AlertPage(IReadOnlyList<AlertView> Items, string? ContinuationToken);
