using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Tests.Features.Components;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Features.Units.UnitFixtures;

namespace Lyg.Hub.Tests.Features.Sensors;

/// <summary>GET v1/monitoring/sensors and v1/monitoring/sensors/{id} over a registry and readings in Azurite.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class MonitoringSensorsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _prefix = "m" + Guid.NewGuid().ToString("N")[..8];
    private SensorRegistry _registry = null!;

    private static Orchestrations.Geo.UnitGrid Lianyun => CaseFixtures.City.Grids.First(g => g.District.Code == "320703");

    public async Task InitializeAsync()
    {
        _registry = await SensorFixtures.RegistryAsync(
            azurite,
            SensorFixtures.Sensor(Id("a"), overrides: [new SensorRuleOverride("level-high", Levels: new Dictionary<string, double> { ["red"] = 0.9 }), new SensorRuleOverride("silent", Disabled: true)]),
            SensorFixtures.Sensor(Id("b"), "site-dust"),
            SensorFixtures.Sensor(Id("c"), grid: Lianyun),
            SensorFixtures.Sensor(Id("d"), "site-dust", grid: Lianyun));
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        await new ReadingStore(azurite.Tables).StoreAsync(
        [
            new SensorReading(Id("a"), at, new Dictionary<string, double> { ["waterLevel"] = 0.2 }),
            new SensorReading(Id("a"), at.AddMinutes(5), new Dictionary<string, double> { ["waterLevel"] = 0.35, ["precipitation"] = 22 }),
        ], null, default);
    }

    public Task DisposeAsync()
    {
        _registry.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("", new[] { "a", "b", "c", "d" })]
    [InlineData("?kind=site-dust", new[] { "b", "d" })]
    [InlineData("?place=320703", new[] { "c", "d" })]
    [InlineData("?place=320703&kind=water-level", new[] { "c" })]
    [InlineData("?kind=&place=", new[] { "a", "b", "c", "d" })]
    public async Task The_list_is_in_id_order_filtered_by_kind_and_place(string query, string[] expected)
    {
        var answer = await ListAsync(query);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(expected.Select(Id), Ids(answer));
    }

    [Fact]
    public async Task A_grid_street_or_community_code_filters_as_a_district_does_and_each_item_has_its_latest_values()
    {
        var grid = ComponentFixtures.Haizhou;
        Assert.Equal([Id("a"), Id("b")], Ids(await ListAsync($"?place={grid.Code}")));
        Assert.Equal([Id("a"), Id("b")], Ids(await ListAsync($"?place={grid.Community.Code}")));
        Assert.Equal([Id("a"), Id("b")], Ids(await ListAsync($"?place={grid.Street.Code}")));

        var first = (await ListAsync($"?place={grid.Code}")).Body.GetProperty("items")[0];
        Assert.Equal(0.35, first.GetProperty("latest").GetProperty("waterLevel").GetDouble());
        Assert.Equal(grid.Code, first.GetProperty("grid").GetString());
        Assert.Equal("00:05:00", first.GetProperty("interval").GetString());
        Assert.Equal("wgs84", first.GetProperty("location").GetProperty("crs").GetString());
        Assert.False((await ListAsync($"?place={grid.Code}")).Body.GetProperty("items")[1].TryGetProperty("latest", out _));
    }

    [Fact]
    public async Task Pages_are_chained_by_the_continuation_token()
    {
        var first = await ListAsync("?limit=3");
        var second = await ListAsync($"?limit=3&continuationToken={first.Body.GetProperty("continuationToken").GetString()}");

        Assert.Equal([Id("a"), Id("b"), Id("c")], Ids(first));
        Assert.Equal([Id("d")], Ids(second));
        Assert.False(second.Body.TryGetProperty("continuationToken", out _));
    }

    [Theory]
    [InlineData("?kind=rain", "kind")]
    [InlineData("?place=999999", "place")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?continuationToken=a%2Fb", "continuationToken")]
    public async Task Malformed_parameters_answer_400_naming_the_parameter(string query, string field)
    {
        var answer = await ListAsync(query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public async Task A_sensor_shows_its_effective_rules_its_latest_values_and_its_recent_readings_newest_first()
    {
        var answer = await GetAsync(Id("a"));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var body = answer.Body;
        Assert.Equal(("water-level", "积水/河道水位", "320706"), (body.GetProperty("kind").GetString(), body.GetProperty("kindName").GetString(), body.GetProperty("district").GetString()));
        var rules = body.GetProperty("thresholds").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(["level-high", "rising-fast", "rain-heavy", "flood-risk"], rules.Keys);
        Assert.Equal("""{"red":0.9}""", rules["level-high"].GetProperty("levels").GetRawText());
        Assert.Equal("threshold", rules["level-high"].GetProperty("type").GetString());
        Assert.False(rules["level-high"].TryGetProperty("perMinute", out _));
        var latest = body.GetProperty("latest");
        Assert.Equal((0.35, "m"), (latest.GetProperty("waterLevel").GetProperty("value").GetDouble(), latest.GetProperty("waterLevel").GetProperty("unit").GetString()));
        Assert.Equal(22, latest.GetProperty("precipitation").GetProperty("value").GetDouble());
        Assert.Equal([0.35, 0.2], body.GetProperty("recentReadings").EnumerateArray().Select(r => r.GetProperty("values").GetProperty("waterLevel").GetDouble()));
        Assert.Equal(0, body.GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public async Task A_sensor_that_never_reported_has_no_latest_values_and_an_unknown_or_malformed_id_is_404()
    {
        var quiet = await GetAsync(Id("b"));
        Assert.Empty(quiet.Body.GetProperty("latest").EnumerateObject());
        Assert.Empty(quiet.Body.GetProperty("recentReadings").EnumerateArray());

        Assert.Equal(StatusCodes.Status404NotFound, (await GetAsync(Id("zz"))).Status);
        Assert.Equal(StatusCodes.Status404NotFound, (await GetAsync("a b")).Status);
    }

    [Fact]
    public async Task A_sensor_whose_overrides_no_longer_fit_its_kind_is_422_naming_the_fault()
    {
        using var registry = await SensorFixtures.RegistryAsync(azurite, SensorFixtures.Sensor(Id("old"), overrides: [new SensorRuleOverride("level-max", AfterIntervals: 2)]));
        var http = Request(Dispatcher);

        var answer = await ResultRunner.ExecuteAsync(await new GetSensor(registry, new ReadingStore(azurite.Tables), new Lyg.Hub.Features.Alerts.AlertStore(azurite.Tables), TimeProvider.System).HandleAsync(http, Id("old")), http);

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, answer.Status);
        Assert.Contains("override of rule 'level-max'", answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private string Id(string name) => $"{_prefix}-{name}";

    private async Task<ExecutedResult> ListAsync(string query)
    {
        var http = Request(Dispatcher, queryString: query.Length == 0 ? null : query);
        return await ResultRunner.ExecuteAsync(await new ListSensors(_registry, new ReadingStore(azurite.Tables), CaseFixtures.Places).HandleAsync(http), http);
    }

    private async Task<ExecutedResult> GetAsync(string id)
    {
        var http = Request(Dispatcher);
        return await ResultRunner.ExecuteAsync(await new GetSensor(_registry, new ReadingStore(azurite.Tables), new Lyg.Hub.Features.Alerts.AlertStore(azurite.Tables), TimeProvider.System).HandleAsync(http, id), http);
    }

    private static List<string?> Ids(ExecutedResult answer) =>
        [.. answer.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sensorId").GetString())];
}
