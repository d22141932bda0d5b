using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// A sensor of the registry: its kind, where it stands (WGS84) and the grid, community, street and district that
/// covers it, its owner unit, how often it reports, and its changes to its kind's rules.
/// </summary>
public sealed record Sensor(
    string Id,
    string Kind,
    string Name,
    GeoPoint Location,
    GridLocation Place,
    string? UnitCode,
    TimeSpan Interval,
    IReadOnlyList<SensorRuleOverride> Overrides)
{
    /// <summary>When the registry last wrote it (its import); null for a sensor not read from the registry.</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>True when <paramref name="placeCode"/> is its grid, community, street or district.</summary>
    public bool IsIn(string placeCode) =>
        Place.Grid == placeCode || Place.Community.Code == placeCode || Place.Street.Code == placeCode || Place.District.Code == placeCode;
}
