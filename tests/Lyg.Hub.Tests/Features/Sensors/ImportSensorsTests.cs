using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Features.Components;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Tests.Features.Sensors;

[Collection(AzuriteDefinition.Name)]
public sealed class ImportSensorsTests(AzuriteFixture azurite)
{
    private static readonly GeoPoint Centre = CaseFixtures.CentreOf(ComponentFixtures.Haizhou);

    [Fact]
    public void A_good_record_becomes_a_sensor_in_wgs84_with_its_grid_unit_interval_and_overrides_and_defaults_where_blank()
    {
        var gcj = CoordinateConversion.Wgs84ToGcj02(Centre);
        var problems = new List<ImportProblem>();

        var sensors = SensorFixtures.Validator(CoordinateSystem.Gcj02).ValidSensors(
        [
            SensorFixtures.Feature(1, gcj, "wl-a", ("grid", ComponentFixtures.Haizhou.Code), ("interval", "120"),
                ("overrides", """[{"rule": "level-high", "levels": {"red": 0.9}}]""")),
            SensorFixtures.Feature(2, gcj, "wl-b", ("name", null), ("unit", null), ("interval", "00:02:30")),
        ], problems);

        Assert.Empty(problems);
        var (a, b) = (sensors[0], sensors[1]);
        Assert.Equal(Centre.Lat, a.Location.Lat, 5);
        Assert.Equal(Centre.Lon, a.Location.Lon, 5);
        Assert.Equal(ComponentFixtures.Haizhou.Code, a.Place.Grid);
        Assert.Equal("320706", a.Place.District.Code);
        Assert.Equal(("ENT-DRAINAGE", TimeSpan.FromMinutes(2)), (a.UnitCode, a.Interval));
        Assert.Equal([new SensorRuleOverride("level-high", Levels: new Dictionary<string, double> { ["red"] = 0.9 })], a.Overrides, new OverrideComparer());
        Assert.Equal(("积水/河道水位 wl-b", (string?)null, TimeSpan.FromSeconds(150)), (b.Name, b.UnitCode, b.Interval));
    }

