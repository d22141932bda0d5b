using Lyg.Contracts;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;
using static Lyg.Hub.Tests.Features.Components.ComponentFixtures;

namespace Lyg.Hub.Tests.Features.Components;

public sealed class ComponentValidatorTests
{
    private static readonly GeoPoint Centre = CaseFixtures.CentreOf(Haizhou);

    [Fact]
    public void A_complete_record_becomes_a_component_with_every_field()
    {
        var result = Validator().Validate([Feature(1, Centre, Id(1), ("BGID", Haizhou.Code), ("ObjState", "破损"))]);

        Assert.Empty(result.Problems);
        var component = Assert.Single(result.Components);
        Assert.Equal(
            new ComponentView(
                Id(1), "上水井盖", "gb2013", "0101",
                new ComponentUnit("DEPT-CGJ", "连云港市城市管理局"),
                new ComponentUnit("ENT-WATER", "市区供水"),
                new ComponentUnit("ENT-WATER", "连云港市区供水公司"),
                Haizhou.Code, ComponentState.Damaged, new GeoLocation(Centre.Lat, Centre.Lon, CoordinateSystem.Wgs84),
                new DateOnly(2024, 5, 20), new DateOnly(2025, 1, 1), "普查", "样例"),
            component);
    }

    [Fact]
    public void A_gb2026_id_of_17_digits_is_read_with_its_five_digit_type()
    {
        var component = Assert.Single(Validator().Validate([Feature(1, Centre, Id(1, type: "01001"))]).Components);

        Assert.Equal(("gb2026", "01001", Haizhou.Code), (component.Scheme, component.TypeCode, component.Grid));
    }

    [Fact]
    public void Optional_fields_may_be_absent_and_a_missing_name_is_the_type_name()
    {
        var feature = Feature(1, Centre, Id(1, type: "0111"),
            ("ObjName", null), ("DeptCode1", null), ("DeptCode2", ""), ("DeptName2", " "), ("DeptCode3", null),
            ("ObjState", null), ("ORDate", null), ("CHDate", null), ("DataSource", null), ("Note", null));

        var component = Assert.Single(Validator().Validate([feature]).Components);

        Assert.Equal("燃气井盖", component.Name);
        Assert.Equal(ComponentState.Intact, component.State);
        Assert.Null(component.CompetentUnit);
        Assert.Null(component.OwnerUnit);
        Assert.Null(component.MaintenanceUnit);
        Assert.Null(component.RecordedOn);
        Assert.Null(component.Source);
    }

