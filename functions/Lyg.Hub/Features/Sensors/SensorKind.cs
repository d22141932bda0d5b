using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// A kind of sensor as data (<c>sensor-kinds.json</c>): what it measures, the physical range of each value, how often
/// it reports, when its alerts become cases, and the rules every sensor of the kind starts with.
/// </summary>
/// <param name="Id">kebab-case, e.g. <c>water-level</c>.</param>
/// <param name="Name">The Chinese name staff know it by (积水/河道水位).</param>
/// <param name="Domain">The plan's monitoring domain (排水防汛, 桥梁, 智慧工地, …).</param>
/// <param name="DataModel">The FIWARE Smart Data Model its values follow, where one exists (WaterObserved, …).</param>
/// <param name="Values">The value names a reading may carry (FIWARE attribute names where they exist).</param>
/// <param name="Case">When an alert of the kind becomes a case; null: its alerts never do (weather).</param>
public sealed record SensorKind(
    string Id,
    string Name,
    string Domain,
    string? DataModel,
    IReadOnlyDictionary<string, SensorValueSpec> Values,
    TimeSpan DefaultInterval,
    AlertCasePolicy? Case,
    IReadOnlyList<SensorRule> Rules);

/// <summary>One value of a kind's readings: its unit and the range it can physically take; outside it a reading is refused.</summary>
public sealed record SensorValueSpec(string Name, string Unit, double Min, double Max);

/// <summary>A rule of a kind, by its <c>"type"</c>. Its id is unique within the kind and names it in overrides and alerts.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ThresholdRule), ThresholdRule.Type)]
[JsonDerivedType(typeof(RateRule), RateRule.Type)]
[JsonDerivedType(typeof(StaleRule), StaleRule.Type)]
[JsonDerivedType(typeof(AllRule), AllRule.Type)]
public abstract record SensorRule(string Id)
{
    /// <summary>The rule as GET v1/monitoring/sensors/{id} shows it.</summary>
    public abstract SensorRuleView ToView();
}

/// <summary>
/// Holds while <see cref="Value"/> is beyond a limit in <see cref="Direction"/>, at the most severe level passed. It
/// clears only once the value is back by <see cref="Hysteresis"/>, so a value hovering at a limit does not flap.
/// </summary>
/// <param name="Levels">Limits by warning level name (blue, yellow, orange, red): any non-empty subset, more severe further in the direction.</param>
public sealed record ThresholdRule(string Id, string Value, RuleDirection Direction, IReadOnlyDictionary<string, double> Levels, double Hysteresis = 0)
    : SensorRule(Id)
{
    public const string Type = "threshold";

    /// <summary>The limits from the least severe to the most; valid once the catalogue's checks passed.</summary>
    [JsonIgnore]
    public IReadOnlyList<(WarningLevel Level, double Limit)> Grades =>
        [.. Levels.Select(l => (Level: WireNames.TryParse<WarningLevel>(l.Key, out var level) ? level : default, l.Value)).OrderByDescending(g => g.Level)];

    public override SensorRuleView ToView() => new(Id, Type, Value, Direction, Levels, Hysteresis);
}

/// <summary>Holds at <see cref="Level"/> while <see cref="Value"/> changes faster than <see cref="PerMinute"/> (units per minute) in <see cref="Direction"/>.</summary>
public sealed record RateRule(string Id, string Value, RuleDirection Direction, double PerMinute, WarningLevel Level) : SensorRule(Id)
{
    public const string Type = "rate";

    public override SensorRuleView ToView() => new(Id, Type, Value, Direction, PerMinute: PerMinute, Level: Level);
}

/// <summary>Holds at <see cref="Level"/> when the sensor sent nothing within <see cref="AfterIntervals"/> of its reporting intervals.</summary>
public sealed record StaleRule(string Id, int AfterIntervals, WarningLevel Level) : SensorRule(Id)
{
    public const string Type = "stale";

    public override SensorRuleView ToView() => new(Id, Type, AfterIntervals: AfterIntervals, Level: Level);
}

/// <summary>Holds at <see cref="Level"/> while every rule it names (of the same sensor) holds.</summary>
public sealed record AllRule(string Id, IReadOnlyList<string> Rules, WarningLevel Level) : SensorRule(Id)
{
    public const string Type = "all";

    public override SensorRuleView ToView() => new(Id, Type, Rules: Rules, Level: Level);
}

/// <summary>
/// A sensor's change to one rule of its kind, by rule id: new levels, hysteresis, rate, level or number of intervals
/// (each only where the rule's type has it), or the rule switched off.
/// </summary>
public sealed record SensorRuleOverride(
    string Rule,
    bool Disabled = false,
    IReadOnlyDictionary<string, double>? Levels = null,
    double? Hysteresis = null,
    double? PerMinute = null,
    WarningLevel? Level = null,
    int? AfterIntervals = null);

/// <summary>The file of kinds, built in or configured (<c>Sensors:KindsFile</c>).</summary>
public sealed record SensorKindFile(string? Note, IReadOnlyList<SensorKindEntry> Kinds);

/// <summary>A kind as written in the file: its values by name.</summary>
public sealed record SensorKindEntry(
    string Id,
    string Name,
    string Domain,
    string? DataModel,
    IReadOnlyDictionary<string, SensorValueEntry> Values,
    TimeSpan DefaultInterval,
    AlertCasePolicy? Case,
    IReadOnlyList<SensorRule> Rules);

public sealed record SensorValueEntry(string Unit, double Min, double Max);

/// <summary>
/// Strict reading: a member the format does not define, a missing one or an enum name it does not declare fails the
/// load with its path, and the rule type may come anywhere in a rule's object.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SensorKindFile))]
[JsonSerializable(typeof(IReadOnlyList<SensorRuleOverride>))]
internal sealed partial class SensorJsonContext : JsonSerializerContext;
