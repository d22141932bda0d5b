namespace Lyg.Contracts;

/// <summary>
/// 201 answer to POST v1/attachments: the id a report or action names, and where the served (metadata-free) copy and
/// its thumbnail are read. Width and height are of the served copy, upright.
/// </summary>
public sealed record AttachmentCreated(
    string AttachmentId,
    string ContentType,
    long Size,
    int Width,
    int Height,
    string Url,
    string ThumbnailUrl);

/// <summary>Where and with what a photo was taken, as its EXIF said; absent fields were absent in the photo.</summary>
public sealed record PhotoExif(double? Latitude, double? Longitude, double? Altitude, string? Make, string? Model, string? TakenAt);

/// <summary>
/// GET v1/attachments/{attachmentId}/metadata, for center staff only: what was kept of the upload, including the EXIF
/// location and device data that no served copy carries. <see cref="Size"/> and <see cref="Sha256"/> are of the bytes
/// as uploaded; <see cref="CaseId"/> is set once a report or action has named the attachment.
/// </summary>
public sealed record AttachmentMetadata(
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
    string? CaseId);
