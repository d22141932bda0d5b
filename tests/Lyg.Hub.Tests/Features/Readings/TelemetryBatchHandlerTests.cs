using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging.EventHubs;
using Azure.Storage.Blobs;
using Lyg.Contracts;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Tests.Features.Sensors;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.Hub.Tests.Features.Readings;

[Collection(AzuriteDefinition.Name)]
public sealed class TelemetryBatchHandlerTests(AzuriteFixture azurite)
{
    private static readonly StreamPartition Partition = new("Telemetry", "2");

    /// <summary>Readings start no workflows unless an alert makes a case.</summary>
    private static readonly RecordingDurableClient Durable = new();

    private readonly RecordingAlertSink _alerts = new();

    [Fact]
    public async Task Good_events_are_stored_and_a_poison_event_goes_to_a_dead_letter_while_the_rest_is_processed()
    {
        var sensor = NewSensor();
        var (handler, runner, deadLetters) = await NewAsync(sensor);
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var events = new[]
        {
            Event(1, Document((sensor, at, 1.5), (sensor, at.AddMinutes(1), 1.7))),
            Event(2, """{"readings": [{"sensorId": "x", "observedAt": "yesterday", "values": {"v": 1}}]}"""),
            Event(3, "not json at all"),
            Event(4, Document((sensor, at.AddMinutes(2), 1.9))),
        };
        long? checkpoint = null;

        await runner.RunAsync(Partition, handler, events, Durable, (last, _) => { checkpoint = last.SequenceNumber; return Task.CompletedTask; }, default);

        var store = new ReadingStore(azurite.Tables);
        var rows = await store.ReadDayAsync(sensor, at, default);
        var expected = new[] { at.AddMinutes(2), at.AddMinutes(1), at }.Where(t => t.UtcDateTime.Date == at.UtcDateTime.Date).Select(t => t.UtcTicks);
        Assert.Equal(expected, rows.Select(r => r.ObservedAt.UtcTicks));
        var state = await store.FindStateAsync(sensor, default);
        Assert.Equal(at.AddMinutes(2).UtcTicks, state!.ObservedAt.UtcTicks);
        Assert.Equal(1.9, ReadingStore.ValuesOf(state.Values)["flow"]);
        Assert.Equal(4, checkpoint);

        var letter = await deadLetters.GetBlobClient(DeadLetterStore.BlobName(Partition, 2)).DownloadContentAsync();
        var envelope = JsonDocument.Parse(letter.Value.Content.ToString()).RootElement;
        Assert.Contains("readings[0].observedAt", envelope.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, envelope.GetProperty("sequenceNumber").GetInt64());
        Assert.Contains("readings[0].observedAt", letter.Value.Details.Metadata[DeadLetterStore.ReasonMetadata], StringComparison.Ordinal);
        var unparseable = await deadLetters.GetBlobClient(DeadLetterStore.BlobName(Partition, 3)).DownloadContentAsync();
        Assert.Equal("not json at all", Encoding.UTF8.GetString(Convert.FromBase64String(JsonDocument.Parse(unparseable.Value.Content.ToString()).RootElement.GetProperty("bodyBase64").GetString()!)));
    }

    [Fact]
    public async Task A_replayed_batch_changes_nothing_stored()
    {
        var sensor = NewSensor();
        var (handler, runner, _) = await NewAsync(sensor);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var events = new[] { Event(10, Document((sensor, at, 3), (sensor, at.AddSeconds(30), 4))) };
        await runner.RunAsync(Partition, handler, events, Durable, null, default);
        var store = new ReadingStore(azurite.Tables);
        var stateBefore = await store.FindStateAsync(sensor, default);

        await runner.RunAsync(Partition, handler, events, Durable, null, default);

        Assert.Equal(2, (await AllReadingsAsync(sensor)).Count);
        var stateAfter = await store.FindStateAsync(sensor, default);
        Assert.Equal(stateBefore!.ETag, stateAfter!.ETag);
    }

