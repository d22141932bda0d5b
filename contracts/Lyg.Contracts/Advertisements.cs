using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>Where an outdoor advertisement's permit stands on a China Standard Time date.</summary>
[JsonConverter(typeof(WireEnumConverter<PermitStanding>))]
public enum PermitStanding
{
    /// <summary>Valid beyond the warning days.</summary>
    [JsonStringEnumMemberName("valid")]
    Valid,

    /// <summary>Valid, with its last day within the warning days.</summary>
    [JsonStringEnumMemberName("expiring")]
    Expiring,

    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>Granted for days still to come.</summary>
    [JsonStringEnumMemberName("not-yet-valid")]
    NotYetValid,
}

/// <summary>
/// GET v1/monitoring/advertisements: the outdoor advertisements and signboards of the registry (智慧广告) in id order,
/// each with where its permit stands today. <see cref="ContinuationToken"/> is passed back unchanged for the next page.
/// </summary>
public sealed record AdvertisementPage(IReadOnlyList<AdvertisementSummary> Items, string? ContinuationToken);

/// <param name="Location">WGS84.</param>
/// <param name="PermitValidFrom">The permit's first valid day (China Standard Time).</param>
/// <param name="PermitValidUntil">Its last valid day, included.</param>
/// <param name="DaysLeft">Days from today to the last valid day; negative once lapsed.</param>
/// <param name="PermitLevel">The warning level the daily permit job gives it today; null when none.</param>
public sealed record AdvertisementSummary(
    string AdvertisementId,
    string Kind,
    string Owner,
    GeoLocation Location,
    string? Grid,
    string PermitNumber,
    DateOnly PermitValidFrom,
    DateOnly PermitValidUntil,
    PermitStanding Permit,
    int DaysLeft,
    WarningLevel? PermitLevel);
