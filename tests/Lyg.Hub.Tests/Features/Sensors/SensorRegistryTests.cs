using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Sensors;

[Collection(AzuriteDefinition.Name)]
public sealed class SensorRegistryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_refresh_reads_what_changed_and_a_sensor_imported_since_is_found_at_once()
    {
        var store = await SensorFixtures.NewStoreAsync(azurite);
        await store.WriteAsync([SensorFixtures.Sensor("wl-1")], default);
        using var registry = new SensorRegistry(store, SensorFixtures.Kinds, Options.Create(new SensorsOptions()), TimeProvider.System);
        Assert.Equal(1, await registry.RefreshAsync(default));

        await store.WriteAsync([SensorFixtures.Sensor("wl-1", "pipe-flow"), SensorFixtures.Sensor("wl-2")], default);
        Assert.Null(registry.Held("wl-2"));
        Assert.Equal("wl-2", (await registry.FindAsync(["wl-2"], default))["wl-2"].Id);

        await registry.RefreshAsync(default);
        Assert.Equal("pipe-flow", registry.Held("wl-1")!.Kind);
        Assert.Equal(["wl-1", "wl-2"], registry.All.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_id_is_looked_up_once_per_retry_interval()
    {
        var store = await SensorFixtures.NewStoreAsync(azurite);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var registry = new SensorRegistry(store, SensorFixtures.Kinds, Options.Create(new SensorsOptions { UnknownRetryInterval = TimeSpan.FromSeconds(30) }), clock);
        await registry.RefreshAsync(default);

        Assert.Empty(await registry.FindAsync(["wl-late"], default));
        await store.WriteAsync([SensorFixtures.Sensor("wl-late")], default);
        Assert.Empty(await registry.FindAsync(["wl-late"], default));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Single(await registry.FindAsync(["wl-late"], default));
    }

    [Fact]
    public void Readings_are_checked_against_the_registry_naming_each_field()
    {
        var sensors = new Dictionary<string, Sensor> { ["wl-1"] = SensorFixtures.Sensor("wl-1"), ["nk-1"] = SensorFixtures.Sensor("nk-1") with { Kind = "gone" } };
        var at = DateTimeOffset.UtcNow;

        var errors = SensorReadingChecks.Check(
        [
            new SensorReading("wl-1", at, new Dictionary<string, double> { ["waterLevel"] = 0.3, ["precipitation"] = 12 }),
            new SensorReading("wl-9", at, new Dictionary<string, double> { ["waterLevel"] = 0.3 }),
            new SensorReading("wl-1", at, new Dictionary<string, double> { ["waterLevel"] = 15.01, ["pm10"] = 3 }),
            new SensorReading("wl-1", at, new Dictionary<string, double> { ["precipitation"] = -1 }),
            new SensorReading("nk-1", at, new Dictionary<string, double> { ["waterLevel"] = 1 }),
        ], sensors, SensorFixtures.Kinds);

        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["readings[1].sensorId"] = ["No sensor wl-9 in the registry; import it first (Lyg.Import sensors)."],
                ["readings[2].values.waterLevel"] = ["15.01 m is outside the physical range of waterLevel, 0 to 15 m."],
                ["readings[2].values.pm10"] = ["A water-level sensor reports waterLevel, precipitation; not pm10."],
                ["readings[3].values.precipitation"] = ["-1 mm/h is outside the physical range of precipitation, 0 to 300 mm/h."],
                ["readings[4].sensorId"] = ["Sensor nk-1 is of kind gone, which the hub no longer has."],
            },
            errors);
    }

    [Fact]
    public void The_development_sample_has_every_kind_and_every_sensor_passes_the_import_checks_in_the_sample_city()
    {
        var problems = new List<Hub.Importing.ImportProblem>();

        var sample = SensorFixtures.Validator().ValidSensors(SensorSeeder.Sample(), problems);

        Assert.Empty(problems);
        Assert.Equal(SensorSeeder.Sample().Count, sample.Count);
        Assert.Equal(SensorFixtures.Kinds.Kinds.Select(k => k.Id).Order(StringComparer.Ordinal), sample.Select(s => s.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.All(sample, s => Assert.StartsWith("样例", s.Name, StringComparison.Ordinal));
        Assert.Contains(sample, s => s.Overrides.Count > 0);
    }
}
