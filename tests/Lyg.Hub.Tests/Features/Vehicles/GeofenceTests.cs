using Lyg.Hub.Features.Vehicles;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Tests.Features.Vehicles;

public sealed class GeofenceTests
{
    // About 0.1 m of latitude: a GPS fix cannot tell these apart, the fence must.
    private const double Hair = 1e-6;

    private static readonly Geofence OldTown = Geofence.Polygon(
        "old-town", FenceMode.Forbidden, [new(34.6000, 119.2180), new(34.6000, 119.2250), new(34.6040, 119.2250), new(34.6040, 119.2180)]);

    private static readonly GeoPoint RouteStart = new(34.5967, 119.2150);
    private static readonly GeoPoint RouteBend = new(34.5967, 119.2300);
    private static readonly GeoPoint RouteEnd = new(34.6050, 119.2300);

    private static readonly Geofence Route = Geofence.Corridor("route", FenceMode.Allowed, [RouteStart, RouteBend, RouteEnd], widthMetres: 60);

    [Theory]
    [InlineData(34.6000, 119.2200, true)] // on the south edge
    [InlineData(34.6040, 119.2250, true)] // on a vertex
    [InlineData(34.6000 + Hair, 119.2200, true)]
    [InlineData(34.6000 - Hair, 119.2200, false)]
    [InlineData(34.6020, 119.2250 - Hair, true)]
    [InlineData(34.6020, 119.2250 + Hair, false)]
    [InlineData(34.6020, 119.2215, true)]
    [InlineData(34.5000, 119.2215, false)]
    public void A_polygon_holds_its_boundary_and_what_is_inside_and_nothing_else(double lat, double lon, bool inside) =>
        Assert.Equal(inside, OldTown.Contains(new GeoPoint(lat, lon)));

    [Fact]
    public void An_open_ring_is_closed_and_a_ring_that_crosses_itself_is_refused()
    {
        Assert.True(OldTown.Contains(new GeoPoint(34.6020, 119.2215)));
        Assert.Throws<ArgumentException>(() => Geofence.Polygon(
            "bow-tie", FenceMode.Forbidden, [new(34.60, 119.21), new(34.61, 119.22), new(34.60, 119.22), new(34.61, 119.21)]));
    }

    [Theory]
    [InlineData(29.9, true)]
    [InlineData(30.0 - 0.01, true)]
    [InlineData(30.1, false)]
    [InlineData(-29.9, true)]
    [InlineData(-30.1, false)]
    [InlineData(0, true)]
    public void A_corridor_holds_points_within_half_its_width_of_its_line(double metresNorth, bool inside)
    {
        var onLine = new GeoPoint(34.5967, 119.2200);
        var (perLat, _) = onLine.MetresPerDegree();

        Assert.Equal(inside, Route.Contains(onLine with { Lat = onLine.Lat + metresNorth / perLat }));
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(40, false)]
    public void A_corridor_reaches_half_its_width_beyond_the_ends_of_its_line(double metresWest, bool inside)
    {
        var (_, perLon) = RouteStart.MetresPerDegree();

        Assert.Equal(inside, Route.Contains(RouteStart with { Lon = RouteStart.Lon - metresWest / perLon }));
    }

    [Fact]
    public void A_corridor_follows_its_bend()
    {
        var (perLat, perLon) = RouteBend.MetresPerDegree();
        var alongSecondLeg = new GeoPoint(34.6010, 119.2300 + 25 / perLon);
        var outsideTheCorner = new GeoPoint(RouteBend.Lat - 25 / perLat, RouteBend.Lon + 25 / perLon);

        Assert.True(Route.Contains(alongSecondLeg));
        Assert.False(Route.Contains(new GeoPoint(34.6010, 119.2300 + 35 / perLon)));

        // 35 m from the bend diagonally: outside, though 25 m from each leg's line extended.
        Assert.False(Route.Contains(outsideTheCorner));
    }

    [Fact]
    public void A_fence_applies_always_or_only_within_its_active_hours()
    {
        var schoolHours = new WeeklySchedule("school", [new ScheduleRange(new HashSet<DayOfWeek> { DayOfWeek.Monday }, TimeSpan.FromHours(7), TimeSpan.FromHours(8.5))]);
        var school = Geofence.Polygon("school", FenceMode.Forbidden, [new(34.5940, 119.2195), new(34.5940, 119.2215), new(34.5955, 119.2215)], new FenceRules(ActiveHours: schoolHours));

        Assert.True(OldTown.IsActive(DateTimeOffset.Parse("2026-11-30T03:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(school.IsActive(DateTimeOffset.Parse("2026-11-30T07:30:00+08:00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(school.IsActive(DateTimeOffset.Parse("2026-11-30T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
