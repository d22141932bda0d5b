using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Orchestrations.Tests.Geo;

/// <summary>The envelope and radius queries of the grid index, which the nearest-component search and import use.</summary>
public sealed class GridIndexNearTests
{
    private static readonly SampleCity City = SampleCity.Generate();
    private static readonly GridIndex Index = City.ToIndex();
    // The seat's cell: never a hole, with a dozen cells of the same district on every side.
    private static readonly UnitGrid Grid = SeatGrid("320706");

    [Fact]
    public void An_envelope_query_answers_every_grid_it_meets_in_code_order_and_agrees_with_a_scan()
    {
        var box = Grid.Boundary.EnvelopeInternal;
        var envelope = new Envelope(box.MinX - box.Width * 1.5, box.MaxX + box.Width * 0.2, box.MinY + box.Height * 0.1, box.MaxY + box.Height * 2.5);
        var area = new GeometryFactory().ToGeometry(envelope);

        var found = Index.Intersecting(envelope);

        Assert.Equal(City.Grids.Where(g => g.Boundary.Intersects(area)).Select(g => g.Code).Order(StringComparer.Ordinal), found.Select(g => g.Code));
        Assert.InRange(found.Count, 13, 16); // 4 columns by 4 rows, less the odd hole
    }

    [Fact]
    public void An_envelope_that_only_touches_a_grid_still_meets_it_and_one_far_away_meets_none()
    {
        var box = Grid.Boundary.EnvelopeInternal;

        Assert.Contains(Grid, Index.Intersecting(new Envelope(box.MaxX, box.MaxX + 1e-5, box.MinY + 1e-6, box.MinY + 2e-6)));
        Assert.Empty(Index.Intersecting(new Envelope(121.0, 121.1, 31.0, 31.1)));
    }

    [Fact]
    public void Near_answers_the_covering_grid_at_zero_then_the_others_by_distance_and_code()
    {
        var centre = Centre(Grid);

        var near = Index.Near(centre.Lat, centre.Lon, 60);

        Assert.Equal((Grid.Code, 0.0), (near[0].Grid.Code, near[0].Metres));
        Assert.Equal(near.OrderBy(n => n.Metres).ThenBy(n => n.Grid.Code, StringComparer.Ordinal), near);
        Assert.All(near.Skip(1), n => Assert.InRange(n.Metres, 45, 55));
        Assert.Single(Index.Near(centre.Lat, centre.Lon, 10));
    }

    [Fact]
    public void Near_measures_metres_to_the_nearest_edge_of_each_grid()
    {
        var box = Grid.Boundary.EnvelopeInternal;
        var edge = new GeoPoint((box.MinY + box.MaxY) / 2, box.MaxX);
        var metresPerDegreeLon = edge.DistanceTo(edge with { Lon = edge.Lon + 1e-4 }) / 1e-4;
        var outside = edge with { Lon = edge.Lon + 7.0 / metresPerDegreeLon };
        var east = Index.Locate(outside.Lat, outside.Lon)!.Grid;

        var near = Index.Near(outside.Lat, outside.Lon, 7.5);

        Assert.Equal(east, near[0].Grid.Code);
        var own = Assert.Single(near, n => n.Grid == Grid);
        Assert.Equal(7.0, own.Metres, 2);
        Assert.DoesNotContain(Index.Near(outside.Lat, outside.Lon, 6.9), n => n.Grid == Grid);
    }

    [Fact]
    public void Near_a_point_far_from_the_city_is_empty_and_a_negative_radius_is_refused()
    {
        Assert.Empty(Index.Near(31.2304, 121.4737, 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.Near(34.6, 119.2, -1));
    }

    private static UnitGrid SeatGrid(string district)
    {
        var seat = City.Districts.Single(d => d.Place.Code == district).Seat;
        var code = Index.Locate(seat.Lat, seat.Lon)!.Grid;
        return City.Grids.Single(g => g.Code == code);
    }

    private static GeoPoint Centre(UnitGrid grid) => new(grid.Boundary.Centroid.Y, grid.Boundary.Centroid.X);
}