    [Fact]
    public async Task Readings_crossing_a_rule_send_its_changes_to_the_alert_desk_once_and_what_the_rules_hold_stays_with_the_state()
    {
        var sensor = NewSensor();
        var (handler, runner, _) = await NewAsync(sensor);
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        // pipe-full: blue from 0.7, yellow 0.8, orange 0.9 of the pipe's height, hysteresis 0.03.
        var events = new[]
        {
            Event(1, $$$"""{"readings": [{"sensorId": "{{{sensor}}}", "observedAt": "{{{at:O}}}", "values": {"flow": 100, "fillingLevel": 0.75}}, {"sensorId": "{{{sensor}}}", "observedAt": "{{{at.AddMinutes(1):O}}}", "values": {"flow": 120, "fillingLevel": 0.95}}]}"""),
        };

        await runner.RunAsync(Partition, handler, events, Durable, null, default);
        await runner.RunAsync(Partition, handler, events, Durable, null, default);
        await handler.HandleAsync([Event(2, $$$"""{"readings": [{"sensorId": "{{{sensor}}}", "observedAt": "{{{at.AddMinutes(2):O}}}", "values": {"flow": 90, "fillingLevel": 0.88}}]}""")], Durable, default);

        var signals = _alerts.Signals.Where(a => a.SubjectId == sensor).Select(a => (a.Rule, a.Level, a.ObservedAt.UtcTicks)).ToList();
        Assert.Equal([("pipe-full", (WarningLevel?)WarningLevel.Blue, at.UtcTicks), ("pipe-full", WarningLevel.Orange, at.AddMinutes(1).UtcTicks)], signals);
        var state = await new ReadingStore(azurite.Tables).FindStateAsync(sensor, default);
        Assert.Equal(WarningLevel.Orange, RuleLevels.Parse(state!.Rules)["pipe-full"]);
    }

    [Fact]
    public async Task A_late_reading_is_stored_but_never_moves_the_state_back()
    {
        var sensor = NewSensor();
        var (handler, _, _) = await NewAsync(sensor);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await handler.HandleAsync([Event(1, Document((sensor, at, 10)))], Durable, default);
        await handler.HandleAsync([Event(2, Document((sensor, at.AddMinutes(-3), 7)))], Durable, default);

        var state = await new ReadingStore(azurite.Tables).FindStateAsync(sensor, default);
        Assert.Equal(10, ReadingStore.ValuesOf(state!.Values)["flow"]);
        Assert.Equal(2, (await AllReadingsAsync(sensor)).Count);
    }

    [Fact]
    public async Task A_batch_of_many_sensors_and_readings_is_stored_whole_through_transactions_of_up_to_100()
    {
        var prefix = NewSensor();
        var (handler, _, _) = await NewAsync([.. Enumerable.Range(0, 40).Select(s => $"{prefix}-{s}"), $"{prefix}-big"]);
        var at = DateTimeOffset.UtcNow.AddHours(-1);

        // 40 sensors × 6 readings in one document, and one sensor with 250 readings (three transactions of its partition).
        var many = Enumerable.Range(0, 40).SelectMany(s => Enumerable.Range(0, 6).Select(i => ($"{prefix}-{s}", at.AddSeconds(i), (double)i))).ToArray();
        var one = Enumerable.Range(0, 250).Select(i => ($"{prefix}-big", at.AddMilliseconds(i * 10), (double)i)).ToArray();
        await handler.HandleAsync([Event(1, Document(many)), Event(2, Document(one))], Durable, default);

        Assert.Equal(250, (await AllReadingsAsync($"{prefix}-big")).Count);
        var store = new ReadingStore(azurite.Tables);
        for (var s = 0; s < 40; s++)
        {
            Assert.Equal(5, ReadingStore.ValuesOf((await store.FindStateAsync($"{prefix}-{s}", default))!.Values)["flow"]);
        }
    }

