using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Messaging.EventHubs;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// Poison events as blobs, one per event: <c>{hub}/{partition}/{sequenceNumber:D20}.json</c>, a JSON envelope with the
/// reason, where the event sat, its properties and its body in base64. Named by position, so the replay of a batch
/// overwrites the same blob instead of adding another.
/// </summary>
public sealed class DeadLetterStore(BlobContainerClient container)
{
    public const string ReasonMetadata = "reason";

    public static string BlobName(StreamPartition partition, long sequenceNumber)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return $"{partition.EventHubName.ToLowerInvariant()}/{partition.PartitionId}/{sequenceNumber.ToString("D20", CultureInfo.InvariantCulture)}.json";
    }

    public async Task WriteAsync(StreamPartition partition, PoisonEvent poison, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poison);
        var data = poison.Event;
        var envelope = new DeadLetter(
            poison.Reason, partition.EventHubName, partition.PartitionId, data.SequenceNumber, data.OffsetString, data.EnqueuedTime,
            data.Properties.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture)), Convert.ToBase64String(data.EventBody.ToArray()));
        var blob = container.GetBlobClient(BlobName(partition, data.SequenceNumber));
        await blob.UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(envelope, DeadLetterJsonContext.Default.DeadLetter)),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                // Metadata is ASCII only: the reason in full is in the envelope.
                Metadata = new Dictionary<string, string> { [ReasonMetadata] = Ascii(poison.Reason) },
            },
            cancellationToken);
    }

    private static string Ascii(string text)
    {
        var ascii = new string([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return ascii.Length <= 1024 ? ascii : ascii[..1024];
    }
}

public sealed record DeadLetter(
    string Reason, string EventHubName, string PartitionId, long SequenceNumber, string? Offset, DateTimeOffset EnqueuedTime,
    IReadOnlyDictionary<string, string?> Properties, string BodyBase64);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class DeadLetterJsonContext : JsonSerializerContext;