    public static TheoryData<string, (string Field, object? Value)[], string> BadRecords => new()
    {
        { "", [], "sensorId is missing" },
        { "a/b", [], "sensorId 'a/b' is not 1 to 64 letters" },
        { "wl-1", [("kind", null)], "kind is missing. One of: bridge-deflection" },
        { "wl-1", [("kind", "tide")], "kind 'tide' is not a sensor kind." },
        { "wl-1", [("name", new string('x', 201))], "name has 201 characters; at most 200" },
        { "wl-1", [("unit", "ENT-NOBODY")], "unit ENT-NOBODY is not a unit of the registry" },
        { "wl-1", [("interval", "5")], "interval '5' is not a reporting interval of 10 s to 1 day" },
        { "wl-1", [("interval", "5 minutes")], "interval '5 minutes' is not a reporting interval" },
        { "wl-1", [("interval", "90000")], "interval '90000' is not a reporting interval" },
        { "wl-1", [("grid", "320706001001999")], "grid is 320706001001999 but the point" },
        { "wl-1", [("overrides", "{\"rule\": 1}")], "overrides is not a JSON array of rule overrides" },
        { "wl-1", [("overrides", "[{\"rule\": \"level-high\", \"levels\": {\"yellow\": 0.6, \"orange\": 0.5}}]")], "overrides: rule level-high: levels are not monotonic" },
        { "wl-1", [("overrides", "[{\"rule\": \"tilt\"}]")], "overrides: override of rule 'tilt': kind water-level has no such rule" },
        { "wl-1", [("overrides", "[{\"rule\": \"silent\", \"level\": \"amber\"}]")], "overrides is not a JSON array of rule overrides" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_bad_record_is_a_problem_naming_its_position_and_id_and_yields_no_sensor(string id, (string Field, object? Value)[] attributes, string problem)
    {
        var problems = new List<ImportProblem>();

        var sensors = SensorFixtures.Validator().ValidSensors([SensorFixtures.Feature(3, Centre, id.Length == 0 ? null : id, attributes)], problems);

        Assert.Empty(sensors);
        var found = Assert.Single(problems);
        Assert.Equal(3, found.Record);
        Assert.StartsWith(problem, found.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_without_a_point_outside_every_grid_or_named_twice_are_problems()
    {
        var problems = new List<ImportProblem>();
        var line = new NetTopologySuite.Geometries.GeometryFactory().CreateLineString([new(Centre.Lon, Centre.Lat), new(Centre.Lon + 0.001, Centre.Lat)]);

        var sensors = SensorFixtures.Validator().ValidSensors(
        [
            SensorFixtures.Feature(1, (NetTopologySuite.Geometries.Geometry?)null, "wl-1"),
            SensorFixtures.Feature(2, line, "wl-2"),
            SensorFixtures.Feature(3, new GeoPoint(31.23, 121.47), "wl-3"),
            SensorFixtures.Feature(4, new GeoPoint(95, 119), "wl-4"),
            SensorFixtures.Feature(5, Centre, "wl-5"),
            SensorFixtures.Feature(6, Centre, "wl-5"),
        ], problems);

        Assert.Equal(["wl-5"], sensors.Select(s => s.Id));
        string[] expected =
        [
            "1 the record has no location", "2 the geometry is a LineString", "3 the point (31.230000, 121.470000 in WGS84) lies in no unit grid",
            "4 the coordinates (119, 95) are not longitude and latitude", "6 the id is also on record 5",
        ];
        Assert.Equal(expected.Length, problems.Count);
        Assert.All(expected.Zip(problems), p => Assert.StartsWith(p.First, $"{p.Second.Record} {p.Second.Message}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_csv_file_is_imported_whole_again_to_the_same_registry_and_a_file_with_one_bad_row_writes_nothing()
    {
        var (import, store) = await NewImportAsync();
        var file = Csv(
            ("wl-x1", "water-level", Centre, ""),
            ("dust-x1", "site-dust", Centre, "\"[{\"\"rule\"\": \"\"pm10-high\"\", \"\"hysteresis\"\": 5}]\""));
        try
        {
            var first = await import.RunAsync(FeatureFiles.Read(file), CaseFixtures.Places.Map, CoordinateSystem.Wgs84, dryRun: false, default);
            var second = await import.RunAsync(FeatureFiles.Read(file), CaseFixtures.Places.Map, CoordinateSystem.Wgs84, dryRun: false, default);

            Assert.Equal((2, 2), (first.Valid, first.Written));
            Assert.Equal(2, second.Written);
            var (all, _) = await store.ListChangedAsync(null, default);
            Assert.Equal(["dust-x1", "wl-x1"], all.Select(s => s.Id).Order(StringComparer.Ordinal));
            Assert.Equal(5, Assert.IsType<ThresholdRule>(EffectiveRules.Of((await store.FindAsync("dust-x1", default))!, SensorFixtures.Kinds)[0]).Hysteresis);
        }
        finally
        {
            File.Delete(file);
        }

        var bad = Csv(("wl-y1", "water-level", Centre, ""), ("wl-y2", "rain-gauge", Centre, ""));
        try
        {
            var refused = await import.RunAsync(FeatureFiles.Read(bad), CaseFixtures.Places.Map, CoordinateSystem.Wgs84, dryRun: false, default);
            var dry = await import.RunAsync(FeatureFiles.Read(bad).Take(1), CaseFixtures.Places.Map, CoordinateSystem.Wgs84, dryRun: true, default);

            Assert.Equal((1, (int?)null), (refused.Valid, refused.Written));
            var problem = Assert.Single(refused.Problems);
            Assert.Equal((2L, "wl-y2"), (problem.Record, problem.Code));
            Assert.StartsWith("kind 'rain-gauge' is not a sensor kind.", problem.Message, StringComparison.Ordinal);
            Assert.Null(dry.Written);
            Assert.Null(await store.FindAsync("wl-y1", default));
        }
        finally
        {
            File.Delete(bad);
        }
    }

    private async Task<(ImportSensors Import, SensorStore Store)> NewImportAsync()
    {
        var units = await UnitFixtures.NewStoreAsync(azurite);
        await units.SeedAsync(UnitSeed.Load().Units, default);
        var store = await SensorFixtures.NewStoreAsync(azurite);
        return (new ImportSensors(store, units, SensorFixtures.Kinds), store);
    }

    private static string Csv(params (string Id, string Kind, GeoPoint At, string Overrides)[] rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sensors-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(file, ["sensorId,kind,name,unit,overrides,X,Y", .. rows.Select(r => string.Create(
            CultureInfo.InvariantCulture, $"{r.Id},{r.Kind},样例 {r.Id},ENT-DRAINAGE,{r.Overrides},{r.At.Lon:F7},{r.At.Lat:F7}"))]);
        return file;
    }

    private sealed class OverrideComparer : IEqualityComparer<SensorRuleOverride>
    {
        public bool Equals(SensorRuleOverride? x, SensorRuleOverride? y) =>
            x is not null && y is not null && x.Rule == y.Rule && (x.Levels ?? new Dictionary<string, double>()).SequenceEqual(y.Levels ?? new Dictionary<string, double>())
            && x with { Levels = null } == y with { Levels = null };

        public int GetHashCode(SensorRuleOverride obj) => obj.Rule.GetHashCode(StringComparison.Ordinal);
    }
}
