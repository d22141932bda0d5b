using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Processor;
using Azure.Storage.Blobs;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.Hub.Tests.Features.Streams;

/// <summary>
/// The runner with the real checkpoint store on Azurite, over a partition of numbered events read in batches of 3 as
/// the processor reads them: from the event after the stored checkpoint.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class StreamBatchRunnerTests(AzuriteFixture azurite)
{
    private const string Namespace = "lyg-test.servicebus.windows.net";
    private const string Hub = "telemetry";
    private const string Group = "$default";
    private const string PartitionId = "0";

    /// <summary>The handlers here start no workflows.</summary>
    private static readonly RecordingDurableClient Durable = new();

    private static readonly EventData[] Stream = [.. Enumerable.Range(1, 9).Select(n => EventHubsModelFactory.EventData(
        BinaryData.FromString($"event {n}"), sequenceNumber: n, offsetString: (n * 100).ToString(System.Globalization.CultureInfo.InvariantCulture), enqueuedTime: DateTimeOffset.UtcNow))];

    [Fact]
    public async Task A_crash_between_the_effects_and_the_checkpoint_replays_that_one_batch_and_no_other()
    {
        var (store, runner) = await NewAsync();
        var effects = new RecordingHandler();

        // First run: the first batch passes; the second stores its effects and the host dies before the checkpoint.
        await RunFromCheckpointAsync(store, runner, effects, crashAtCheckpointOfBatch: 2);

        Assert.Equal([1, 2, 3, 4, 5, 6], effects.Seen);
        var checkpoint = await store.GetCheckpointAsync(Namespace, Hub, Group, PartitionId, default);
        Assert.Equal(EventPosition.FromOffset("300", isInclusive: false), checkpoint!.StartingPosition);

        // Restart: reading resumes after event 3, so only the batch 4–6 comes again.
        await RunFromCheckpointAsync(store, runner, effects, crashAtCheckpointOfBatch: null);

        Assert.Equal([1, 2, 3, 4, 5, 6, 4, 5, 6, 7, 8, 9], effects.Seen);
        Assert.Equal(9, ((StoredCheckpoint)(await store.GetCheckpointAsync(Namespace, Hub, Group, PartitionId, default))!).SequenceNumber);
    }

    [Fact]
    public async Task A_handler_that_fails_writes_no_checkpoint_so_the_batch_comes_again()
    {
        var (store, runner) = await NewAsync();
        var failing = new RecordingHandler { FailOnce = true };

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(
            new StreamPartition(Hub, PartitionId), failing, Stream[..3], Durable, (last, token) => Checkpoint(store, last, token), default));

        Assert.Null(await store.GetCheckpointAsync(Namespace, Hub, Group, PartitionId, default));
    }

    /// <summary>Reads the partition from its checkpoint in batches of 3 until its end, or until the crash.</summary>
    private static async Task RunFromCheckpointAsync(BlobCheckpointStore store, StreamBatchRunner runner, RecordingHandler handler, int? crashAtCheckpointOfBatch)
    {
        var checkpoint = (StoredCheckpoint?)await store.GetCheckpointAsync(Namespace, Hub, Group, PartitionId, default);
        var next = Stream.SkipWhile(e => checkpoint?.SequenceNumber is { } done && e.SequenceNumber <= done).ToArray();
        var batchNumber = 0;
        foreach (var batch in next.Chunk(3))
        {
            batchNumber++;
            var crash = batchNumber == crashAtCheckpointOfBatch;
            try
            {
                await runner.RunAsync(
                    new StreamPartition(Hub, PartitionId), handler, batch, Durable,
                    (last, token) => crash ? throw new OperationCanceledException("The host died.") : Checkpoint(store, last, token), default);
            }
            catch (OperationCanceledException) when (crash)
            {
                return;
            }
        }
    }

    private static Task Checkpoint(BlobCheckpointStore store, EventData last, CancellationToken token) =>
        store.UpdateCheckpointAsync(Namespace, Hub, Group, PartitionId, "test-processor", CheckpointPosition.FromEvent(last), token);

    private async Task<(BlobCheckpointStore Store, StreamBatchRunner Runner)> NewAsync()
    {
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var checkpoints = blobs.GetBlobContainerClient("checkpoints-" + Guid.NewGuid().ToString("N")[..12]);
        var deadLetters = blobs.GetBlobContainerClient("deadletters-" + Guid.NewGuid().ToString("N")[..12]);
        await checkpoints.CreateAsync();
        await deadLetters.CreateAsync();
        return (new BlobCheckpointStore(checkpoints), new StreamBatchRunner(new DeadLetterStore(deadLetters), NullLogger<StreamBatchRunner>.Instance));
    }

    private sealed class RecordingHandler : IStreamBatchHandler
    {
        public List<long> Seen { get; } = [];

        public bool FailOnce { get; set; }

        public Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<EventData> events, Microsoft.DurableTask.Client.DurableTaskClient durable, CancellationToken cancellationToken)
        {
            if (FailOnce)
            {
                FailOnce = false;
                throw new InvalidOperationException("Storage is down.");
            }

            Seen.AddRange(events.Select(e => e.SequenceNumber));
            return Task.FromResult(StreamBatchOutcome.Clean);
        }
    }
}