    [Fact]
    public async Task An_event_with_an_unknown_sensor_an_undefined_value_or_one_out_of_range_is_a_dead_letter_naming_each_field_and_the_rest_is_stored()
    {
        var sensor = NewSensor();
        var (handler, runner, deadLetters) = await NewAsync(sensor);
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var unknown = NewSensor();
        var events = new[]
        {
            Event(1, Document((unknown, at, 1))),
            Event(2, $$$"""{"readings": [{"sensorId": "{{{sensor}}}", "observedAt": "{{{at:O}}}", "values": {"flow": 3, "waterLevel": 1}}]}"""),
            Event(3, Document((sensor, at, -4))),
            Event(4, Document((sensor, at.AddMinutes(1), 12))),
        };

        await runner.RunAsync(Partition, handler, events, Durable, null, default);

        Assert.Contains("readings[0].sensorId", await ReasonAsync(deadLetters, 1), StringComparison.Ordinal);
        Assert.Contains($"No sensor {unknown}", await ReasonAsync(deadLetters, 1), StringComparison.Ordinal);
        Assert.Contains("readings[0].values.waterLevel", await ReasonAsync(deadLetters, 2), StringComparison.Ordinal);
        Assert.Contains("readings[0].values.flow: -4 m³/h is outside the physical range", await ReasonAsync(deadLetters, 3), StringComparison.Ordinal);
        Assert.Equal([at.AddMinutes(1).UtcTicks], (await AllReadingsAsync(sensor)).Select(r => r.ObservedAt.UtcTicks));
        Assert.Empty(await AllReadingsAsync(unknown));
    }

    private static async Task<string> ReasonAsync(BlobContainerClient deadLetters, long sequence)
    {
        var letter = await deadLetters.GetBlobClient(DeadLetterStore.BlobName(Partition, sequence)).DownloadContentAsync();
        return JsonDocument.Parse(letter.Value.Content.ToString()).RootElement.GetProperty("reason").GetString()!;
    }

    /// <summary>A handler whose registry holds <paramref name="sensors"/> as pipe-flow sensors (value <c>flow</c>, 0 to 50,000 m³/h).</summary>
    private async Task<(TelemetryBatchHandler Handler, StreamBatchRunner Runner, BlobContainerClient DeadLetters)> NewAsync(params string[] sensors)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("deadletters-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateAsync();
        var handler = new TelemetryBatchHandler(
            new ReadingStore(azurite.Tables),
            await SensorFixtures.RegistryAsync(azurite, [.. sensors.Select(s => SensorFixtures.Sensor(s, "pipe-flow"))]),
            new SensorRuleEvaluator(SensorKindCatalog.BuiltIn),
            _alerts,
            Microsoft.Extensions.Options.Options.Create(new TelemetryOptions()), TimeProvider.System, NullLogger<TelemetryBatchHandler>.Instance);
        return (handler, new StreamBatchRunner(new DeadLetterStore(container), NullLogger<StreamBatchRunner>.Instance), container);
    }

    /// <summary>Every reading stored of the sensor, newest first: the tests' readings are of today or yesterday (UTC).</summary>
    private async Task<IReadOnlyList<SensorReading>> AllReadingsAsync(string sensor) =>
        await new ReadingStore(azurite.Tables).ReadRecentAsync(sensor, DateTimeOffset.UtcNow, int.MaxValue, 2, default);

    private static string NewSensor() => "s-" + Guid.NewGuid().ToString("N")[..10];

    internal static string Document(params (string Sensor, DateTimeOffset At, double Value)[] readings) =>
        JsonSerializer.Serialize(new
        {
            readings = readings.Select(r => new { sensorId = r.Sensor, observedAt = r.At.ToString("O"), values = new Dictionary<string, double> { ["flow"] = r.Value } }),
        });

    internal static EventData Event(long sequence, string body) =>
        EventHubsModelFactory.EventData(BinaryData.FromString(body), sequenceNumber: sequence, offsetString: (sequence * 100).ToString(System.Globalization.CultureInfo.InvariantCulture), enqueuedTime: DateTimeOffset.UtcNow);
}
