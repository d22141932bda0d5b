using Lyg.Contracts;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Sensors;

[Collection(AzuriteDefinition.Name)]
public sealed class SilentSensorSweepTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_sensor_silent_past_its_intervals_is_sent_once_and_held_until_its_next_reading()
    {
        // water-level: every 5 minutes, silent after 3 intervals without data.
        var id = "SW-" + Guid.NewGuid().ToString("N")[..10];
        var registry = await SensorFixtures.RegistryAsync(azurite, SensorFixtures.Sensor(id));
        var readings = new ReadingStore(azurite.Tables);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await readings.StoreAsync([new SensorReading(id, at, new Dictionary<string, double> { ["waterLevel"] = 0.05 })], null, default);
        var clock = new FakeTimeProvider(at.AddMinutes(15));
        var alerts = new RecordingAlertSink();
        var sweep = new SilentSensorSweep(readings, registry, new SensorRuleEvaluator(SensorKindCatalog.BuiltIn), alerts, clock, NullLogger<SilentSensorSweep>.Instance);
        await using var durable = new RecordingDurableClient();

        await sweep.RunAsync(durable, default);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sweep.RunAsync(durable, default);
        clock.Advance(SilentSensorSweep.Interval);
        await sweep.RunAsync(durable, default);

        var silence = Assert.Single(alerts.Signals, s => s.SubjectId == id);
        Assert.Equal(("silent", (WarningLevel?)WarningLevel.Blue, at.AddMinutes(15)), (silence.Rule, silence.Level, silence.ObservedAt));
        Assert.Equal(WarningLevel.Blue, RuleLevels.Parse((await readings.FindStateAsync(id, default))!.Rules)["silent"]);
    }

    [Fact]
    public async Task A_registered_sensor_never_heard_from_falls_silent_counted_from_its_registration_and_its_first_reading_ends_it()
    {
        var id = "SN-" + Guid.NewGuid().ToString("N")[..10];
        var registry = await SensorFixtures.RegistryAsync(azurite, SensorFixtures.Sensor(id));
        var sensor = registry.Held(id)!;
        var registered = sensor.RegisteredAt!.Value;
        var clock = new FakeTimeProvider(registered.AddMinutes(14));
        var alerts = new RecordingAlertSink();
        var rules = new SensorRuleEvaluator(SensorKindCatalog.BuiltIn);
        var sweep = new SilentSensorSweep(new ReadingStore(azurite.Tables), registry, rules, alerts, clock, NullLogger<SilentSensorSweep>.Instance);
        await using var durable = new RecordingDurableClient();

        await sweep.RunAsync(durable, default);
        var early = alerts.Signals.Count(s => s.SubjectId == id);
        clock.Advance(TimeSpan.FromMinutes(2));
        await sweep.RunAsync(durable, default);
        var (_, first) = rules.Evaluate(sensor, null, [new SensorReading(id, registered.AddMinutes(20), new Dictionary<string, double> { ["waterLevel"] = 0.05 })]);

        Assert.Equal(0, early);
        var silence = Assert.Single(alerts.Signals, s => s.SubjectId == id);
        Assert.Equal(("silent", (WarningLevel?)WarningLevel.Blue, registered.AddMinutes(15)), (silence.Rule, silence.Level, silence.ObservedAt));
        Assert.Contains("从未上报", silence.Summary, StringComparison.Ordinal);
        Assert.Equal(("silent", (WarningLevel?)null), first.Select(s => (s.Rule, s.Level)).Single());
    }

    [Fact]
    public void A_first_reading_within_the_silence_of_its_registration_ends_nothing()
    {
        var sensor = SensorFixtures.Sensor("SN-fresh") with { RegisteredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };

        var (_, signals) = new SensorRuleEvaluator(SensorKindCatalog.BuiltIn).Evaluate(
            sensor, null, [new SensorReading(sensor.Id, DateTimeOffset.UtcNow, new Dictionary<string, double> { ["waterLevel"] = 0.05 })]);

        Assert.Empty(signals);
    }
}
