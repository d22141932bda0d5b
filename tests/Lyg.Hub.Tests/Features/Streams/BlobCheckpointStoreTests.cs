using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Azure.Storage.Blobs;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Features.Streams;

[Collection(AzuriteDefinition.Name)]
public sealed class BlobCheckpointStoreTests(AzuriteFixture azurite)
{
    private const string Namespace = "Lyg-Test.servicebus.windows.net";
    private const string Hub = "Telemetry";
    private const string Group = "$Default";

    [Fact]
    public async Task Two_processors_competing_for_a_new_partition_one_wins_and_a_stale_etag_loses()
    {
        var (store, _) = await NewStoreAsync();
        var first = await store.ClaimOwnershipAsync([Ownership("0", "processor-a", version: null)], default);
        var second = await store.ClaimOwnershipAsync([Ownership("0", "processor-b", version: null)], default);
        var won = Assert.Single(first);
        Assert.Empty(second);

        // b lists, a renews, b claims with the version it listed: a's renewal changed the ETag, so b loses again.
        var listed = Assert.Single(await store.ListOwnershipAsync(Namespace, Hub, Group, default));
        Assert.Equal(("processor-a", won.Version), (listed.OwnerIdentifier, listed.Version));
        var renewed = Assert.Single(await store.ClaimOwnershipAsync([Ownership("0", "processor-a", won.Version)], default));
        Assert.NotEqual(won.Version, renewed.Version);
        Assert.Empty(await store.ClaimOwnershipAsync([Ownership("0", "processor-b", listed.Version)], default));

        // With the current version b takes it over, as the load balancer does with an expired ownership.
        var taken = Assert.Single(await store.ClaimOwnershipAsync([Ownership("0", "processor-b", renewed.Version)], default));
        Assert.Equal("processor-b", Assert.Single(await store.ListOwnershipAsync(Namespace, Hub, Group, default)).OwnerIdentifier);
        Assert.Equal(taken.Version, Assert.Single(await store.ListOwnershipAsync(Namespace, Hub, Group, default)).Version);
    }

    [Fact]
    public async Task Claims_of_several_partitions_return_only_those_won_and_the_listing_names_each_owner_in_the_sdk_layout()
    {
        var (store, container) = await NewStoreAsync();
        Assert.Single(await store.ClaimOwnershipAsync([Ownership("1", "processor-a", null)], default));
        var claimed = await store.ClaimOwnershipAsync([Ownership("0", "processor-b", null), Ownership("1", "processor-b", null), Ownership("2", "processor-b", null)], default);
        Assert.Equal(["0", "2"], claimed.Select(o => o.PartitionId).Order());

        var owners = (await store.ListOwnershipAsync(Namespace, Hub, Group, default)).ToDictionary(o => o.PartitionId, o => o.OwnerIdentifier);
        Assert.Equal(new Dictionary<string, string> { ["0"] = "processor-b", ["1"] = "processor-a", ["2"] = "processor-b" }, owners);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, prefix: null, default))
        {
            names.Add(blob.Name);
            Assert.Equal(0, blob.Properties.ContentLength);
            Assert.True(blob.Metadata.ContainsKey("ownerid"));
        }

        Assert.Equal(
            ["lyg-test.servicebus.windows.net/telemetry/$default/ownership/0", "lyg-test.servicebus.windows.net/telemetry/$default/ownership/1",
             "lyg-test.servicebus.windows.net/telemetry/$default/ownership/2"],
            names.Order());
        Assert.Empty(await store.ListOwnershipAsync(Namespace, "other-hub", Group, default));
    }

    [Fact]
    public async Task A_checkpoint_resumes_after_the_last_event_written_and_the_latest_checkpoint_wins()
    {
        var (store, container) = await NewStoreAsync();
        Assert.Null(await store.GetCheckpointAsync(Namespace, Hub, Group, "3", default));

        await store.UpdateCheckpointAsync(Namespace, Hub, Group, "3", "processor-a", new CheckpointPosition("1000", 10), default);
        await store.UpdateCheckpointAsync(Namespace, Hub, Group, "3", "processor-a", new CheckpointPosition("4100", 41), default);
        var checkpoint = Assert.IsType<StoredCheckpoint>(await store.GetCheckpointAsync(Namespace, Hub, Group, "3", default));
        Assert.Equal(EventPosition.FromOffset("4100", isInclusive: false), checkpoint.StartingPosition);
        Assert.Equal((41L, "4100", "processor-a"), (checkpoint.SequenceNumber!.Value, checkpoint.Offset, checkpoint.ClientIdentifier));

        var properties = await container.GetBlobClient("lyg-test.servicebus.windows.net/telemetry/$default/checkpoint/3").GetPropertiesAsync();
        Assert.Equal("4100", properties.Value.Metadata["offset"]);
        Assert.Equal("41", properties.Value.Metadata["sequencenumber"]);
        Assert.Null(await store.GetCheckpointAsync(Namespace, Hub, Group, "4", default));
    }

    [Fact]
    public async Task A_checkpoint_with_a_sequence_number_only_resumes_after_it()
    {
        var (store, container) = await NewStoreAsync();
        // As older SDKs wrote it: the placeholder for the offset, and the sequence number.
        await container.GetBlobClient(BlobCheckpointStore.CheckpointBlobName(Namespace, Hub, Group, "0"))
            .UploadAsync(BinaryData.Empty, new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { ["offset"] = "no offset", ["sequencenumber"] = "7" } });
        var checkpoint = await store.GetCheckpointAsync(Namespace, Hub, Group, "0", default);
        Assert.Equal(EventPosition.FromSequenceNumber(7, isInclusive: false), checkpoint!.StartingPosition);

        // A checkpoint blob with neither (written by hand) is no checkpoint: the processor starts from its default position.
        await container.GetBlobClient(BlobCheckpointStore.CheckpointBlobName(Namespace, Hub, Group, "1"))
            .UploadAsync(BinaryData.Empty, new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { ["offset"] = "" } });
        Assert.Null(await store.GetCheckpointAsync(Namespace, Hub, Group, "1", default));
    }

    private async Task<(BlobCheckpointStore Store, BlobContainerClient Container)> NewStoreAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("checkpoints-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateAsync();
        return (new BlobCheckpointStore(container), container);
    }

    private static EventProcessorPartitionOwnership Ownership(string partitionId, string owner, string? version) => new()
    {
        FullyQualifiedNamespace = Namespace,
        EventHubName = Hub,
        ConsumerGroup = Group,
        PartitionId = partitionId,
        OwnerIdentifier = owner,
        Version = version,
    };
}
