using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging.EventHubs;
using Azure.Storage.Blobs;
using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Features.Vehicles;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Lyg.Hub.Tests.Features.Vehicles.VehicleSamples;

namespace Lyg.Hub.Tests.Features.Vehicles;

[Collection(AzuriteDefinition.Name)]
public sealed class PositionBatchHandlerTests(AzuriteFixture azurite)
{
    private static readonly StreamPartition Partition = new("Vehicles", "1");

    /// <summary>The recording desk starts no workflows.</summary>
    private static readonly RecordingDurableClient Durable = new();

    [Fact]
    public async Task An_event_hubs_batch_stores_its_positions_and_sends_its_poison_event_to_a_dead_letter_while_the_rest_is_processed()
    {
        var (muck, sanitation) = await RegisterAsync();
        var (handler, runner, deadLetters, sink) = await NewAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var events = new[]
        {
            Event(1, Document((muck, at, OnRouteLat, OnRouteLon), (sanitation, at, OldTownLat, OldTownLon))),
            Event(2, Document(("nobody-" + muck, at, OnRouteLat, OnRouteLon))),
            Event(3, "{\"positions\": "),
            Event(4, Document((muck, at.AddMinutes(1), OldTownLat, OldTownLon))),
        };
        long? checkpoint = null;

        await runner.RunAsync(Partition, handler, events, Durable, (last, _) => { checkpoint = last.SequenceNumber; return Task.CompletedTask; }, default);

        Assert.Equal(2, (await TrackRowsAsync(muck)).Count);
        Assert.Single(await TrackRowsAsync(sanitation));
        Assert.Equal(4, checkpoint);
        var letter = await deadLetters.GetBlobClient(DeadLetterStore.BlobName(Partition, 2)).DownloadContentAsync();
        Assert.Contains("positions[0].vehicleId", JsonDocument.Parse(letter.Value.Content.ToString()).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True((await deadLetters.GetBlobClient(DeadLetterStore.BlobName(Partition, 3)).ExistsAsync()).Value);
        Assert.False((await deadLetters.GetBlobClient(DeadLetterStore.BlobName(Partition, 4)).ExistsAsync()).Value);

        // One signal per (vehicle, rule), of the vehicle's latest position in the batch: the truck in the old town.
        var signals = Assert.Single(sink.Batches);
        Assert.Equal(4, signals.Count);
        Assert.All(signals, s => Assert.Equal(muck, s.SubjectId));
        Assert.Equal(WarningLevel.Orange, signals.Single(s => s.Rule == "forbidden-zone:old-town").Level);
        Assert.Equal(WarningLevel.Yellow, signals.Single(s => s.Rule == "off-route").Level);
        Assert.All(signals, s => Assert.Equal(at.AddMinutes(1), s.ObservedAt));
    }

    [Fact]
    public async Task A_replayed_batch_writes_the_same_rows_and_leaves_the_latest_position_as_it_was()
    {
        var (muck, _) = await RegisterAsync();
        var (handler, runner, _, _) = await NewAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var events = new[] { Event(10, Document((muck, at, OnRouteLat, OnRouteLon), (muck, at.AddSeconds(30), OnRouteLat, OnRouteLon + 0.001))) };
        await runner.RunAsync(Partition, handler, events, Durable, null, default);
        var tracks = new TrackStore(azurite.Tables);
        var before = await tracks.FindLatestAsync(muck, default);

        await runner.RunAsync(Partition, handler, events, Durable, null, default);

        var rows = await TrackRowsAsync(muck);
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows.Select(r => (r.PartitionKey, r.RowKey)).Distinct().Count(), rows.Count);
        var after = await tracks.FindLatestAsync(muck, default);
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.Equal(at.AddSeconds(30).UtcTicks, after.ObservedAt.UtcTicks);
    }

    [Fact]
    public async Task A_late_position_is_stored_in_the_track_but_never_moves_the_latest_back()
    {
        var (muck, _) = await RegisterAsync();
        var (handler, _, _, _) = await NewAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await handler.HandleAsync([Event(1, Document((muck, at, OnRouteLat, OnRouteLon)))], Durable, default);
        await handler.HandleAsync([Event(2, Document((muck, at.AddMinutes(-3), OldTownLat, OldTownLon)))], Durable, default);

        var latest = await new TrackStore(azurite.Tables).FindLatestAsync(muck, default);
        Assert.Equal((OnRouteLat, OnRouteLon), (latest!.Lat, latest.Lon));
        Assert.Equal(2, (await TrackRowsAsync(muck)).Count);
    }

    private async Task<(string Muck, string Sanitation)> RegisterAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (muck, sanitation) = ($"苏G-{suffix}", $"HW-{suffix}");
        await new VehicleStore(azurite.Tables).WriteAsync(Read(File(muck, sanitation)), default);
        return (muck, sanitation);
    }

    private VehicleRegistry Registry() =>
        new(new VehicleStore(azurite.Tables), Options.Create(new VehiclesOptions()), TimeProvider.System, NullLogger<VehicleRegistry>.Instance);

    private async Task<(PositionBatchHandler Handler, StreamBatchRunner Runner, BlobContainerClient DeadLetters, RecordingAlertSink Sink)> NewAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("deadletters-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateAsync();
        var sink = new RecordingAlertSink();
        var handler = new PositionBatchHandler(
            new TrackStore(azurite.Tables), Registry(), sink, Options.Create(new VehiclesOptions()), TimeProvider.System, NullLogger<PositionBatchHandler>.Instance);
        return (handler, new StreamBatchRunner(new DeadLetterStore(container), NullLogger<StreamBatchRunner>.Instance), container, sink);
    }

    private async Task<List<TableEntity>> TrackRowsAsync(string vehicleId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(TableNames.VehicleTracks).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"VehicleId eq {vehicleId}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    internal static string Document(params (string Vehicle, DateTimeOffset At, double Lat, double Lon)[] positions) =>
        JsonSerializer.Serialize(new
        {
            positions = positions.Select(p => new { vehicleId = p.Vehicle, observedAt = p.At.ToString("O"), lat = p.Lat, lon = p.Lon, crs = "wgs84", speed = 20.0 }),
        });

    private static EventData Event(long sequence, string body) =>
        EventHubsModelFactory.EventData(BinaryData.FromString(body), sequenceNumber: sequence, offsetString: (sequence * 100).ToString(System.Globalization.CultureInfo.InvariantCulture), enqueuedTime: DateTimeOffset.UtcNow);
}
