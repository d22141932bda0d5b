using System.Text;
using Lyg.Contracts;
using Lyg.Hub.Features.Vehicles;
using Lyg.Orchestrations.Geo;
using static Lyg.Hub.Tests.Features.Vehicles.VehicleSamples;

namespace Lyg.Hub.Tests.Features.Vehicles;

public sealed class VehicleRegistryFileTests
{
    [Fact]
    public void A_good_file_gives_its_vehicles_with_their_fences_and_schedules()
    {
        var vehicles = Read(File());

        var muck = vehicles.Single(v => v.Kind == VehicleKind.Muck);
        Assert.Equal(("苏G-T0001", "DEPT-CGJ"), (muck.VehicleId, muck.Unit));
        Assert.Equal(["old-town", "school"], muck.ForbiddenZones.Select(z => z.Id));
        Assert.Equal(60, Assert.Single(muck.Permit!.Routes).WidthMetres);
        Assert.Equal("night", muck.Permit.Hours!.Id);
        Assert.Equal(WarningLevel.Red, muck.ForbiddenZones[1].Level);
    }

    [Theory]
    [InlineData("\"unit\": \"DEPT-CGJ\"", "\"unit\": \"DEPT-NOBODY\"", "vehicles[0].unit")]
    [InlineData("\"vehicleId\": \"苏G-T0001\"", "\"vehicleId\": \"a/b\"", "vehicles[0].vehicleId")]
    [InlineData("\"vehicleId\": \"HW-T0001\"", "\"vehicleId\": \"苏G-T0001\"", "vehicles[1].vehicleId")]
    [InlineData("\"mode\": \"allowed\"", "\"mode\": \"permitted\"", "fences[0].mode")]
    [InlineData("\"routes\": [\"route\"]", "\"routes\": [\"old-town\"]", "vehicles[0].permit.routes[0]")]
    [InlineData("\"forbiddenZones\": [\"old-town\", \"school\"]", "\"forbiddenZones\": [\"old-town\", \"nowhere\"]", "vehicles[0].forbiddenZones[1]")]
    [InlineData("\"hours\": \"night\"", "\"hours\": \"day\"", "vehicles[0].permit.hours")]
    [InlineData("\"activeHours\": \"school\"", "\"activeHours\": \"lunch\"", "fences[2].activeHours")]
    [InlineData("\"from\": \"22:00\"", "\"from\": \"25:00\"", "schedules[0].ranges[0].from")]
    [InlineData("\"from\": \"22:00\"", "\"from\": \"24:00\"", "schedules[0].ranges[0].from")]
    [InlineData("\"to\": \"06:00\"", "\"to\": \"6\"", "schedules[0].ranges[0].to")]
    [InlineData("[\"mon\",\"tue\"", "[\"monday\",\"tue\"", "schedules[0].ranges[0].days")]
    [InlineData("\"widthMetres\": 60", "\"widthMetres\": 0", "fences[0].corridor.widthMetres")]
    [InlineData("[[119.2150, 34.5967], [119.2300, 34.5967]", "[[119.2150, 94.5967], [119.2300, 34.5967]", "fences[0].corridor.line[0]")]
    [InlineData("[119.2250, 34.6000], [119.2250, 34.6040]", "[119.2250, 34.6040], [119.2250, 34.6000]", "fences[1].polygon")]
    [InlineData("\"categoryCode\": \"08011\"", "\"categoryCode\": \"99999\"", "vehicles[0].permit.offRouteCase.categoryCode")]
    [InlineData("\"categoryCode\": \"08011\"", "\"categoryCode\": \"01001\"", "vehicles[0].permit.offRouteCase.categoryCode")]
    [InlineData("\"fenceId\": \"school\"", "\"fenceId\": \"old-town\"", "fences[2].fenceId")]
    [InlineData("\"kind\": \"muck\"", "\"kind\": \"dumper\"", "$.vehicles[0].kind")]
    [InlineData("\"widthMetres\": 60", "\"widthMetres\": \"60\"", "$.fences[0].corridor.widthMetres")]
    [InlineData("\"unit\": \"ENT-SANITATION\"", "\"unit\": \"ENT-SANITATION\", \"colour\": \"green\"", "$.vehicles[1].colour")]
    public void A_fault_is_named_by_its_path_and_the_file_gives_no_vehicle(string find, string replace, string path)
    {
        var file = File();
        Assert.Contains(find, file, StringComparison.Ordinal);

        var (vehicles, problems) = VehicleRegistryFile.Read(Encoding.UTF8.GetBytes(file.Replace(find, replace, StringComparison.Ordinal)), UnitCodes.Contains);

        Assert.Empty(vehicles);
        Assert.Contains(path, problems.Keys);
    }

    [Fact]
    public void A_fence_that_is_neither_or_both_a_polygon_and_a_corridor_is_refused()
    {
        var both = File().Replace("\"fenceId\": \"old-town\", \"mode\": \"forbidden\",", "\"fenceId\": \"old-town\", \"mode\": \"forbidden\", \"corridor\": { \"line\": [[1, 1], [2, 2]], \"widthMetres\": 5 },", StringComparison.Ordinal);

        var (_, problems) = VehicleRegistryFile.Read(Encoding.UTF8.GetBytes(both), UnitCodes.Contains);

        Assert.Contains("fences[1]", problems.Keys);
    }

    [Fact]
    public void A_vehicle_written_as_its_own_file_reads_back_the_same()
    {
        var muck = Muck();

        var (again, problems) = VehicleRegistryFile.Read(VehicleRegistryFile.WriteOne(muck), UnitCodes.Contains);

        Assert.Empty(problems);
        var copy = Assert.Single(again);
        Assert.Equal((muck.VehicleId, muck.Kind, muck.Unit), (copy.VehicleId, copy.Kind, copy.Unit));
        Assert.Equal(muck.Permit!.OffRouteCase, copy.Permit!.OffRouteCase);
        foreach (var (lat, lon, at) in new[] { (OnRouteLat, OnRouteLon, NightTime), (OldTownLat, OldTownLon, SchoolTime), (34.5967, 119.2205, SchoolTime) })
        {
            var position = VehicleRulesTests.Position(lat, lon, at);
            Assert.Equal(
                VehicleRules.Evaluate(muck, position).Select(s => (s.Rule, s.Level)),
                VehicleRules.Evaluate(copy, position).Select(s => (s.Rule, s.Level)));
        }
    }

    [Fact]
    public void A_fence_in_gcj02_is_kept_in_wgs84()
    {
        var corner = CoordinateConversion.Wgs84ToGcj02(new GeoPoint(34.6000, 119.2180));
        var file = File().Replace(
            "\"polygon\": [[119.2180, 34.6000]",
            FormattableString.Invariant($"\"crs\": \"gcj02\", \"polygon\": [[{corner.Lon}, {corner.Lat}]"),
            StringComparison.Ordinal);

        var oldTown = Read(file).Single(v => v.Kind == VehicleKind.Muck).ForbiddenZones[0];

        Assert.Equal(34.6000, oldTown.Points[0].Lat, 6);
        Assert.Equal(119.2180, oldTown.Points[0].Lon, 6);
    }

    [Fact]
    public void The_development_sample_reads_with_the_sample_units()
    {
        var sample = VehicleSeeder.Sample();

        Assert.Equal([VehicleKind.Sanitation, VehicleKind.Muck, VehicleKind.Enforcement], sample.Select(v => v.Kind).Distinct().Order());
        Assert.All(sample.Where(v => v.Kind == VehicleKind.Muck), v => Assert.NotEmpty(v.Permit!.Routes));
    }
}
