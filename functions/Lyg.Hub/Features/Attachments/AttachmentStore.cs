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
    public string ThumbnailBlobName => BlobName + "-thumbnail";

    public bool IsOwnedBy(string issuer, string subject) => OwnerIssuer == issuer && OwnerSubject == subject;
}

/// <summary>
/// Photos in Blob storage (the served copy and its thumbnail, under a random name that nothing about the photo or its
/// uploader predicts) and their rows in the Attachments table, one partition per attachment. The blobs are written
/// first: a row exists only for an attachment whose bytes are there.
/// </summary>
public sealed class AttachmentStore(TableServiceClient tables, BlobContainerClient container)
{
    private const string RowKey = "attachment";

    private readonly TableClient _rows = tables.GetTableClient(TableNames.Attachments);
    private volatile bool _containerExists;

    /// <summary>A new random 128-bit id, lower-case hex: unguessable, and the same shape the reports' attachment ids take.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async Task<StoredAttachment> AddAsync(ProcessedPhoto photo, string issuer, string subject, string role, DateTimeOffset now, TimeSpan cacheDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }

        var attachment = new StoredAttachment(
            NewId(), issuer, subject, role, PhotoFormat.MediaType(photo.Kind), photo.OriginalSize, photo.Width, photo.Height,
            photo.OriginalSha256, photo.Exif, now, NewId(), null, null, default);
        var cacheControl = $"private, max-age={(long)cacheDuration.TotalSeconds}";
        await UploadAsync(attachment.BlobName, photo.Served, attachment.ContentType, cacheControl, cancellationToken);
        await UploadAsync(attachment.ThumbnailBlobName, photo.Thumbnail, PhotoProcessor.ThumbnailContentType, cacheControl, cancellationToken);
        await _rows.AddEntityAsync(ToRow(attachment), cancellationToken);
        return attachment;
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
