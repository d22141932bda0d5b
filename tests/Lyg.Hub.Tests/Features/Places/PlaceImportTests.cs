using Lyg.Hub.Features.Places;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Features.PlaceDatasets.PlaceFeatures;

namespace Lyg.Hub.Tests.Features.PlaceDatasets;

/// <summary>Codes, names, parents and the map an import builds; boundaries and topology have their own tests.</summary>
public sealed class PlaceImportTests
{
    private static readonly PlaceImportOptions Defaults = new();

    [Fact]
    public void A_valid_dataset_becomes_a_map_whose_locate_answers_grid_community_street_and_district()
    {
        var result = PlaceImport.Validate(Records(ValidRows()), Defaults with { Label = "haizhou test" });

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(new PlaceImportSummary(1, 1, 1, 2, 0), result.Summary);
        var map = result.Map!;
        Assert.Equal("haizhou test", map.Label);
        var found = map.Grids.Locate(34.60, 119.21);
        Assert.NotNull(found);
        Assert.Equal(WestGrid, found.Grid);
        Assert.Equal(("测试社区", "新海街道", "海州区"), (found.Community.Name, found.Street.Name, found.District.Name));
        Assert.Equal(EastGrid, map.Grids.Locate(34.60, 119.23)?.Grid);
        Assert.Null(map.Grids.Locate(34.60, 119.30));
        Assert.Equal("东格", map.Find(EastGrid)?.Name);
        Assert.Equal(WestGrid, map.Find(WestGrid)?.Name);
        Assert.Equal([District, Street, Community], map.Areas.Select(a => a.Place.Code));
    }

    [Fact]
    public void Without_a_label_the_map_is_named_after_its_files()
    {
        var rows = ValidRows();
        var records = Records(rows[..3], "areas.shp").Concat(Records(rows[3..], "grids.shp"));

        var result = PlaceImport.Validate(records, Defaults);

        Assert.Equal("areas.shp, grids.shp", result.Map?.Label);
    }

