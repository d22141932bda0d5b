using Lyg.Contracts;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>Whether a vehicle must stay inside a fence (a permitted route: leaving it is the violation) or out of it (the old town, a school zone).</summary>
public enum FenceMode
{
    Allowed,
    Forbidden,
}

/// <summary>
/// An area as data, in WGS84: a polygon, or a corridor (a line and a full width in metres, so a point is inside
/// within half the width of the line). A point on a polygon's boundary or exactly half the width from the line is
/// inside: a GPS fix on the edge of a permitted route is not off it, and one on the edge of a forbidden zone is in it.
/// <see cref="ActiveHours"/>, when given, limits when the fence applies (a school zone at school hours).
/// </summary>
public sealed class Geofence
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private readonly Polygon? _polygon;
    private readonly Coordinate[]? _line;

    private Geofence(
        string id, FenceMode mode, IReadOnlyList<GeoPoint> points, FenceRules rules, Polygon? polygon, Coordinate[]? line, double widthMetres)
    {
        (Id, Mode, Points, Level, ActiveHours, Case, _polygon, _line, WidthMetres) =
            (id, mode, points, rules.Level, rules.ActiveHours, rules.Case, polygon, line, widthMetres);
    }

    public string Id { get; }

    /// <summary>The polygon's ring or the corridor's line in WGS84, as given.</summary>
    public IReadOnlyList<GeoPoint> Points { get; }

    public FenceMode Mode { get; }

    /// <summary>The level of a violation; null: the default of its rule.</summary>
    public WarningLevel? Level { get; }

    public WeeklySchedule? ActiveHours { get; }

    /// <summary>When a violation of this fence becomes a case; null: never.</summary>
    public Alerts.AlertCasePolicy? Case { get; }

    /// <summary>The corridor's full width; 0 for a polygon.</summary>
    public double WidthMetres { get; }

    /// <param name="ring">WGS84 points of the outer ring; closed here when the last point is not the first.</param>
    public static Geofence Polygon(string id, FenceMode mode, IReadOnlyList<GeoPoint> ring, FenceRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfLessThan(ring.Count, 3, nameof(ring));
        var coordinates = ring.Select(p => new Coordinate(p.Lon, p.Lat)).ToList();
        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            coordinates.Add(coordinates[0].Copy());
        }

        var polygon = coordinates.Count >= 4 ? Factory.CreatePolygon([.. coordinates]) : null;
        return polygon is { IsValid: true }
            ? new Geofence(id, mode, ring, rules ?? FenceRules.None, polygon, null, 0)
            : throw new ArgumentException("The ring crosses itself or has fewer than three distinct points.", nameof(ring));
    }

    public static Geofence Corridor(string id, FenceMode mode, IReadOnlyList<GeoPoint> line, double widthMetres, FenceRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentOutOfRangeException.ThrowIfLessThan(line.Count, 2, nameof(line));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthMetres);
        return new Geofence(id, mode, line, rules ?? FenceRules.None, null, [.. line.Select(p => new Coordinate(p.Lon, p.Lat))], widthMetres);
    }

    /// <summary>Whether the fence applies at <paramref name="at"/>: always, or within its active hours.</summary>
    public bool IsActive(DateTimeOffset at) => ActiveHours?.Contains(at) ?? true;

    public bool Contains(GeoPoint point) => _polygon is { } polygon
        ? polygon.Covers(Factory.CreatePoint(new Coordinate(point.Lon, point.Lat)))
        : DistanceToLineMetres(point) <= WidthMetres / 2;

    /// <summary>
    /// The distance from the point to the corridor's line on a flat projection centred at the point, which over a
    /// corridor's few hundred metres errs by millimetres (<see cref="GeoPoint.MetresPerDegree"/>).
    /// </summary>
    private double DistanceToLineMetres(GeoPoint point)
    {
        var (perLat, perLon) = point.MetresPerDegree();
        var projected = _line!.Select(c => new Coordinate((c.X - point.Lon) * perLon, (c.Y - point.Lat) * perLat)).ToArray();
        return GeometryFactory.Default.CreateLineString(projected).Distance(GeometryFactory.Default.CreatePoint(new Coordinate(0, 0)));
    }
}

/// <summary>What a fence's data says beyond its shape: the level of a violation, when it applies, and when a violation becomes a case.</summary>
public sealed record FenceRules(WarningLevel? Level = null, WeeklySchedule? ActiveHours = null, Alerts.AlertCasePolicy? Case = null)
{
    public static FenceRules None { get; } = new();
}