    [Theory]
    [InlineData("320706010100001", "is not a component id")]
    [InlineData("32070601010000011x", "is not a component id")]
    [InlineData("3207060101A00001", "is not a component id")]
    [InlineData(null, "ObjID is missing")]
    public void A_malformed_or_missing_id_is_a_problem(string? id, string says)
    {
        var problem = Assert.Single(ProblemsOf(Feature(7, Centre, id)));

        Assert.Equal(7, problem.Record);
        Assert.Equal(id, problem.Code);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
        Assert.Contains("16 digits (gb2013) or 17 digits (gb2026)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_in_a_number_field_is_read_digit_by_digit()
    {
        var component = Assert.Single(Validator().Validate([Feature(1, Centre, null, ("ObjID", 3207060101000042L))]).Components);

        Assert.Equal("3207060101000042", component.Id);
    }

    [Fact]
    public void A_17_digit_id_in_a_floating_point_field_has_lost_digits_and_is_refused()
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, null, ("ObjID", 32070601001000043d))));

        Assert.Contains("floating-point number field", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0199", "type code 0199")]
    [InlineData("0601", "type code 0601")]
    [InlineData("01999", "type code 01999")]
    public void A_type_code_the_scheme_does_not_list_as_a_component_is_a_problem(string type, string says)
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1, type))));

        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
        Assert.Contains("kind=component", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_division_that_is_no_district_of_the_map_is_a_problem()
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1, division: "320799"))));

        Assert.Contains("division 320799", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_division_other_than_the_district_of_the_points_grid_is_a_problem()
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1, division: "320703"))));

        Assert.Contains("division 320703 (连云区) is not the district of its grid", problem.Message, StringComparison.Ordinal);
        Assert.Contains("320706 海州区", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_in_no_grid_is_a_problem_whether_far_away_or_in_a_hole()
    {
        var hole = City.Holes.First(h => City.Districts.Single(d => d.Place.Code == "320706").Extent.Contains(h));

        var problems = ProblemsOf(
            Feature(1, new GeoPoint(31.2304, 121.4737), Id(1)),
            Feature(2, new GeoPoint(hole.Centre.Y, hole.Centre.X), Id(2)));

        Assert.Equal([1L, 2L], problems.Select(p => p.Record));
        Assert.All(problems, p => Assert.Contains("lies in no unit grid", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bgid_naming_another_grid_than_the_point_is_a_problem()
    {
        var far = Neighbour(Haizhou, east: 2);

        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1), ("BGID", far.Code))));

        Assert.Contains($"BGID is {far.Code} but the point", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"in grid {Haizhou.Code}, more than 1 m from {far.Code}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bgid_that_is_no_grid_of_the_map_is_a_problem()
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1), ("BGID", "320706999999999"))));

        Assert.Contains("BGID 320706999999999 is not a unit grid", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void A_point_just_across_the_edge_of_its_bgid_grid_is_taken_into_that_grid(double metresAcross)
    {
        var justEast = Offset(EastEdgeOf(Haizhou), east: metresAcross);

        var result = Validator().Validate([Feature(1, justEast, Id(1), ("BGID", Haizhou.Code))]);

        Assert.Empty(result.Problems);
        Assert.Equal(Haizhou.Code, Assert.Single(result.Components).Grid);
    }

    [Fact]
    public void The_edge_tolerance_is_one_metre_by_default_and_configurable()
    {
        var feature = Feature(1, Offset(EastEdgeOf(Haizhou), east: 3), Id(1), ("BGID", Haizhou.Code));

        Assert.Single(ProblemsOf(feature));
        var wider = Validator(new ComponentImportOptions(CoordinateSystem.Wgs84, EdgeToleranceMetres: 5)).Validate([feature]);
        Assert.Empty(wider.Problems);
        Assert.Equal(Haizhou.Code, Assert.Single(wider.Components).Grid);
    }

    [Fact]
    public void A_point_just_outside_the_city_edge_belongs_to_its_bgid_grid_within_the_tolerance()
    {
        var edgeGrid = City.Grids.Where(g => g.District.Code == "320706").MinBy(g => g.Boundary.EnvelopeInternal.MinX)!;
        var box = edgeGrid.Boundary.EnvelopeInternal;
        var justWest = Offset(new GeoPoint((box.MinY + box.MaxY) / 2, box.MinX), east: -0.5);

        var result = Validator().Validate([Feature(1, justWest, Id(1), ("BGID", edgeGrid.Code))]);

        Assert.Empty(result.Problems);
        Assert.Equal(edgeGrid.Code, Assert.Single(result.Components).Grid);
    }

    [Fact]
    public void Without_a_bgid_the_point_is_placed_by_the_grid_index()
    {
        var component = Assert.Single(Validator().Validate([Feature(1, CaseFixtures.CentreOf(HaizhouEast), Id(1))]).Components);

        Assert.Equal(HaizhouEast.Code, component.Grid);
    }

    [Theory]
    [InlineData("DeptCode1")]
    [InlineData("DeptCode2")]
    [InlineData("DeptCode3")]
    public void A_unit_code_the_registry_does_not_know_is_a_problem(string field)
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1), (field, "DEPT-NOBODY"))));

        Assert.Equal($"{field} DEPT-NOBODY is not a unit of the registry; correct the code or add the unit first (PUT v1/units/DEPT-NOBODY)", problem.Message);
    }

    [Fact]
    public void A_unit_given_by_name_only_is_kept_without_a_code()
    {
        var component = Assert.Single(Validator().Validate([Feature(1, Centre, Id(1), ("DeptCode2", null), ("DeptName2", "某小区物业"))]).Components);

        Assert.Equal(new ComponentUnit(null, "某小区物业"), component.OwnerUnit);
    }

    [Theory]
    [InlineData("ORDate", "2024/05/20")]
    [InlineData("ORDate", "20240231")]
    [InlineData("CHDate", "yesterday")]
    [InlineData("CHDate", "2025-1-1")]
    public void A_date_in_another_format_is_a_problem(string field, string value)
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1), (field, value))));

        Assert.Equal($"{field} '{value}' is not a date; write yyyy-MM-dd or yyyyMMdd", problem.Message);
    }

    [Fact]
    public void Dates_are_read_from_both_text_formats_and_from_date_fields()
    {
        var component = Assert.Single(Validator().Validate(
            [Feature(1, Centre, Id(1), ("ORDate", new DateTime(2023, 12, 31, 0, 0, 0, DateTimeKind.Unspecified)), ("CHDate", "2026-02-28"))]).Components);

        Assert.Equal((new DateOnly(2023, 12, 31), new DateOnly(2026, 2, 28)), (component.RecordedOn, component.ChangedOn));
    }

    [Theory]
    [InlineData("完好", ComponentState.Intact)]
    [InlineData("破损", ComponentState.Damaged)]
    [InlineData("丢失", ComponentState.Lost)]
    [InlineData("占用", ComponentState.Occupied)]
    [InlineData("intact", ComponentState.Intact)]
    [InlineData("Damaged", ComponentState.Damaged)]
    [InlineData("LOST", ComponentState.Lost)]
    [InlineData("occupied", ComponentState.Occupied)]
    public void States_are_read_in_chinese_or_english(string word, ComponentState state) =>
        Assert.Equal(state, Assert.Single(Validator().Validate([Feature(1, Centre, Id(1), ("ObjState", word))]).Components).State);

    [Fact]
    public void An_unknown_state_is_a_problem()
    {
        var problem = Assert.Single(ProblemsOf(Feature(1, Centre, Id(1), ("ObjState", "损坏"))));

        Assert.Equal("ObjState '损坏' is not one of 完好, 破损, 丢失, 占用 (or intact, damaged, lost, occupied)", problem.Message);
    }

    [Fact]
    public void An_id_twice_in_the_file_is_a_problem_on_the_later_record()
    {
        var problems = ProblemsOf(
            Feature(1, Centre, Id(1)),
            Feature(2, Centre, Id(2)),
            Feature(3, CaseFixtures.CentreOf(HaizhouEast), Id(1)));

        var problem = Assert.Single(problems);
        Assert.Equal((3L, Id(1)), (problem.Record, problem.Code));
        Assert.Equal("the id is also on record 1; each component appears once per file", problem.Message);
    }

    [Theory]
    [InlineData(CoordinateSystem.Gcj02)]
    [InlineData(CoordinateSystem.Bd09)]
    [InlineData(CoordinateSystem.Cgcs2000)]
    public void Points_in_another_system_are_converted_to_wgs84_before_they_are_placed(CoordinateSystem crs)
    {
        var sent = CoordinateConversion.FromWgs84(Centre, crs);

        var component = Assert.Single(Validator(new ComponentImportOptions(crs)).Validate([Feature(1, sent, Id(1), ("BGID", Haizhou.Code))]).Components);

        Assert.Equal(CoordinateSystem.Wgs84, component.Location.Crs);
        Assert.True(Centre.DistanceTo(new GeoPoint(component.Location.Lat!.Value, component.Location.Lon!.Value)) < 0.5);
    }

    [Fact]
    public void Gcj02_numbers_read_as_wgs84_land_hundreds_of_metres_away_in_another_grid()
    {
        var sent = CoordinateConversion.FromWgs84(Centre, CoordinateSystem.Gcj02);

        var problem = Assert.Single(ProblemsOf(Feature(1, sent, Id(1), ("BGID", Haizhou.Code))));

        Assert.Contains("BGID is", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multipoint_of_one_point_is_a_point()
    {
        var component = Assert.Single(Validator().Validate([Feature(1, MultiPoint(Centre), Id(1))]).Components);

        Assert.Equal(Centre.Lat, component.Location.Lat);
    }

    [Fact]
    public void A_record_without_one_point_is_a_problem()
    {
        var line = new GeometryFactory().CreateLineString([new Coordinate(Centre.Lon, Centre.Lat), new Coordinate(Centre.Lon + 1e-4, Centre.Lat)]);

        var problems = ProblemsOf(
            Feature(1, null, Id(1)),
            Feature(2, MultiPoint(Centre, Offset(Centre, east: 1)), Id(2)),
            Feature(3, line, Id(3)),
            Feature(4, new GeometryFactory().CreatePoint(), Id(4)));

        Assert.Equal(
            [
                "the record has no location; a component is one point",
                "the geometry is a MultiPoint; a component is one point",
                "the geometry is a LineString; a component is one point",
                "the record has no location; a component is one point",
            ],
            problems.Select(p => p.Message));
    }

    [Fact]
    public void Projected_coordinates_are_refused_with_advice()
    {
        var projected = new GeometryFactory().CreatePoint(new Coordinate(40_520_000, 3_828_000));

        var problem = Assert.Single(ProblemsOf(Feature(1, projected, Id(1))));

        Assert.Contains("not longitude and latitude in degrees", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_texts_are_problems()
    {
        var problems = ProblemsOf(Feature(1, Centre, Id(1), ("ObjName", new string('井', 201)), ("Note", new string('注', 2001))));

        Assert.Equal(["ObjName has 201 characters; at most 200 are kept", "Note has 2001 characters; at most 2000 are kept"], problems.Select(p => p.Message));
    }

    [Fact]
    public void Every_problem_of_every_record_is_collected_and_records_with_problems_yield_no_component()
    {
        var result = Validator().Validate(
        [
            Feature(1, Centre, Id(1)),
            Feature(2, Centre, Id(2, type: "0199"), ("DeptCode3", "NOBODY"), ("ORDate", "someday")),
            Feature(3, Centre, Id(3)),
            Feature(4, new GeoPoint(0, 0), "bad"),
        ]);

        Assert.Equal([Id(1), Id(3)], result.Components.Select(c => c.Id));
        Assert.Equal([2L, 2L, 2L, 4L, 4L], result.Problems.Select(p => p.Record));
        Assert.Equal([Id(2, "0199"), Id(2, "0199"), Id(2, "0199"), "bad", "bad"], result.Problems.Select(p => p.Code));
    }

    [Fact]
    public void Progress_counts_the_records_validated()
    {
        var progress = new ProgressRecorder();
        var reports = progress.Reports;
        var features = Enumerable.Range(1, 2500).Select(i => Feature(i, Centre, Id(i))).ToList();

        Validator().Validate(features, progress);

        Assert.Equal(
            [
                new ImportProgress("validate", 1, 2500), new ImportProgress("validate", 1000, 2500),
                new ImportProgress("validate", 2000, 2500), new ImportProgress("validate", 2500, 2500),
            ],
            reports);
    }

    private static IReadOnlyList<ImportProblem> ProblemsOf(params SourceFeature[] features) => Validator().Validate(features).Problems;
}

/// <summary>Runs the validator over a whole file, as the import's first pass does, keeping what it yields.</summary>
file static class WholeFileValidation
{
    public static (IReadOnlyList<ComponentView> Components, IReadOnlyList<ImportProblem> Problems) Validate(
        this ComponentValidator validator, IEnumerable<SourceFeature> features, IProgress<ImportProgress>? progress = null)
    {
        var problems = new List<ImportProblem>();
        var components = validator.ValidComponents(features, problems, progress).ToList();
        return (components, problems);
    }
}
