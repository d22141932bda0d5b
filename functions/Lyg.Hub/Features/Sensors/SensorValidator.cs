using System.Globalization;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// Turns the records of a sensor file (CSV with longitude/latitude columns, or GeoJSON points) into sensors, collecting
/// every problem of every record: the id has the wire's shape and appears once; the kind is in the catalogue; the point
/// converts to WGS84 and lies in a grid of the place map (the <c>grid</c> field, when given, must be that grid); the
/// owner unit is in the registry; the interval is 10 s to 1 day; the overrides fit the kind's rules
/// (<see cref="EffectiveRules.Merge"/>). A record with any problem yields no sensor.
/// </summary>
public sealed class SensorValidator
{
    public const string IdField = "sensorId";
    public const string KindField = "kind";
    public const string NameField = "name";
    public const string GridField = "grid";
    public const string UnitField = "unit";
    public const string IntervalField = "interval";
    public const string OverridesField = "overrides";
    public const int MaxNameLength = 200;

    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    private readonly PlaceMap _places;
    private readonly SensorKindCatalog _kinds;
    private readonly IReadOnlySet<string> _units;
    private readonly CoordinateSystem _crs;

    /// <param name="units">The codes of the unit registry, loaded once per import.</param>
    public SensorValidator(PlaceMap places, SensorKindCatalog kinds, IReadOnlySet<string> units, CoordinateSystem crs)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(units);
        _places = places;
        _kinds = kinds;
        _units = units;
        _crs = crs;
    }

    /// <summary>The sensors of the records without problems; every problem found is added to <paramref name="problems"/>.</summary>
    public IReadOnlyList<Sensor> ValidSensors(IEnumerable<SourceFeature> features, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(problems);
        var firstRecordOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        var sensors = new List<Sensor>();
        foreach (var feature in features)
        {
            var before = problems.Count;
            var id = feature.Text(IdField);
            void Problem(string message) => problems.Add(ImportProblem.About(feature, id, message));
            if (Check(feature, id, firstRecordOfId, Problem) is { } sensor && problems.Count == before)
            {
                sensors.Add(sensor);
            }
        }

        return sensors;
    }

    private Sensor? Check(SourceFeature feature, string? id, Dictionary<string, long> firstRecordOfId, Action<string> problem)
    {
        if (id is null)
        {
            problem($"{IdField} is missing; every sensor needs its id");
        }
        else if (!TelemetryDocument.IsSensorId(id))
        {
            problem($"{IdField} '{id}' is not 1 to {TelemetryDocument.MaxSensorIdLength} letters, digits, '.', '_' or '-' (the id its readings carry)");
        }
        else if (!firstRecordOfId.TryAdd(id, feature.Record))
        {
            problem($"the id is also on record {firstRecordOfId[id]}; each sensor appears once per file");
        }

        var kindText = feature.Text(KindField);
        var kind = _kinds.Find(kindText);
        if (kind is null)
        {
            problem(kindText is null ? $"{KindField} is missing. {_kinds.Expected()}" : $"{KindField} '{kindText}' is not a sensor kind. {_kinds.Expected()}");
        }

        var name = feature.Text(NameField);
        if (name is { Length: > MaxNameLength })
        {
            problem($"{NameField} has {name.Length} characters; at most {MaxNameLength}");
        }

        var place = CheckPlace(feature, problem);
        var unit = feature.Text(UnitField);
        if (unit is not null && !_units.Contains(unit))
        {
            problem($"{UnitField} {unit} is not a unit of the registry; correct the code or add the unit first (PUT v1/units/{unit})");
        }

        var interval = CheckInterval(feature, kind, problem);
        var overrides = CheckOverrides(feature, kind, problem);
        return id is null || kind is null || place is not { } located || interval is not { } every || overrides is null
            ? null
            : new Sensor(id, kind.Id, name ?? $"{kind.Name} {id}", located.Point, located.Grid, unit, every, overrides);
    }

    private (GeoPoint Point, GridLocation Grid)? CheckPlace(SourceFeature feature, Action<string> problem)
    {
        if (feature.GeometryError is { } error)
        {
            problem($"the location cannot be read: {error}");
            return null;
        }

        if (feature.Geometry is not Point { IsEmpty: false } point)
        {
            problem(feature.Geometry is null || feature.Geometry.IsEmpty
                ? "the record has no location; a sensor is one point"
                : $"the geometry is a {feature.Geometry.GeometryType}; a sensor is one point");
            return null;
        }

        if (Math.Abs(point.Y) > 90 || Math.Abs(point.X) > 180)
        {
            problem(string.Create(CultureInfo.InvariantCulture, $"the coordinates ({point.X}, {point.Y}) are not longitude and latitude in degrees"));
            return null;
        }

        var wgs84 = CoordinateConversion.ToWgs84(new GeoPoint(point.Y, point.X), _crs);
        var located = _places.Grids.Locate(wgs84.Lat, wgs84.Lon);
        var given = feature.Text(GridField);
        if (located is null)
        {
            problem(string.Create(
                CultureInfo.InvariantCulture,
                $"the point ({wgs84.Lat:F6}, {wgs84.Lon:F6} in WGS84) lies in no unit grid of the place map ({_places.Label}): outside the city, in a gap, or not in {WireNames.Of(_crs)} as the import assumed"));
            return null;
        }

        if (given is not null && given != located.Grid)
        {
            problem(string.Create(CultureInfo.InvariantCulture, $"{GridField} is {given} but the point ({wgs84.Lat:F6}, {wgs84.Lon:F6} in WGS84) lies in grid {located.Grid}; correct the grid or the location"));
            return null;
        }

        return (wgs84, located);
    }

    /// <summary>A whole number of seconds or hh:mm:ss; absent: the kind's default.</summary>
    private static TimeSpan? CheckInterval(SourceFeature feature, SensorKind? kind, Action<string> problem)
    {
        var text = feature.Text(IntervalField);
        if (text is null)
        {
            return kind?.DefaultInterval ?? TimeSpan.Zero;
        }

        TimeSpan? interval = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxInterval.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (interval is not { } every || every < MinInterval || every > MaxInterval)
        {
            problem($"{IntervalField} '{text}' is not a reporting interval of {MinInterval.TotalSeconds:0} s to 1 day, in seconds or hh:mm:ss");
            return null;
        }

        return every;
    }

    private static IReadOnlyList<SensorRuleOverride>? CheckOverrides(SourceFeature feature, SensorKind? kind, Action<string> problem)
    {
        var text = feature.Text(OverridesField);
        if (text is null)
        {
            return [];
        }

        IReadOnlyList<SensorRuleOverride>? overrides;
        try
        {
            overrides = JsonSerializer.Deserialize(text, SensorJsonContext.Default.IReadOnlyListSensorRuleOverride);
        }
        catch (JsonException ex)
        {
            problem($"{OverridesField} is not a JSON array of rule overrides ({{\"rule\": \"level-high\", \"levels\": {{\"red\": 1.2}}}}): {ex.Message}");
            return null;
        }

        if (overrides is null || kind is null)
        {
            return overrides ?? [];
        }

        var (_, faults) = EffectiveRules.Merge(kind, overrides);
        foreach (var fault in faults)
        {
            problem($"{OverridesField}: {fault}");
        }

        return faults.Count == 0 ? overrides : null;
    }
}
