using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>Which way a value crosses a rule's limits: rising above them or falling below them.</summary>
[JsonConverter(typeof(WireEnumConverter<RuleDirection>))]
public enum RuleDirection
{
    [JsonStringEnumMemberName("above")]
    Above,
    [JsonStringEnumMemberName("below")]
    Below,
}

/// <summary>
/// GET v1/monitoring/sensors: sensors of the registry in id order, each with its latest values (absent until the
/// sensor has reported). <see cref="ContinuationToken"/> is passed back unchanged for the next page.
/// </summary>
public sealed record SensorPage(IReadOnlyList<SensorSummary> Items, string? ContinuationToken);

/// <param name="Location">WGS84.</param>
/// <param name="Unit">The owner unit's code (权属单位), when the registry names one.</param>
/// <param name="Interval">How often the sensor reports (hh:mm:ss).</param>
/// <param name="Latest">The values of its latest reading by value name, taken at <paramref name="ObservedAt"/>.</param>
public sealed record SensorSummary(
    string SensorId,
    string Kind,
    string Name,
    GeoLocation Location,
    string Grid,
    string? Unit,
    TimeSpan Interval,
    DateTimeOffset? ObservedAt,
    IReadOnlyDictionary<string, double>? Latest);

/// <summary>
/// GET v1/monitoring/sensors/{sensorId}: the sensor, the rules in force for it (its kind's defaults with its own
/// overrides), its latest value of each value name and its recent readings, newest first.
/// </summary>
public sealed record SensorView(
    string SensorId,
    string Kind,
    string KindName,
    string Name,
    GeoLocation Location,
    string Grid,
    string Community,
    string Street,
    string District,
    string? Unit,
    TimeSpan Interval,
    IReadOnlyList<SensorRuleView> Thresholds,
    IReadOnlyDictionary<string, SensorLatestValue> Latest,
    IReadOnlyList<SensorRecentReading> RecentReadings,
    IReadOnlyList<AlertView> Alerts);

public sealed record SensorLatestValue(double Value, string Unit, DateTimeOffset ObservedAt);

public sealed record SensorRecentReading(DateTimeOffset ObservedAt, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// A rule in force, in the shape of the kind catalogue (<c>"type"</c>: threshold, rate, stale or all); members that
/// do not belong to its type are absent. <see cref="Levels"/> maps warning level names to limits.
/// </summary>
public sealed record SensorRuleView(
    string Id,
    string Type,
    string? Value = null,
    RuleDirection? Direction = null,
    IReadOnlyDictionary<string, double>? Levels = null,
    double? Hysteresis = null,
    double? PerMinute = null,
    int? AfterIntervals = null,
    IReadOnlyList<string>? Rules = null,
    WarningLevel? Level = null);
