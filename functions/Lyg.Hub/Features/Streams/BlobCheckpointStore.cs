using System.Globalization;
using Azure;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// Ownership and checkpoints of Event Hubs processors on Blob storage, in the layout of the SDK's own blob checkpoint
/// store (ADR 0003), so that it, the Functions trigger and KEDA's scaler read what we write:
/// <c>{namespace}/{hub}/{consumergroup}/ownership/{partitionId}</c> — an empty blob, metadata <c>ownerid</c>, its
/// ETag the ownership's version — and <c>{namespace}/{hub}/{consumergroup}/checkpoint/{partitionId}</c> — metadata
/// <c>offset</c>, <c>sequencenumber</c> and <c>clientidentifier</c>; the three names lower-cased, the partition id as
/// it is. The container exists (the host creates it at start). Every call goes through the container's client, so it
/// is bounded by the storage budget that client was made with.
/// </summary>
public sealed class BlobCheckpointStore(BlobContainerClient container) : CheckpointStore
{
    public const string OwnerIdMetadata = "ownerid";
    public const string OffsetMetadata = "offset";
    public const string SequenceNumberMetadata = "sequencenumber";
    public const string ClientIdentifierMetadata = "clientidentifier";

    /// <summary>What the SDK writes as the offset of a checkpoint that only has a sequence number.</summary>
    private const string NoOffsetPlaceholder = "no offset";

    public static string OwnershipPrefix(string fullyQualifiedNamespace, string eventHubName, string consumerGroup) =>
        $"{Scope(fullyQualifiedNamespace, eventHubName, consumerGroup)}/ownership/";

