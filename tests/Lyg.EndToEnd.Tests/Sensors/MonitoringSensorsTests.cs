using System.Net;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Sensors;

/// <summary>
/// Telemetry checked against the sensor registry over real HTTP, with the Development sample sensors the host plants:
/// an unknown sensor or an impossible value is a 400 naming the field and stores nothing; readings of sample sensors
/// are stored and shown by GET v1/monitoring/sensors and v1/monitoring/sensors/{id}.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class MonitoringSensorsTests(HubFixture hub)
{
    private const string Gateway = "dev-gateway";
    private const string Path = "/api/v1/telemetry";

    [Fact]
    public async Task Readings_of_an_unknown_sensor_are_refused_naming_the_field_and_nothing_of_the_request_is_stored()
    {
        var unknown = "e2e-unknown-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var body = Encoding.UTF8.GetBytes($$$"""
            {"readings": [
              {"sensorId": "dev-wl-002", "observedAt": "{{{at}}}", "values": {"waterLevel": 0.12}},
              {"sensorId": "{{{unknown}}}", "observedAt": "{{{at}}}", "values": {"waterLevel": 0.1}},
              {"sensorId": "dev-wl-002", "observedAt": "{{{at}}}", "values": {"waterLevel": 99, "pm10": 3}}
            ]}
            """);

        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(
            ["readings[1].sensorId", "readings[2].values.pm10", "readings[2].values.waterLevel"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await ReadingsAsync(unknown));
        Assert.DoesNotContain(await ReadingsAsync("dev-wl-002"), r => r.GetProperty("observedAt").GetDateTimeOffset() == DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Readings_of_sample_sensors_are_stored_and_shown_with_the_sensors_rules_latest_values_and_recent_readings()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(-30);
        var body = Encoding.UTF8.GetBytes($$$"""
            {"readings": [
              {"sensorId": "dev-wl-001", "observedAt": "{{{at.AddMinutes(-5):O}}}", "values": {"waterLevel": 0.18}},
              {"sensorId": "dev-wl-001", "observedAt": "{{{at:O}}}", "values": {"waterLevel": 0.27, "precipitation": 24.5}},
              {"sensorId": "dev-dust-001", "observedAt": "{{{at:O}}}", "values": {"pm10": 162, "pm25": 80}},
              {"sensorId": "dev-wx-001", "observedAt": "{{{at:O}}}", "values": {"temperature": 36.1, "windSpeed": 4.2}}
            ]}
            """);
        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: body)))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var dispatcher = await hub.Host.ClientForAsync("dispatcher-sensors", Roles.Dispatcher);
        var sensor = JsonDocument.Parse(await dispatcher.GetStringAsync("api/v1/monitoring/sensors/dev-wl-001")).RootElement;
        Assert.Equal(0.27, sensor.GetProperty("latest").GetProperty("waterLevel").GetProperty("value").GetDouble());
        Assert.Equal(24.5, sensor.GetProperty("latest").GetProperty("precipitation").GetProperty("value").GetDouble());
        Assert.Equal([0.27, 0.18], sensor.GetProperty("recentReadings").EnumerateArray().Take(2).Select(r => r.GetProperty("values").GetProperty("waterLevel").GetDouble()));
        var levelHigh = sensor.GetProperty("thresholds").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "level-high");
        Assert.Equal(0.25, levelHigh.GetProperty("levels").GetProperty("yellow").GetDouble());

        var waterLevels = JsonDocument.Parse(await dispatcher.GetStringAsync("api/v1/monitoring/sensors?kind=water-level&place=320706")).RootElement.GetProperty("items");
        var listed = Assert.Single(waterLevels.EnumerateArray(), i => i.GetProperty("sensorId").GetString() == "dev-wl-001");
        Assert.Equal(0.27, listed.GetProperty("latest").GetProperty("waterLevel").GetDouble());
        Assert.DoesNotContain(waterLevels.EnumerateArray(), i => i.GetProperty("sensorId").GetString() == "dev-wl-002");

        using var unknown = await dispatcher.GetAsync("api/v1/monitoring/sensors/no-such-sensor");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_kind_has_a_sample_sensor_and_the_list_is_for_staff_only()
    {
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-sensor-list", Roles.Dispatcher);
        var page = JsonDocument.Parse(await dispatcher.GetStringAsync("api/v1/monitoring/sensors?limit=500")).RootElement;
        var kinds = page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("sensorId").GetString()!.StartsWith("dev-", StringComparison.Ordinal))
            .Select(i => i.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "water-level", "rainfall", "gas-concentration", "manhole-cover", "bridge-strain", "bridge-displacement", "bridge-deflection",
            "bridge-vibration", "road-subsidence", "pipe-pressure", "pipe-flow", "site-dust", "site-noise", "weather", "street-light", "waste-bin", "soil-moisture", "tree-tilt" }, kinds);

        var citizen = await hub.Host.ClientForAsync("citizen-sensors", Roles.Citizen);
        using var refused = await citizen.GetAsync("api/v1/monitoring/sensors");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private Task<List<JsonElement>> ReadingsAsync(string sensor) => SensorReadings.RecentAsync(hub, sensor);
}