    [Theory]
    [InlineData("32070600100100A", "digits only")]
    [InlineData("3207-06", "digits only")]
    [InlineData("3207060010", "has 10 digits")]
    [InlineData("32070600100100100", "has 17 digits")]
    public void A_code_that_is_not_digits_of_a_known_length_is_refused(string code, string expected)
    {
        var result = PlaceImport.Validate(Records([.. ValidRows(), new Row(code, null, Box(West, South, Middle, North))]), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((6L, code), (problem.Record, problem.Code));
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Null(result.Map);
    }

    [Fact]
    public void A_district_outside_the_city_is_refused_unless_the_city_is_set_to_its_own()
    {
        var rows = ValidRows().Select(r => r with { Code = "320802" + r.Code[6..] }).ToArray();

        var refused = PlaceImport.Validate(Records(rows), Defaults);
        var accepted = PlaceImport.Validate(Records(rows), Defaults with { CityCode = "320800" });

        Assert.Equal(rows.Length, refused.Problems.Count);
        Assert.All(refused.Problems, p => Assert.Contains("320802 is not a district or county of the city 320700", p.Message, StringComparison.Ordinal));
        Assert.True(accepted.Succeeded);
    }

    [Fact]
    public void The_city_itself_is_not_a_district()
    {
        var result = PlaceImport.Validate(Records([.. ValidRows(), new Row("320700", "连云港市", Box(West, South, East, North))]), Defaults);

        Assert.Contains("code of the city itself", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_appearing_twice_is_refused_naming_where_it_was_first()
    {
        var result = PlaceImport.Validate(Records([.. ValidRows(), new Row(WestGrid, null, Box(West, South, Middle, North))]), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(6, problem.Record);
        Assert.Contains("appears again; places.geojson record 4 has it already", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_14_digit_grid_code_is_normalised_to_15_digits_and_counted()
    {
        var rows = ValidRowsWith(EastGrid, new Row("32070600100102", null, Box(Middle, South, East, North)));

        var result = PlaceImport.Validate(Records(rows), Defaults);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(EastGrid, result.Map!.Grids.Locate(34.60, 119.23)?.Grid);
        Assert.Equal(1, result.Summary!.NormalisedLegacyCodes);
        Assert.Contains("1 legacy 14-digit grid codes normalised to 15 digits", result.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_code_that_normalises_onto_an_existing_grid_is_a_duplicate()
    {
        var result = PlaceImport.Validate(Records([.. ValidRows(), new Row("32070600100101", null, Box(West, South, Middle, North))]), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("32070600100101", problem.Code);
        Assert.Contains($"normalises to {WestGrid}", problem.Message, StringComparison.Ordinal);
        Assert.Contains("places.geojson record 4 has already", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_place_whose_parent_is_not_in_the_import_is_refused()
    {
        var result = PlaceImport.Validate(Records(ValidRowsWith(Street, null)), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(Community, problem.Code);
        Assert.Contains($"its street/town {Street} is not in the import", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Districts_streets_and_communities_need_a_name_but_grids_do_not()
    {
        var result = PlaceImport.Validate(Records(ValidRowsWith(Community, new Row(Community, null, Box(West, South, East, North)))), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(Community, problem.Code);
        Assert.Contains("a community needs its name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_names_are_configurable_and_matched_whatever_their_case()
    {
        var records = Records(ValidRows()).Select(r => r with
        {
            Attributes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["BGID"] = r.Attributes["code"], ["MC"] = r.Attributes.GetValueOrDefault("name") },
        });

        var result = PlaceImport.Validate(records, Defaults with { CodeField = "bgid", NameField = "mc" });

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
    }

    [Fact]
    public void A_missing_code_field_is_reported_with_the_fields_the_record_has()
    {
        var result = PlaceImport.Validate(Records(ValidRows()), Defaults with { CodeField = "BGID" });

        Assert.All(result.Problems, p => Assert.Contains("has no field 'BGID' (its fields: code", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Codes_kept_in_number_fields_are_read_as_their_digits()
    {
        var records = Records(ValidRows()).Select(r => r with
        {
            Attributes = new Dictionary<string, object?>(r.Attributes, StringComparer.OrdinalIgnoreCase) { ["code"] = double.Parse((string)r.Attributes["code"]!, System.Globalization.CultureInfo.InvariantCulture) },
        });

        Assert.True(PlaceImport.Validate(records, Defaults).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order_and_no_map_is_built()
    {
        // The missing parent of record 2 is found after the records of the second file have been checked.
        var records = Records(ValidRowsWith(Street, null)).Append(Record(1, new Row("x", null, null), "second.geojson"));

        var result = PlaceImport.Validate(records, Defaults);

        Assert.Null(result.Map);
        Assert.Equal([(2L, "places.geojson"), (1L, "second.geojson"), (1L, "second.geojson")], result.Problems.Select(p => (p.Record, p.Source!)));
        Assert.Equal(
            "places.geojson record 2 (320706001001): its street/town 320706001 is not in the import: import every street/town together with the places below it.",
            result.Problems[0].ToString());
    }

    [Fact]
    public void An_import_without_grids_is_refused_as_a_whole()
    {
        var result = PlaceImport.Validate(Records(ValidRows()[..3]), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(0, problem.Record);
        Assert.StartsWith("import: the import holds no unit grids", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_is_reported_for_every_phase_up_to_its_total()
    {
        var progress = new ProgressRecorder();

        PlaceImport.Validate(Records(ValidRows()), Defaults, progress);

        Assert.Equal(["validate", "nesting", "overlaps"], progress.Reports.Select(r => r.Phase).Distinct());
        Assert.Contains(new ImportProgress("validate", 5, 5), progress.Reports);
        Assert.Contains(new ImportProgress("nesting", 4, 4), progress.Reports);
        Assert.Contains(new ImportProgress("overlaps", 5, 5), progress.Reports);
    }

    [Theory]
    [InlineData("3207", 0.005)]
    [InlineData("320706", 0.005)]
    [InlineData("320700", 1.0)]
    [InlineData("320700", -0.1)]
    public void Options_that_cannot_drive_an_import_are_refused(string city, double tolerance) =>
        Assert.Throws<ArgumentException>(() => PlaceImport.Validate([], Defaults with { CityCode = city, SliverTolerance = tolerance }));
}
