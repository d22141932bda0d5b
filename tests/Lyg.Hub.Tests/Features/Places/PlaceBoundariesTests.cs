using Lyg.Contracts;
using Lyg.Hub.Features.Places;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;
using static Lyg.Hub.Tests.Features.PlaceDatasets.PlaceFeatures;

namespace Lyg.Hub.Tests.Features.PlaceDatasets;

/// <summary>The checks of one place's boundary, each on the small valid dataset with one record changed.</summary>
public sealed class PlaceBoundariesTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly PlaceImportOptions Defaults = new();

    [Fact]
    public void A_self_intersecting_bow_tie_is_refused_with_the_reason_and_where()
    {
        var bowTie = Factory.CreatePolygon(
        [
            new Coordinate(West, South), new Coordinate(Middle, North), new Coordinate(Middle, South), new Coordinate(West, North), new Coordinate(West, South),
        ]);

        var problem = SingleProblem(new Row(WestGrid, null, bowTie));

        Assert.Equal(WestGrid, problem.Code);
        Assert.Contains("not a valid polygon: Self-intersection at (119.21, 34.6)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Projected_coordinates_are_refused_with_advice_to_reproject()
    {
        var problem = SingleProblem(new Row(WestGrid, null, Box(500_000, 3_826_000, 500_100, 3_826_100)));

        Assert.Contains("(500000, 3826000), which is not longitude/latitude: the data looks projected (metres). Reproject it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latitude_first_coordinates_are_called_swapped()
    {
        var problem = SingleProblem(new Row(WestGrid, null, Box(South, West, North, Middle)));

        Assert.Contains("which is latitude first", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_place_without_a_polygon_is_refused()
    {
        Assert.Contains("it has no geometry", SingleProblem(new Row(WestGrid, null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("its geometry is a Point", SingleProblem(new Row(WestGrid, null, Factory.CreatePoint(new Coordinate(119.21, 34.6)))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_geometry_the_reader_could_not_build_is_reported_with_its_reason()
    {
        var records = Records(ValidRows());
        records[3] = records[3] with { Geometry = null, GeometryError = "Points of LinearRing do not form a closed linestring" };

        var problem = Assert.Single(PlaceImport.Validate(records, Defaults).Problems);

        Assert.Equal("its geometry cannot be read: Points of LinearRing do not form a closed linestring", problem.Message);
    }

    [Fact]
    public void A_grid_must_be_one_polygon_but_a_multipolygon_of_one_part_is_fine()
    {
        var twoParts = Factory.CreateMultiPolygon([Box(West, South, 119.21, North), Box(119.21, South, Middle, North)]);
        var onePart = Factory.CreateMultiPolygon([Box(West, South, Middle, North)]);

        Assert.Contains("MultiPolygon of 2 parts; a unit grid must be one polygon", SingleProblem(new Row(WestGrid, null, twoParts)).Message, StringComparison.Ordinal);
        var result = PlaceImport.Validate(Records(ValidRowsWith(WestGrid, new Row(WestGrid, null, onePart))), Defaults);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(WestGrid, result.Map!.Grids.Locate(34.60, 119.21)?.Grid);
    }

    [Fact]
    public void A_district_may_be_a_multipolygon_with_an_island()
    {
        var withIsland = Factory.CreateMultiPolygon([Box(West, South, East, North), Box(119.30, 34.70, 119.31, 34.71)]);

        var result = PlaceImport.Validate(Records(ValidRowsWith(District, new Row(District, "海州区", withIsland))), Defaults);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
    }

    [Theory]
    [InlineData(CoordinateSystem.Gcj02)]
    [InlineData(CoordinateSystem.Bd09)]
    [InlineData(CoordinateSystem.Cgcs2000)]
    public void Boundaries_in_another_system_are_converted_to_wgs84_and_the_files_geometry_is_left_alone(CoordinateSystem crs)
    {
        var rows = ValidRows().Select(r => r with { Geometry = Converted(r.Geometry!, crs) }).ToArray();
        var records = Records(rows);
        var sent = records[3].Geometry!.Copy();

        var result = PlaceImport.Validate(records, Defaults with { Crs = crs });

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        var west = result.Map!.UnitGrids.Single(g => g.Code == WestGrid).Boundary;
        // Within a centimetre (1e-7°) of the WGS84 original everywhere.
        Assert.InRange(DiscreteHausdorffDistance.Distance(west, Box(West, South, Middle, North)), 0, 1e-7);
        Assert.Equal(WestGrid, result.Map.Grids.Locate(34.60, 119.21)?.Grid);
        Assert.True(records[3].Geometry!.EqualsExact(sent), "the source geometry was changed");
    }

    private static Problem SingleProblem(Row row)
    {
        var result = PlaceImport.Validate(Records(ValidRowsWith(row.Code, row)), Defaults);
        Assert.Null(result.Map);
        var problem = Assert.Single(result.Problems);
        return new Problem(problem.Code, problem.Message);
    }

    /// <summary>
    /// The boundary as a map in <paramref name="crs"/> draws it: offsets bend straight lines, so the edges are traced
    /// with vertices every ~50 m (as digitised boundaries are) before each vertex is offset.
    /// </summary>
    private static Geometry Converted(Geometry wgs84, CoordinateSystem crs)
    {
        var copy = Densifier.Densify(wgs84, 0.0005);
        copy.Apply(new FromWgs84(crs));
        return copy;
    }

    private sealed record Problem(string? Code, string Message);

    private sealed class FromWgs84(CoordinateSystem crs) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var converted = CoordinateConversion.FromWgs84(new GeoPoint(seq.GetY(i), seq.GetX(i)), crs);
            seq.SetX(i, converted.Lon);
            seq.SetY(i, converted.Lat);
        }
    }
}
