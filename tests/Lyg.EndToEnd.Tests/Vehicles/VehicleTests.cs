using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Vehicles;

/// <summary>
/// Vehicle positions over real HTTP on the standalone host with Azurite, for the Development sample vehicles: signed
/// positions in as the sample gateway, then the latest positions and a track out for staff; bad input refused.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class VehicleTests(HubFixture hub)
{
    private const string Gateway = "dev-gateway";
    private const string PositionsPath = "/api/v1/vehicles/positions";
    private const string Sweeper = "HW-0002";
    private const string MuckTruck = "苏G-ZT001";

    [Fact]
    public async Task Positions_in_are_served_as_latest_positions_and_as_a_track_page_by_page()
    {
        var now = DateTimeOffset.UtcNow;
        var body = Document(
            (Sweeper, now.AddMinutes(-3), 34.5960, 119.2210),
            (Sweeper, now.AddMinutes(-2), 34.5967, 119.2215),
            (MuckTruck, now.AddMinutes(-1), 34.5967, 119.2200));
        for (var i = 0; i < 2; i++)
        {
            using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, PositionsPath, Gateway, body: body));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(3, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("stored").GetInt32());
        }

        var staff = await hub.Host.ClientForAsync("dispatcher-vehicles", Roles.Dispatcher);
        var sanitation = await GetJsonAsync(staff, "api/v1/monitoring/vehicles?kind=sanitation&place=320706");
        var sweeper = sanitation.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("vehicleId").GetString() == Sweeper);
        Assert.Equal("sanitation", sweeper.GetProperty("kind").GetString());
        Assert.Equal("ENT-SANITATION", sweeper.GetProperty("unit").GetString());
        Assert.Equal(now.AddMinutes(-2).UtcTicks / TimeSpan.TicksPerMillisecond, sweeper.GetProperty("observedAt").GetDateTimeOffset().UtcTicks / TimeSpan.TicksPerMillisecond);
        Assert.Equal(34.5967, sweeper.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal("wgs84", sweeper.GetProperty("location").GetProperty("crs").GetString());
        Assert.DoesNotContain(sanitation.GetProperty("items").EnumerateArray(), v => v.GetProperty("vehicleId").GetString() == MuckTruck);
        var elsewhere = await GetJsonAsync(staff, "api/v1/monitoring/vehicles?place=320703");
        Assert.DoesNotContain(elsewhere.GetProperty("items").EnumerateArray(), v => v.GetProperty("vehicleId").GetString() == Sweeper);

        var range = $"from={Uri.EscapeDataString(now.AddMinutes(-10).ToString("O"))}&to={Uri.EscapeDataString(now.AddMinutes(1).ToString("O"))}";
        var first = await GetJsonAsync(staff, $"api/v1/monitoring/vehicles/{Sweeper}/track?{range}&limit=1");
        Assert.Equal(34.5960, Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("location").GetProperty("lat").GetDouble());
        var token = first.GetProperty("continuationToken").GetString();
        var second = await GetJsonAsync(staff, $"api/v1/monitoring/vehicles/{Sweeper}/track?{range}&limit=1&continuationToken={token}");
        Assert.Equal(34.5967, Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("location").GetProperty("lat").GetDouble());
        Assert.False(second.TryGetProperty("continuationToken", out _));

        var truck = await GetJsonAsync(staff, $"api/v1/monitoring/vehicles/{Uri.EscapeDataString(MuckTruck)}/track?{range}");
        Assert.Single(truck.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("api/v1/monitoring/vehicles?kind=bus", "kind")]
    [InlineData("api/v1/monitoring/vehicles?place=320706%27", "place")]
    [InlineData("api/v1/monitoring/vehicles/HW-0002/track?from=2026-12-01T00:00:00Z", "to")]
    [InlineData("api/v1/monitoring/vehicles/HW-0002/track?to=2026-12-01T00:00:00Z", "from")]
    [InlineData("api/v1/monitoring/vehicles/HW-0002/track?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:01Z", "to")]
    [InlineData("api/v1/monitoring/vehicles/HW-0002/track?from=2026-12-01T08:00:00Z&to=2026-12-01T07:00:00Z", "to")]
    [InlineData("api/v1/monitoring/vehicles/HW-0002/track?from=yesterday&to=2026-12-01T07:00:00Z", "from")]
    [InlineData("api/v1/monitoring/vehicles/HW-0002/track?from=2026-12-01T00:00:00Z&to=2026-12-01T01:00:00Z&limit=0", "limit")]
    [InlineData("api/v1/monitoring/vehicles/HW-0002/track?from=2026-12-01T00:00:00Z&to=2026-12-01T01:00:00Z&continuationToken=abc", "continuationToken")]
    public async Task Bad_parameters_get_a_problem_naming_the_field(string path, string field)
    {
        var staff = await hub.Host.ClientForAsync("dispatcher-vehicles", Roles.Dispatcher);

        using var response = await staff.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Bad_positions_are_refused_naming_each_path_and_nothing_is_stored()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-30);
        var body = Encoding.UTF8.GetBytes($$$"""
            {"positions": [
              {"vehicleId": "ZF-0001", "observedAt": "{{{at:O}}}", "lat": 34.59, "lon": 119.22, "crs": "wgs84"},
              {"vehicleId": "ZF-9999", "observedAt": "{{{at:O}}}", "lat": 34.59, "lon": 119.22, "crs": "wgs84"},
              {"vehicleId": "ZF-0001", "observedAt": "{{{at:O}}}", "lat": 34.59, "lon": 119.22, "crs": "baidu"}
            ]}
            """);

        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, PositionsPath, Gateway, body: body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["positions[1].vehicleId", "positions[2].crs"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var staff = await hub.Host.ClientForAsync("dispatcher-vehicles", Roles.Dispatcher);
        var track = await GetJsonAsync(
            staff, $"api/v1/monitoring/vehicles/ZF-0001/track?from={Uri.EscapeDataString(at.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(at.AddMinutes(1).ToString("O"))}");
        Assert.Empty(track.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"positions": [""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"positions": []}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"positions": [{"vehicleId": "ZF-0001"}]}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Hostile_bodies_get_a_problem_and_never_a_server_error(string body, string contentType, HttpStatusCode expected)
    {
        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, PositionsPath, Gateway, body: Encoding.UTF8.GetBytes(body), contentType: contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unsigned_or_non_gateway_positions_and_reads_by_non_staff_or_of_unknown_vehicles_are_refused()
    {
        var body = Document(("ZF-0001", DateTimeOffset.UtcNow, 34.59, 119.22));
        using (var unsigned = new HttpRequestMessage(HttpMethod.Post, PositionsPath.TrimStart('/')) { Content = new ByteArrayContent(body) })
        {
            unsigned.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            using var response = await hub.Host.Anonymous.SendAsync(unsigned);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, PositionsPath, "dev-hotline12345", body: body)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var citizen = await hub.Host.ClientForAsync("citizen-vehicles", Roles.Citizen);
        using (var response = await citizen.GetAsync("api/v1/monitoring/vehicles"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var staff = await hub.Host.ClientForAsync("dispatcher-vehicles", Roles.Dispatcher);
        using (var response = await staff.GetAsync("api/v1/monitoring/vehicles/NOBODY-1/track?from=2026-12-01T00:00:00Z&to=2026-12-01T01:00:00Z"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static byte[] Document(params (string Vehicle, DateTimeOffset At, double Lat, double Lon)[] positions) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            positions = positions.Select(p => new
            {
                vehicleId = p.Vehicle, observedAt = p.At.ToString("O", CultureInfo.InvariantCulture), lat = p.Lat, lon = p.Lon, crs = "wgs84", speed = 18.5, heading = 270,
            }),
        });
}
