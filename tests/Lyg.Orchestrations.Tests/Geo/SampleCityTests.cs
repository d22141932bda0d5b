using Lyg.Orchestrations.Geo;

namespace Lyg.Orchestrations.Tests.Geo;

public sealed class SampleCityTests
{
    private static readonly SampleCity City = SampleCity.Generate();

    [Fact]
    public void The_sample_is_reproducible_and_the_seed_moves_only_the_holes()
    {
        var again = SampleCity.Generate();
        var reseeded = SampleCity.Generate(new SampleCityOptions(Seed: 7));

        Assert.Equal(City.Grids.Select(g => (g.Code, g.Boundary.EnvelopeInternal)), again.Grids.Select(g => (g.Code, g.Boundary.EnvelopeInternal)));
        Assert.NotEqual(City.Holes, reseeded.Holes);
        Assert.Equal(City.Grids.Count + City.Holes.Count, reseeded.Grids.Count + reseeded.Holes.Count);
    }

    [Fact]
    public void It_covers_the_six_divisions_in_scope_with_three_streets_of_three_communities_each()
    {
        Assert.Equal(["320703", "320706", "320707", "320722", "320723", "320724"], City.Districts.Select(d => d.Place.Code));
        Assert.Equal(6 * 3 * 3 * 100, City.Grids.Count + City.Holes.Count);
        Assert.Equal(6 * 3, City.Grids.Select(g => g.Street.Code).Distinct().Count());
        Assert.Equal(6 * 3 * 3, City.Grids.Select(g => g.Community.Code).Distinct().Count());
        Assert.All(City.Grids, g => Assert.Contains("样例", g.Community.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Grid_codes_are_fifteen_digits_unique_and_nest_in_their_community_street_and_district()
    {
        Assert.Equal(City.Grids.Count, City.Grids.Select(g => g.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(City.Grids, g =>
        {
            Assert.Matches(@"\A[0-9]{15}\z", g.Code);
            Assert.StartsWith(g.Community.Code, g.Code, StringComparison.Ordinal);
            Assert.StartsWith(g.Street.Code, g.Community.Code, StringComparison.Ordinal);
            Assert.StartsWith(g.District.Code, g.Street.Code, StringComparison.Ordinal);
            Assert.Equal((6, 9, 12), (g.District.Code.Length, g.Street.Code.Length, g.Community.Code.Length));
            Assert.NotEqual("000", g.Code[12..]);
        });
    }

    [Fact]
    public void Grids_are_about_ten_thousand_square_metres()
    {
        Assert.All(City.Grids, g =>
        {
            var e = g.Boundary.EnvelopeInternal;
            var width = new GeoPoint(e.MinY, e.MinX).DistanceTo(new GeoPoint(e.MinY, e.MaxX));
            var height = new GeoPoint(e.MinY, e.MinX).DistanceTo(new GeoPoint(e.MaxY, e.MinX));
            Assert.InRange(width * height, 9_800, 10_200);
        });
    }

    [Fact]
    public void No_two_grids_overlap_and_districts_do_not_touch_even_at_benchmark_size()
    {
        Assert.All(City.Grids, g =>
            Assert.Single(City.Grids, other => other.Boundary.EnvelopeInternal.Intersection(g.Boundary.EnvelopeInternal) is { Width: > 0, Height: > 0 }));

        var large = SampleCity.Generate(new SampleCityOptions(StreetsPerDistrict: 4, CommunitiesPerStreet: 5, GridsPerCommunitySide: 30));
        var extents = large.Districts.Select(d => d.Extent).ToList();
        Assert.All(extents, e => Assert.Single(extents, other => other.Intersects(e)));
        Assert.InRange(large.Grids.Count, 100_000, 110_000);
    }

    [Fact]
    public void Each_seat_lies_inside_a_grid_of_its_own_district()
    {
        var index = City.ToIndex();

        Assert.All(City.Districts, d => Assert.Equal(d.Place, index.Locate(d.Seat.Lat, d.Seat.Lon)?.District));
    }

    [Fact]
    public void More_than_999_grids_in_a_community_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleCity.Generate(new SampleCityOptions(GridsPerCommunitySide: 32)));
}
