using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Lyg.Orchestrations.Geo;

/// <summary>
/// The unit grids in memory behind an STR-tree. A point on a boundary shared by several grids (an edge or a corner)
/// belongs to the grid with the lowest code, so the answer never depends on the tree's traversal order.
/// </summary>
public sealed class GridIndex
{
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

    private static bool Covers(UnitGrid grid, Coordinate point) =>
        grid.Boundary.EnvelopeInternal.Covers(point) && SimplePointInAreaLocator.Locate(point, grid.Boundary) != Location.Exterior;

    private static GridLocation? ToLocation(UnitGrid? grid) =>
        grid is null ? null : new GridLocation(grid.Code, grid.Community, grid.Street, grid.District);
}
