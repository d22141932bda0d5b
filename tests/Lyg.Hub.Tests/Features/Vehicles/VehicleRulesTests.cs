using Lyg.Contracts;
using Lyg.Hub.Features.Vehicles;
using Lyg.Orchestrations.Geo;
using static Lyg.Hub.Tests.Features.Vehicles.VehicleSamples;

namespace Lyg.Hub.Tests.Features.Vehicles;

public sealed class VehicleRulesTests
{
    [Fact]
    public void A_muck_truck_on_its_route_within_its_hours_has_every_rule_evaluated_and_none_holding()
    {
        var signals = VehicleRules.Evaluate(Muck(), Position(OnRouteLat, OnRouteLon, NightTime));

        Assert.Equal(["forbidden-zone:old-town", "forbidden-zone:school", "off-route", "outside-hours"], signals.Select(s => s.Rule).Order(StringComparer.Ordinal));
        Assert.All(signals, s => Assert.Null(s.Level));
        Assert.All(signals, s => Assert.Equal((AlertSubject.Vehicle, "苏G-T0001", "muck"), (s.Subject, s.SubjectId, s.Kind)));
    }

    [Fact]
    public void Off_its_route_and_in_the_old_town_by_day_a_muck_truck_raises_the_three_with_their_levels_and_the_case_policy_of_its_permit()
    {
        var day = NightTime.AddHours(-11); // Monday 12:00
        var signals = VehicleRules.Evaluate(Muck(), Position(OldTownLat, OldTownLon, day)).ToDictionary(s => s.Rule);

        Assert.Equal(WarningLevel.Yellow, signals["off-route"].Level);
        Assert.Equal(new Lyg.Hub.Features.Alerts.AlertCasePolicy(WarningLevel.Yellow, "08011", CodeKind.Event), signals["off-route"].Case);
        Assert.Equal(WarningLevel.Yellow, signals["outside-hours"].Level);
        Assert.Null(signals["outside-hours"].Case);
        Assert.Equal(WarningLevel.Orange, signals["forbidden-zone:old-town"].Level);
        Assert.Null(signals["forbidden-zone:school"].Level);
        Assert.Equal(new GeoPoint(OldTownLat, OldTownLon), signals["off-route"].Location);
        Assert.Equal(day, signals["off-route"].ObservedAt);
    }

    [Fact]
    public void A_forbidden_zone_with_active_hours_counts_only_within_them_at_the_level_of_its_data()
    {
        var inSchoolZone = (Lat: 34.5967, Lon: 119.2205); // on the route, inside the school zone
        var atSchoolTime = VehicleRules.Evaluate(Muck(), Position(inSchoolZone.Lat, inSchoolZone.Lon, SchoolTime)).ToDictionary(s => s.Rule);
        var atNight = VehicleRules.Evaluate(Muck(), Position(inSchoolZone.Lat, inSchoolZone.Lon, NightTime)).ToDictionary(s => s.Rule);

        Assert.Equal(WarningLevel.Red, atSchoolTime["forbidden-zone:school"].Level);
        Assert.Null(atSchoolTime["off-route"].Level);
        Assert.Null(atNight["forbidden-zone:school"].Level);
    }

    [Fact]
    public void Driving_through_the_old_town_raises_its_zone_on_entry_and_clears_it_on_leaving()
    {
        var muck = Muck();
        var levels = new[] { 34.5990, 34.6000 - 1e-6, 34.6000, 34.6020, 34.6040, 34.6040 + 1e-6 }
            .Select(lat => VehicleRules.Evaluate(muck, Position(lat, 119.2215, NightTime)).Single(s => s.Rule == "forbidden-zone:old-town").Level)
            .ToList();

        Assert.Equal([null, null, WarningLevel.Orange, WarningLevel.Orange, WarningLevel.Orange, null], levels);
    }

    [Fact]
    public void A_vehicle_without_a_permit_or_zones_has_no_rules()
    {
        var sanitation = Read(File()).Single(v => v.Kind == VehicleKind.Sanitation);

        Assert.Empty(VehicleRules.Evaluate(sanitation, Position(OldTownLat, OldTownLon, SchoolTime)));
    }

    internal static VehiclePosition Position(double lat, double lon, DateTimeOffset at, string id = "苏G-T0001") => new(id, at, new GeoPoint(lat, lon), 30, 90);
}
