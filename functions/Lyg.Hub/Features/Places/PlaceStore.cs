using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// Place datasets in Blob storage (container <c>places</c>, ADR 0007): one immutable blob per import under
/// <c>datasets/</c>, and the small blob <c>current</c> naming the active one. An import writes its dataset first and
/// then switches the pointer in one conditional write, so a reader sees the old map or the new one, never a mix, and
/// two imports racing cannot both win. After the switch every older dataset but the previous one (kept for rollback)
/// is deleted.
/// </summary>
public sealed class PlaceStore(BlobContainerClient container, TimeProvider clock)
{
    public const string ContainerName = "places";
    public const string PointerBlobName = "current";
    private const string DatasetPrefix = "datasets/";

    /// <summary>The pointer to the active dataset, or null when none was imported.</summary>
    public async Task<PlaceDatasetPointer?> ReadPointerAsync(CancellationToken cancellationToken) =>
        (await ReadPointerWithETagAsync(cancellationToken))?.Pointer;

    /// <exception cref="InvalidDataException">The dataset is not one this code can read.</exception>
    public async Task<PlaceMap> LoadAsync(PlaceDatasetPointer active, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(active);
        var content = await container.GetBlobClient(active.Dataset).DownloadContentAsync(cancellationToken);
        using var stream = content.Value.Content.ToStream();
        return PlaceDataset.Read(stream);
    }

    /// <summary>Writes <paramref name="map"/> as a new dataset and makes it the active one.</summary>
    /// <exception cref="PlacesChangedMeanwhileException">Another import switched the pointer while this one wrote.</exception>
    public async Task<PlaceDatasetPointer> SaveAsync(
        PlaceMap map, PlaceImportSummary summary, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(summary);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var previous = await ReadPointerWithETagAsync(cancellationToken);
        var importedAt = clock.GetUtcNow();
        var dataset = string.Create(CultureInfo.InvariantCulture, $"{DatasetPrefix}{importedAt:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}.places.gz");
        using (var content = new MemoryStream())
        {
            PlaceDataset.Write(map, content, progress, cancellationToken);
            content.Position = 0;
            await container.GetBlobClient(dataset).UploadAsync(
                content,
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } },
                cancellationToken);
        }

        var pointer = new PlaceDatasetPointer(
            dataset, map.Label, importedAt, summary.Districts, summary.Streets, summary.Communities, summary.Grids, summary.NormalisedLegacyCodes, PlaceDataset.FormatVersion);
        progress?.Report(new ImportProgress("activate", 0, 1));
        try
        {
            await container.GetBlobClient(PointerBlobName).UploadAsync(
                BinaryData.FromObjectAsJson(pointer, PlaceStoreJsonContext.Default.PlaceDatasetPointer),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Conditions = previous is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = previous.Value.ETag },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            await container.GetBlobClient(dataset).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw new PlacesChangedMeanwhileException(ex);
        }

        progress?.Report(new ImportProgress("activate", 1, 1));
        await DeleteDatasetsExceptAsync([dataset, previous?.Pointer.Dataset], cancellationToken);
        return pointer;
    }

    private async Task<(PlaceDatasetPointer Pointer, ETag ETag)?> ReadPointerWithETagAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(PointerBlobName).DownloadContentAsync(cancellationToken);
            var pointer = content.Value.Content.ToObjectFromJson(PlaceStoreJsonContext.Default.PlaceDatasetPointer)
                ?? throw new InvalidDataException($"The blob {ContainerName}/{PointerBlobName} is empty.");
            return (pointer, content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task DeleteDatasetsExceptAsync(IReadOnlyCollection<string?> kept, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = DatasetPrefix }, cancellationToken))
        {
            if (!kept.Contains(blob.Name))
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            }
        }
    }
}

/// <summary>
/// The blob <c>current</c>: which dataset is active, what it is called, when it was imported, what it holds, and the
/// dataset's format version.
/// </summary>
public sealed record PlaceDatasetPointer(
    string Dataset, string Label, DateTimeOffset ImportedAt, int Districts, int Streets, int Communities, int Grids, int NormalisedLegacyCodes, int Format);

/// <summary>Another import made its dataset active while this one was being written; this one changed nothing.</summary>
public sealed class PlacesChangedMeanwhileException(Exception innerException)
    : Exception("Another import switched the active places while this one was being written; this import changed nothing. Run it again.", innerException);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlaceDatasetPointer))]
internal sealed partial class PlaceStoreJsonContext : JsonSerializerContext;