    public static string CheckpointBlobName(string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId) =>
        $"{Scope(fullyQualifiedNamespace, eventHubName, consumerGroup)}/checkpoint/{partitionId}";

    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ListOwnershipAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, CancellationToken cancellationToken)
    {
        var prefix = OwnershipPrefix(fullyQualifiedNamespace, eventHubName, consumerGroup);
        var owners = new List<EventProcessorPartitionOwnership>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
        {
            owners.Add(new EventProcessorPartitionOwnership
            {
                FullyQualifiedNamespace = fullyQualifiedNamespace,
                EventHubName = eventHubName,
                ConsumerGroup = consumerGroup,
                PartitionId = blob.Name[prefix.Length..],
                // A blob without an owner (written by hand) is listed unowned, so the load balancer may claim it.
                OwnerIdentifier = blob.Metadata.TryGetValue(OwnerIdMetadata, out var owner) ? owner : "",
                LastModifiedTime = blob.Properties.LastModified ?? DateTimeOffset.MinValue,
                Version = Version(blob.Properties.ETag),
            });
        }

        return owners;
    }

    /// <summary>
    /// Claims each partition with the ETag its claimant last saw (If-Match), or, for a partition nobody has claimed,
    /// only if no blob exists yet (If-None-Match: *). A claim that loses the race is left out of the result.
    /// </summary>
    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
        IEnumerable<EventProcessorPartitionOwnership> desiredOwnership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desiredOwnership);
        var claimed = new List<EventProcessorPartitionOwnership>();
        foreach (var ownership in desiredOwnership)
        {
            var blob = container.GetBlobClient(OwnershipPrefix(ownership.FullyQualifiedNamespace, ownership.EventHubName, ownership.ConsumerGroup) + ownership.PartitionId);
            var metadata = new Dictionary<string, string> { [OwnerIdMetadata] = ownership.OwnerIdentifier };
            try
            {
                (DateTimeOffset At, ETag Tag)? written = null;
                if (ownership.Version is { } version)
                {
                    try
                    {
                        var info = await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = new ETag(version) }, cancellationToken);
                        written = (info.Value.LastModified, info.Value.ETag);
                    }
                    catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound)
                    {
                        // Deleted under us: claim it as new below, which fails if someone recreated it first.
                    }
                }

                if (written is null)
                {
                    var info = await blob.UploadAsync(
                        BinaryData.Empty, new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
                    written = (info.Value.LastModified, info.Value.ETag);
                }

                ownership.LastModifiedTime = written.Value.At;
                ownership.Version = Version(written.Value.Tag);
                claimed.Add(ownership);
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ConditionNotMet || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists || ex.Status == 412 || ex.Status == 409)
            {
                // Another processor claimed it since this one listed: not ours this round.
            }
        }

        return claimed;
    }

    public override async Task<EventProcessorCheckpoint?> GetCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, CancellationToken cancellationToken)
    {
        BlobProperties properties;
        try
        {
            properties = await container.GetBlobClient(CheckpointBlobName(fullyQualifiedNamespace, eventHubName, consumerGroup, partitionId))
                .GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound || ex.Status == 404)
        {
            return null;
        }

        var metadata = properties.Metadata;
        var offset = metadata.TryGetValue(OffsetMetadata, out var o) && !string.IsNullOrEmpty(o) && !string.Equals(o, NoOffsetPlaceholder, StringComparison.OrdinalIgnoreCase) ? o : null;
        long? sequence = metadata.TryGetValue(SequenceNumberMetadata, out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n != long.MinValue ? n : null;

        // As the SDK does: the offset positions when there is one, else the sequence number; with neither there is no checkpoint.
        EventPosition? position = offset is not null ? EventPosition.FromOffset(offset, isInclusive: false)
            : sequence is { } number ? EventPosition.FromSequenceNumber(number, isInclusive: false)
            : null;
        return position is null ? null : new StoredCheckpoint
        {
            FullyQualifiedNamespace = fullyQualifiedNamespace,
            EventHubName = eventHubName,
            ConsumerGroup = consumerGroup,
            PartitionId = partitionId,
            StartingPosition = position.Value,
            ClientIdentifier = metadata.TryGetValue(ClientIdentifierMetadata, out var client) ? client : null,
            LastModified = properties.LastModified,
            Offset = offset,
            SequenceNumber = sequence,
        };
    }

    public override Task UpdateCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, string clientIdentifier,
        CheckpointPosition startingPosition, CancellationToken cancellationToken) =>
        WriteCheckpointAsync(
            CheckpointBlobName(fullyQualifiedNamespace, eventHubName, consumerGroup, partitionId), clientIdentifier, startingPosition.OffsetString,
            startingPosition.SequenceNumber == long.MinValue ? null : startingPosition.SequenceNumber, cancellationToken);

    [Obsolete("The SDK's long-offset overload; the processor calls the CheckpointPosition one.")]
    public override Task UpdateCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, long offset, long? sequenceNumber,
        CancellationToken cancellationToken) =>
        WriteCheckpointAsync(
            CheckpointBlobName(fullyQualifiedNamespace, eventHubName, consumerGroup, partitionId), "", offset.ToString(CultureInfo.InvariantCulture), sequenceNumber,
            cancellationToken);

    private async Task WriteCheckpointAsync(string blobName, string clientIdentifier, string? offset, long? sequenceNumber, CancellationToken cancellationToken)
    {
        // Never an empty offset: the Functions scale controller takes a checkpoint without one for the legacy format.
        var metadata = new Dictionary<string, string>
        {
            [OffsetMetadata] = string.IsNullOrEmpty(offset) ? NoOffsetPlaceholder : offset,
            [SequenceNumberMetadata] = sequenceNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
            [ClientIdentifierMetadata] = clientIdentifier ?? "",
        };
        var blob = container.GetBlobClient(blobName);
        try
        {
            await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound || ex.Status == 404)
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Metadata = metadata }, cancellationToken);
        }
    }

    private static string Scope(string fullyQualifiedNamespace, string eventHubName, string consumerGroup) =>
        $"{fullyQualifiedNamespace.ToLowerInvariant()}/{eventHubName.ToLowerInvariant()}/{consumerGroup.ToLowerInvariant()}";

    /// <summary>The ETag without the quotes the storage client keeps around it, as the SDK stores versions.</summary>
    private static string Version(ETag? tag) => tag?.ToString().Trim('"') ?? "";
}

/// <summary>A checkpoint as stored, with the sequence number and offset it was written with.</summary>
public sealed class StoredCheckpoint : EventProcessorCheckpoint
{
    public string? Offset { get; init; }

    public long? SequenceNumber { get; init; }
}
