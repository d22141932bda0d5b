using Lyg.Contracts;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Orchestrations.Tests.Geo;

public sealed class GridIndexTests
{
    private static readonly SampleCity City = SampleCity.Generate();
    private static readonly GridIndex Index = City.ToIndex();

    [Fact]
    public void The_centre_of_every_grid_locates_to_that_grid_and_its_places()
    {
        Assert.Equal(City.Grids.Count, Index.Count);
        Assert.All(City.Grids, g =>
        {
            var centre = g.Boundary.EnvelopeInternal.Centre;
            Assert.Equal(new GridLocation(g.Code, g.Community, g.Street, g.District), Index.Locate(centre.Y, centre.X));
        });
    }

    [Fact]
    public void A_point_on_an_edge_shared_by_two_grids_goes_to_the_lower_code()
    {
        var (west, east) = Neighbours(dx: 1, dy: 0);
        var edge = west.Boundary.EnvelopeInternal;
        var midpoint = (Lat: (edge.MinY + edge.MaxY) / 2, Lon: edge.MaxX);

        // Sample codes run west to east, so the western grid holds the lower one.
        Assert.True(string.CompareOrdinal(west.Code, east.Code) < 0);
        Assert.Equal(west.Code, Index.Locate(midpoint.Lat, midpoint.Lon)?.Grid);
    }

    [Fact]
    public void A_point_on_an_edge_between_two_communities_goes_to_the_lower_code()
    {
        var pairs = AllNeighbours(dx: 0, dy: 1).Where(p => p.A.Community != p.B.Community).ToList();
        Assert.NotEmpty(pairs);

        Assert.All(pairs, p =>
        {
            var edge = p.A.Boundary.EnvelopeInternal;
            var lower = string.CompareOrdinal(p.A.Code, p.B.Code) < 0 ? p.A : p.B;
            Assert.Equal(lower.Code, Index.Locate(edge.MaxY, (edge.MinX + edge.MaxX) / 2)?.Grid);
        });
    }

    [Fact]
    public void A_corner_shared_by_four_grids_goes_to_the_lowest_of_the_four()
    {
        var cornersChecked = 0;
        foreach (var grid in City.Grids.Take(2_000))
        {
            var corner = new Coordinate(grid.Boundary.EnvelopeInternal.MaxX, grid.Boundary.EnvelopeInternal.MaxY);
            var touching = City.Grids.Where(g => g.Boundary.EnvelopeInternal.Covers(corner)).ToList();
            if (touching.Count != 4)
            {
                continue;
            }

            Assert.Equal(touching.Select(g => g.Code).Min(StringComparer.Ordinal), Index.Locate(corner.Y, corner.X)?.Grid);
            cornersChecked++;
        }

        Assert.True(cornersChecked > 1_000, $"only {cornersChecked} corners checked");
    }

    [Fact]
    public void The_outer_edge_of_a_district_still_belongs_to_its_grid()
    {
        var extent = City.Districts[1].Extent;
        var southWestCorner = Index.Locate(extent.MinY, extent.MinX);
        var justOutside = Index.Locate(extent.MinY - 1e-9, extent.MinX);

        Assert.NotNull(southWestCorner);
        Assert.Null(justOutside);
    }

    [Fact]
    public void Holes_in_the_lattice_are_in_no_grid()
    {
        Assert.NotEmpty(City.Holes);
        Assert.All(City.Holes, hole => Assert.Null(Index.Locate(hole.Centre.Y, hole.Centre.X)));
    }

    [Theory]
    [InlineData(35.5, 119.2)]
    [InlineData(34.45, 119.0)]
    [InlineData(31.2304, 121.4737)]
    [InlineData(51.4779, -0.0015)]
    public void Points_outside_the_city_grids_are_in_no_grid(double lat, double lon) =>
        Assert.Null(Index.Locate(lat, lon));

    [Fact]
    public void The_index_agrees_with_a_full_scan_on_random_points_in_every_district()
    {
        var random = new Random(42);
        foreach (var district in City.Districts)
        {
            var e = district.Extent;
            for (var i = 0; i < 2_000; i++)
            {
                // A margin around the extent mixes in points outside the city.
                var lat = e.MinY - 0.002 + random.NextDouble() * (e.Height + 0.004);
                var lon = e.MinX - 0.002 + random.NextDouble() * (e.Width + 0.004);
                Assert.Equal(Index.LocateByScan(lat, lon), Index.Locate(lat, lon));
            }
        }
    }

    [Theory]
    [InlineData(CoordinateSystem.Gcj02)]
    [InlineData(CoordinateSystem.Bd09)]
    public void A_point_converted_from_gcj02_or_bd09_locates_to_the_grid_of_its_wgs84_original(CoordinateSystem crs)
    {
        Assert.All(City.Grids.Where((_, i) => i % 10 == 0), g =>
        {
            var centre = g.Boundary.EnvelopeInternal.Centre;
            var sent = CoordinateConversion.FromWgs84(new GeoPoint(centre.Y, centre.X), crs);
            var back = CoordinateConversion.ToWgs84(sent, crs);

            Assert.Equal(g.Code, Index.Locate(back.Lat, back.Lon)?.Grid);
            // Without the conversion the same numbers land hundreds of metres away, in another grid or none.
            Assert.NotEqual(g.Code, Index.Locate(sent.Lat, sent.Lon)?.Grid);
        });
    }

    private static (UnitGrid A, UnitGrid B) Neighbours(int dx, int dy) => AllNeighbours(dx, dy).First();

    /// <summary>Pairs of grids where B is the next cell east (dx = 1) or north (dy = 1) of A.</summary>
    private static IEnumerable<(UnitGrid A, UnitGrid B)> AllNeighbours(int dx, int dy)
    {
        var byCorner = City.Grids.ToDictionary(g => (g.Boundary.EnvelopeInternal.MinX, g.Boundary.EnvelopeInternal.MinY));
        foreach (var a in City.Grids)
        {
            var e = a.Boundary.EnvelopeInternal;
            var key = (dx == 1 ? e.MaxX : e.MinX, dy == 1 ? e.MaxY : e.MinY);
            if (byCorner.TryGetValue(key, out var b))
            {
                yield return (a, b);
            }
        }
    }
}
