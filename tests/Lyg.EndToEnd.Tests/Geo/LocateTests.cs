using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Orchestrations.Geo;

namespace Lyg.EndToEnd.Tests.Geo;

/// <summary>GET v1/geo/locate over HTTP against the synthetic sample city every host generates at start.</summary>
[Collection(HubSuite.Name)]
public sealed class LocateTests(HubFixture hub)
{
    [Fact]
    public async Task Staff_locate_a_point_in_haizhou_and_get_422_outside_the_city_while_citizens_are_refused()
    {
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-geo", Roles.Dispatcher);

        // The sample centres Haizhou's lattice on this point, so it lies inside a grid whatever the seed.
        using var inside = await dispatcher.GetAsync("api/v1/geo/locate?lat=34.5967&lon=119.2215&crs=wgs84");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        var located = (await inside.Content.ReadFromJsonAsync(LygJsonContext.Default.LocateResult))!;
        Assert.Matches(@"\A320706[0-9]{9}\z", located.Grid);
        Assert.Equal(new PlaceView("320706", "海州区"), located.District);
        Assert.StartsWith(located.Street.Code, located.Community.Code, StringComparison.Ordinal);
        Assert.StartsWith(located.Community.Code, located.Grid, StringComparison.Ordinal);
        Assert.Equal(new GeoLocation(34.5967, 119.2215, CoordinateSystem.Wgs84), located.Point);

        using var outside = await dispatcher.GetAsync("api/v1/geo/locate?lat=31.2304&lon=121.4737&crs=gcj02");
        var problem = await outside.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("/outside-grids", problem.GetProperty("type").GetString(), StringComparison.Ordinal);

        using var bad = await dispatcher.GetAsync("api/v1/geo/locate?lat=34.6&lon=119.2");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest);

        var citizen = await hub.Host.ClientForAsync("citizen-geo", Roles.Citizen);
        using var refused = await citizen.GetAsync("api/v1/geo/locate?lat=34.5967&lon=119.2215&crs=wgs84");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_service_area_saved_over_http_makes_locate_name_the_unit_and_routing_suggest_it()
    {
        var admin = await hub.Host.ClientForAsync("admin-geo", Roles.Admin);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-geo", Roles.Dispatcher);
        var community = SampleCity.Generate().Grids.First(g => g.Street.Code == "320707002");
        var centre = community.Boundary.Centroid;
        var locate = string.Create(CultureInfo.InvariantCulture, $"api/v1/geo/locate?lat={centre.Y:R}&lon={centre.X:R}&crs=wgs84&category=0601");

        using var saved = await admin.PutAsJsonAsync(
            "api/v1/units/S320707-GEOTEST",
            new UpsertUnitRequest("赣榆区样例街道办事处", UnitKind.StreetOffice, "D320707", null, true,
                new UnitServiceAreaRequest([community.Community.Code], ["06*"])),
            LygJsonContext.Default.UpsertUnitRequest);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        var located = (await dispatcher.GetFromJsonAsync(locate, LygJsonContext.Default.LocateResult))!;
        var unit = Assert.Single(located.ResponsibleUnits);
        Assert.Equal(("S320707-GEOTEST", community.Community.Code), (unit.Code, unit.Place));
        Assert.Equal("S320707-GEOTEST", located.Suggestion?.Unit);
        Assert.StartsWith("service area of S320707-GEOTEST", located.Suggestion?.Rule, StringComparison.Ordinal);
    }
}
