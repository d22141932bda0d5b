using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Attachments;

/// <summary>One uploaded photo: who uploaded it, what was kept of it, where its served copies are, which case it joined.</summary>
public sealed record StoredAttachment(
    string AttachmentId,
    string OwnerIssuer,
    string OwnerSubject,
    string OwnerRole,
    string ContentType,
    long Size,
    int Width,
    int Height,
    string Sha256,
    PhotoExif Exif,
    DateTimeOffset CreatedAt,
    string BlobName,
    string? CaseId,
    DateTimeOffset? ClaimedAt,
    ETag ETag)
{
    public string ThumbnailBlobName => ThumbnailOf(BlobName);

    public static string ThumbnailOf(string blobName) => blobName + "-thumbnail";

    public bool IsOwnedBy(string issuer, string subject) => OwnerIssuer == issuer && OwnerSubject == subject;
}

/// <summary>
/// Photos in Blob storage (the served copy and its thumbnail, under a random name that nothing about the photo or its
/// uploader predicts) and their rows in the Attachments table, one partition per attachment. Each upload is first
/// listed in the partition of its UTC day (<c>uploads-yyyyMMdd</c>, with its blob name), then its blobs are written,
/// then its row: a row exists only for an attachment whose bytes are there, and whatever an upload left behind, the
/// daily sweep of unbound photos finds it by its day.
/// </summary>
public sealed class AttachmentStore(TableServiceClient tables, BlobContainerClient container)
{
    private const string RowKey = "attachment";
    private const string UploadsPrefix = "uploads-";

    private readonly TableClient _rows = tables.GetTableClient(TableNames.Attachments);
    private volatile bool _containerExists;

    /// <summary>A new random 128-bit id, lower-case hex: unguessable, and the same shape the reports' attachment ids take.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Stores the photo as <paramref name="attachmentId"/>; when another attempt stored that id first (a retry racing
    /// its original), this attempt's blobs are removed and the attachment stored first is returned.
    /// </summary>
    public async Task<StoredAttachment> AddAsync(
        string attachmentId, ProcessedPhoto photo, string issuer, string subject, string role, DateTimeOffset now, TimeSpan cacheDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }

        var attachment = new StoredAttachment(
            attachmentId, issuer, subject, role, PhotoFormat.MediaType(photo.Kind), photo.OriginalSize, photo.Width, photo.Height,
            photo.OriginalSha256, photo.Exif, now, NewId(), null, null, default);
        await _rows.UpsertEntityAsync(new UploadRow { PartitionKey = UploadsPartition(now), RowKey = BlobRowKey(attachmentId, attachment.BlobName), BlobName = attachment.BlobName }, cancellationToken: cancellationToken);
        var cacheControl = $"private, max-age={(long)cacheDuration.TotalSeconds}";
        await UploadAsync(attachment.BlobName, photo.Served, attachment.ContentType, cacheControl, cancellationToken);
        await UploadAsync(attachment.ThumbnailBlobName, photo.Thumbnail, PhotoProcessor.ThumbnailContentType, cacheControl, cancellationToken);
        try
        {
            var added = await _rows.AddEntityAsync(ToRow(attachment), cancellationToken);
            return attachment with { ETag = added.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await DeleteBlobsAsync(attachment.BlobName, cancellationToken);
            return await FindAsync(attachmentId, cancellationToken) ?? throw new InvalidOperationException($"Attachment {attachmentId} was stored by another attempt and is gone.", ex);
        }
    }

    /// <summary>
    /// Deletes what uploads before <paramref name="uploadedBefore"/> left that no case has claimed: the photo's row and
    /// blobs, and the blobs of an upload that never got its row. A photo claimed meanwhile stays (its row is deleted
    /// only under the ETag read). Reads only the day listings, which it empties as it goes. Returns the photos deleted.
    /// </summary>
    public async Task<int> DeleteUnboundAsync(DateTimeOffset uploadedBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {UploadsPrefix} and PartitionKey lt {UploadsPartition(uploadedBefore)}");
        var deleted = 0;
        await foreach (var upload in _rows.QueryAsync<UploadRow>(filter, TablePages.MaxPageSize, cancellationToken: cancellationToken))
        {
            var attachmentId = upload.RowKey[..upload.RowKey.IndexOf('-', StringComparison.Ordinal)];
            var attachment = await FindAsync(attachmentId, cancellationToken);
            if (attachment is null || attachment.BlobName != upload.BlobName)
            {
                // The upload never stored its row, or lost a race to another attempt with the same id.
                await DeleteBlobsAsync(upload.BlobName, cancellationToken);
            }
            else if (attachment.CaseId is null && await DeleteRowAsync(attachment, cancellationToken))
            {
                await DeleteBlobsAsync(attachment.BlobName, cancellationToken);
                deleted++;
            }

            await _rows.DeleteEntityAsync(upload.PartitionKey, upload.RowKey, ETag.All, cancellationToken);
        }

        return deleted;
    }

