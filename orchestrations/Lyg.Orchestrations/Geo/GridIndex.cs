using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;

namespace Lyg.Orchestrations.Geo;

/// <summary>
/// The unit grids in memory behind an STR-tree. A point on a boundary shared by several grids (an edge or a corner)
/// belongs to the grid with the lowest code, so the answer never depends on the tree's traversal order.
/// </summary>
public sealed class GridIndex
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private readonly STRtree<UnitGrid> _tree = new();
    private readonly UnitGrid[] _grids;

    public GridIndex(IEnumerable<UnitGrid> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        _grids = [.. grids.OrderBy(g => g.Code, StringComparer.Ordinal)];
        foreach (var grid in _grids)
        {
            _tree.Insert(grid.Boundary.EnvelopeInternal, grid);
        }

        _tree.Build();
    }

    public int Count => _grids.Length;

    /// <summary>The grid covering the WGS84 point, boundary included, or null when the point lies in no grid.</summary>
    public GridLocation? Locate(double lat, double lon)
    {
        var point = new Coordinate(lon, lat);
        UnitGrid? found = null;
        foreach (var grid in _tree.Query(new Envelope(point)))
        {
            if (Covers(grid, point) && (found is null || string.CompareOrdinal(grid.Code, found.Code) < 0))
            {
                found = grid;
            }
        }

        return ToLocation(found);
    }

    /// <summary>The same answer by testing every grid: the reference the index is checked and benchmarked against.</summary>
    public GridLocation? LocateByScan(double lat, double lon)
    {
        var point = new Coordinate(lon, lat);
        foreach (var grid in _grids)
        {
            // Grids are held in code order, so the first hit is the lowest code.
            if (Covers(grid, point))
            {
                return ToLocation(grid);
            }
        }

        return null;
    }

    /// <summary>
    /// The grids whose area meets the WGS84 envelope (x = longitude, y = latitude), touching boundaries included, in
    /// code order.
    /// </summary>
    public IReadOnlyList<UnitGrid> Intersecting(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var area = Factory.ToGeometry(envelope);
        return [.. _tree.Query(envelope).Where(g => g.Boundary.Intersects(area)).OrderBy(g => g.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The grids whose boundary comes within <paramref name="metres"/> of the WGS84 point, nearest first, then by code;
    /// a grid covering the point is 0 m away. Distances are measured in a flat projection centred on the point and scaled
    /// by the same haversine as <see cref="GeoPoint.DistanceTo"/>, which over a few hundred metres errs by millimetres.
    /// </summary>
    public IReadOnlyList<NearbyGrid> Near(double lat, double lon, double metres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(metres);
        var origin = new GeoPoint(lat, lon);
        var (metresPerDegreeLat, metresPerDegreeLon) = origin.MetresPerDegree();
        var box = origin.BoxAround(metres);
        var reach = new Envelope(box.West, box.East, box.South, box.North);
        var toMetres = AffineTransformation.TranslationInstance(-lon, -lat).Scale(metresPerDegreeLon, metresPerDegreeLat);
        var centre = Factory.CreatePoint(new Coordinate(0, 0));
        return [.. Intersecting(reach)
            .Select(g => new NearbyGrid(g, toMetres.Transform(g.Boundary).Distance(centre)))
            .Where(n => n.Metres <= metres)
            .OrderBy(n => n.Metres)
            .ThenBy(n => n.Grid.Code, StringComparer.Ordinal)];
    }

    private static bool Covers(UnitGrid grid, Coordinate point) =>
        grid.Boundary.EnvelopeInternal.Covers(point) && SimplePointInAreaLocator.Locate(point, grid.Boundary) != Location.Exterior;

    private static GridLocation? ToLocation(UnitGrid? grid) =>
        grid is null ? null : new GridLocation(grid.Code, grid.Community, grid.Street, grid.District);
}
