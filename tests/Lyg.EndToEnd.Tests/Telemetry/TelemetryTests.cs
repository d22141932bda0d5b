using System.Net;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.EndToEnd.Tests.Sensors;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Telemetry;

/// <summary>
/// POST v1/telemetry over real HTTP on the standalone host with Azurite, signed as the sample gateway: readings are
/// stored (and stored the same when sent again), anything else is refused before anything is stored.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class TelemetryTests(HubFixture hub)
{
    private const string Gateway = "dev-gateway";
    private const string Path = "/api/v1/telemetry";

    [Fact]
    public async Task Signed_readings_are_accepted_and_stored_with_the_latest_state_and_a_repeat_stores_the_same_rows()
    {
        var sensor = await RegisteredSensorAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var body = Document((sensor, at, 1.25), (sensor, at.AddMinutes(1), 1.5));

        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: body)))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(2, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("stored").GetInt32());
        }

        using (var again = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: body)))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        var readings = await ReadingsAsync(sensor);
        Assert.Equal([1.5, 1.25], readings.Select(r => r.GetProperty("values").GetProperty("waterLevel").GetDouble()));
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_and_non_gateway_requests_are_refused()
    {
        var body = Document((NewSensor(), DateTimeOffset.UtcNow, 1));
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, Path.TrimStart('/')) { Content = new ByteArrayContent(body) };
        unsigned.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using (var response = await hub.Host.Anonymous.SendAsync(unsigned))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, secret: Encoding.UTF8.GetBytes("not-the-gateway-secret-not-the-gateway-secret"), body: body)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, "dev-hotline12345", body: body)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Bad_readings_are_refused_naming_each_path_and_nothing_of_the_request_is_stored()
    {
        var good = NewSensor();
        var now = DateTimeOffset.UtcNow;
        var body = Encoding.UTF8.GetBytes($$$"""
            {"readings": [
              {"sensorId": "{{{good}}}", "observedAt": "{{{now.AddMinutes(-1):O}}}", "values": {"level": 1}},
              {"sensorId": "{{{good}}}", "observedAt": "{{{now.AddMinutes(-1):O}}}", "values": {"level": "high"}},
              {"sensorId": "a/b", "observedAt": "{{{now.AddMinutes(-1):O}}}", "values": {"level": 1}},
              {"sensorId": "{{{good}}}", "observedAt": "2026-12-01 08:00", "values": {"level": 1}}
            ]}
            """);

        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(
            ["readings[1].values.level", "readings[2].sensorId", "readings[3].observedAt"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await ReadingsAsync(good));
    }

    [Theory]
    [InlineData("""{"readings": [""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""[]""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"readings": []}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"readings": [{"sensorId": "s", "observedAt": "2026-12-01T08:00:00Z", "values": {"v": 1e400}}]}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"readings": [{"sensorId": "s", "observedAt": "2026-12-01T08:00:00Z", "values": {"v": 1}}]}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("\xFF\xFE", "application/json", HttpStatusCode.BadRequest)]
    public async Task Hostile_bodies_get_a_problem_and_never_a_server_error(string body, string contentType, HttpStatusCode expected)
    {
        var bytes = body.StartsWith('\xFF') ? [0xFF, 0xFE] : Encoding.UTF8.GetBytes(body);
        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: bytes, contentType: contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused()
    {
        var one = $$$"""{"sensorId": "{{{NewSensor()}}}", "observedAt": "{{{DateTimeOffset.UtcNow:O}}}", "values": {"v": 1}},""";
        var body = Encoding.UTF8.GetBytes("{\"readings\": [" + string.Concat(Enumerable.Repeat(one, 1000)).TrimEnd(',') + "]}");

        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_replay_tool_streams_generated_readings_signed_as_the_gateway_and_they_are_stored()
    {
        var url = new Uri(hub.Host.BaseAddress, "api/v1/telemetry").ToString();
        var sensors = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sensors-{Guid.NewGuid():N}.csv");
        Assert.Equal(0, (await ImportTool.RunAsync(hub.Azurite.ConnectionString, "sample-sensors", sensors, "--count", "5")).ExitCode);
        var (registered, registerOutput) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "sensors", sensors, "--sample-places");
        File.Delete(sensors);
        Assert.True(registered == 0, registerOutput);

        var (exitCode, output) = await ImportTool.RunAsync(
            hub.Azurite.ConnectionString, "replay", url, "--generate", "250", "--sensors", "5", "--batch", "40", "--rate", "5000", "--client", Gateway);

        Assert.True(exitCode == 0, output);
        Assert.Contains("250 accepted, 0 refused", output, StringComparison.Ordinal);
        var stored = 0;
        for (var sensor = 0; sensor < 5; sensor++)
        {
            stored += (await ReadingsAsync($"replay-{sensor:D6}")).Count;
        }

        Assert.Equal(250, stored);
    }

    [Fact]
    public async Task The_replay_tool_reports_a_refused_batch_of_a_recorded_file_and_goes_on()
    {
        var sensor = await RegisteredSensorAsync();
        var file = System.IO.Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, [
            $$$"""{"sensorId":"{{{sensor}}}","observedAt":"{{{DateTimeOffset.UtcNow.AddMinutes(-2):O}}}","values":{"waterLevel":1}}""",
            $$$"""{"sensorId":"{{{sensor}}}","observedAt":"not a time","values":{"waterLevel":2}}""",
            $$$"""{"sensorId":"{{{sensor}}}","observedAt":"{{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}}","values":{"waterLevel":3}}""",
        ]);

        var (exitCode, output) = await ImportTool.RunAsync(
            hub.Azurite.ConnectionString, "replay", new Uri(hub.Host.BaseAddress, "api/v1/telemetry").ToString(), "--file", file, "--batch", "1", "--client", Gateway);
        File.Delete(file);

        Assert.Equal(1, exitCode);
        Assert.Contains("readings[0].observedAt", output, StringComparison.Ordinal);
        Assert.Contains("2 accepted, 1 refused", output, StringComparison.Ordinal);
        Assert.Equal(2, (await ReadingsAsync(sensor)).Count);
    }

    [Fact]
    public async Task A_host_whose_event_hub_does_not_answer_starts_and_serves_telemetry_over_http()
    {
        await using var host = await StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2estreams", new Dictionary<string, string>
        {
            ["EventHubs__Telemetry__ConnectionString"] = "Endpoint=sb://lyg-unreachable.invalid/;SharedAccessKeyName=listen;SharedAccessKey=c2FtcGxl;EntityPath=telemetry",
            ["Streams__CheckpointContainer"] = "e2e-checkpoints",
        });
        var sensor = await RegisteredSensorAsync();

        using var response = await host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Gateway, body: Document((sensor, DateTimeOffset.UtcNow.AddMinutes(-1), 1))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(await ReadingsAsync(sensor));
        // The consumer starts in the background; its containers appear once it got that far.
        var checkpoints = new Azure.Storage.Blobs.BlobContainerClient(hub.Azurite.ConnectionString, "e2e-checkpoints");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await checkpoints.ExistsAsync(patience.Token))
        {
            await Task.Delay(100, patience.Token);
        }
    }

    private Task<List<JsonElement>> ReadingsAsync(string sensor) => SensorReadings.RecentAsync(hub, sensor);

    private static string NewSensor() => "e2e-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A new water-level sensor imported with the tool, at the seat of 海州区 in the sample city.</summary>
    private async Task<string> RegisteredSensorAsync()
    {
        var sensor = NewSensor();
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sensors-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, ["sensorId,kind,name,X,Y", $"{sensor},water-level,e2e 积水点,119.2215,34.5967"]);
        var (exitCode, output) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "sensors", file, "--sample-places");
        File.Delete(file);
        Assert.True(exitCode == 0, output);
        return sensor;
    }

    private static byte[] Document(params (string Sensor, DateTimeOffset At, double Value)[] readings) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            readings = readings.Select(r => new { sensorId = r.Sensor, observedAt = r.At.ToString("O"), values = new Dictionary<string, double> { ["waterLevel"] = r.Value } }),
        });
}