    private static string UploadsPartition(DateTimeOffset at) => UploadsPrefix + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string BlobRowKey(string attachmentId, string blobName) => $"{attachmentId}-{blobName}";

    private async Task<bool> DeleteRowAsync(StoredAttachment attachment, CancellationToken cancellationToken)
    {
        try
        {
            await _rows.DeleteEntityAsync(attachment.AttachmentId, RowKey, attachment.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task DeleteBlobsAsync(string blobName, CancellationToken cancellationToken)
    {
        await container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(StoredAttachment.ThumbnailOf(blobName)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<StoredAttachment?> FindAsync(string attachmentId, CancellationToken cancellationToken)
    {
        if (!CaseRowKeys.CanBeKey(attachmentId))
        {
            return null;
        }

        var found = await _rows.GetEntityIfExistsAsync<AttachmentRow>(attachmentId, RowKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? FromRow(row) : null;
    }

    /// <summary>The bytes of a served copy, or null when the blob is gone.</summary>
    public async Task<BinaryData?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Sets (or with null clears) the case of the attachment as read; null when someone changed the row since.</summary>
    public async Task<StoredAttachment?> SetCaseAsync(StoredAttachment attachment, string? caseId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        // Replace, not merge: a merge leaves a property alone when its new value is null.
        var changed = attachment with { CaseId = caseId, ClaimedAt = at };
        try
        {
            var response = await _rows.UpdateEntityAsync(ToRow(changed), attachment.ETag, TableUpdateMode.Replace, cancellationToken);
            return changed with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    private static AttachmentRow ToRow(StoredAttachment a) => new()
    {
        PartitionKey = a.AttachmentId,
        OwnerIssuer = a.OwnerIssuer,
        OwnerSubject = a.OwnerSubject,
        OwnerRole = a.OwnerRole,
        ContentType = a.ContentType,
        Size = a.Size,
        Width = a.Width,
        Height = a.Height,
        Sha256 = a.Sha256,
        ExifLatitude = a.Exif.Latitude,
        ExifLongitude = a.Exif.Longitude,
        ExifAltitude = a.Exif.Altitude,
        ExifMake = a.Exif.Make,
        ExifModel = a.Exif.Model,
        ExifTakenAt = a.Exif.TakenAt,
        CreatedAt = a.CreatedAt,
        BlobName = a.BlobName,
        CaseId = a.CaseId,
        ClaimedAt = a.ClaimedAt,
    };

    private static StoredAttachment FromRow(AttachmentRow r) => new(
        r.PartitionKey, r.OwnerIssuer, r.OwnerSubject, r.OwnerRole, r.ContentType, r.Size, r.Width, r.Height, r.Sha256,
        new PhotoExif(r.ExifLatitude, r.ExifLongitude, r.ExifAltitude, r.ExifMake, r.ExifModel, r.ExifTakenAt),
        r.CreatedAt, r.BlobName, r.CaseId, r.ClaimedAt, r.ETag);

    private async Task UploadAsync(string name, byte[] content, string contentType, string cacheControl, CancellationToken cancellationToken) =>
        await container.GetBlobClient(name).UploadAsync(
            new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = cacheControl } },
            cancellationToken);
}

/// <summary>An upload as its day lists it: the blob name it wrote under, whether or not its row followed.</summary>
internal sealed class UploadRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string BlobName { get; set; } = "";
}

internal sealed class AttachmentRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "attachment";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string OwnerIssuer { get; set; } = "";
    public string OwnerSubject { get; set; } = "";
    public string OwnerRole { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>Bytes as uploaded; the served copy is re-encoded and differs.</summary>
    public long Size { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>SHA-256 of the bytes as uploaded: matches the file on the citizen's phone.</summary>
    public string Sha256 { get; set; } = "";
    public double? ExifLatitude { get; set; }
    public double? ExifLongitude { get; set; }
    public double? ExifAltitude { get; set; }
    public string? ExifMake { get; set; }
    public string? ExifModel { get; set; }
    public string? ExifTakenAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Random, independent of the id: the served copy's blob; the thumbnail's is this with "-thumbnail".</summary>
    public string BlobName { get; set; } = "";
    public string? CaseId { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
}
