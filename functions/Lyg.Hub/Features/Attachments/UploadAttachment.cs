using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Lyg.Hub.Features.Attachments;

/// <summary>
/// POST v1/attachments: a citizen, inspector or unit uploads one photo, as the raw body with an image Content-Type or
/// as the one file part of a multipart/form-data body (what wx.uploadFile sends; its text fields are ignored). The body
/// is read up to the size limit and no further, so a larger one costs the host only the limit. The type comes from the
/// bytes; the answer is 201 with the id a report or action then names. With an <c>Idempotency-Key</c>, a retry of the
/// same photo gets the same attachment, and the key sent with another photo is a 409.
/// </summary>
public sealed class UploadAttachment(PhotoProcessor photos, AttachmentStore store, IdempotencyStore idempotency, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    /// <summary>What a multipart body may carry beside the photo: boundaries, part headers, a few form fields.</summary>
    public const int MultipartEnvelopeBytes = 64 * 1024;

    private const int MaxParts = 16;
    private const string RawField = "body";

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var keyErrors = new Dictionary<string, string[]>();
        var key = IdempotencyKeyHeader.Read(http.Request, keyErrors);
        if (keyErrors.Count > 0)
        {
            return Problems.Validation(keyErrors);
        }

        var (upload, field, problem) = await ReadAsync(http, options.Value.MaxBytes, http.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var (photo, rejection) = photos.Process(upload!);
        if (rejection is not null)
        {
            var errors = new Dictionary<string, string[]> { [field] = [rejection.Message] };
            return rejection.Status == StatusCodes.Status415UnsupportedMediaType ? Problems.UnsupportedContent(errors) : Problems.Validation(errors);
        }

        var attachmentId = AttachmentStore.NewId();
        StoredAttachment? earlier = null;
        if (key is not null)
        {
            // The same photo under the same key is the same upload: a retry after a lost answer gets the first id.
            var requestKey = RequestKey.ForContent($"attachment\n{caller.Issuer}\n{caller.Subject}", key, photo!.OriginalSha256);
            var reservation = await idempotency.ReserveAsync(requestKey, attachmentId, http.RequestAborted);
            if (reservation.RequestHash != requestKey.RequestHash)
            {
                return Problems.IdempotencyMismatch("This Idempotency-Key was first used with a different photo.");
            }

            if (reservation.ResourceId != attachmentId)
            {
                // The first attempt may have died before storing the photo: then this one stores it under that id.
                attachmentId = reservation.ResourceId;
                earlier = await store.FindAsync(attachmentId, http.RequestAborted);
            }
        }

        var stored = earlier
            ?? await store.AddAsync(attachmentId, photo!, caller.Issuer, caller.Subject, caller.ActingAs, clock.GetUtcNow(), options.Value.CacheDuration, http.RequestAborted);
        var url = ApiRoutes.AttachmentUrl(stored.AttachmentId);
        http.Response.Headers.Location = url;
        return TypedResults.Json(
            new AttachmentCreated(stored.AttachmentId, stored.ContentType, photo!.Served.Length, stored.Width, stored.Height, url, ApiRoutes.AttachmentThumbnailUrl(stored.AttachmentId)),
            LygJsonContext.Wire.AttachmentCreated,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The photo's bytes and the field they came in (<c>body</c>, or the multipart part's name), or the problem.</summary>
    private static async Task<(byte[]? Bytes, string Field, IResult? Problem)> ReadAsync(HttpContext http, long maxBytes, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return Unsupported();
        }

        var multipart = mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!multipart && !mediaType.MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return Unsupported();
        }

        var bodyLimit = maxBytes + (multipart ? MultipartEnvelopeBytes : 0);
        if (request.ContentLength > bodyLimit)
        {
            return (null, RawField, Problems.PayloadTooLarge(maxBytes));
        }

        // The server then refuses to read (or drain) past the limit, whatever framing the client chose.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = bodyLimit;
        }

        if (!multipart)
        {
            var (bytes, problem) = await JsonBody.ReadBytesAsync(request.Body, (int)maxBytes, cancellationToken);
            return (bytes, RawField, problem);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return (null, RawField, Problems.Malformed("A multipart/form-data body needs a boundary parameter of 1 to 70 characters."));
        }

        return await ReadFilePartAsync(new MultipartReader(boundary, request.Body), maxBytes, cancellationToken);
    }

    /// <summary>Exactly one part with a file name; text fields beside it count against the envelope and are dropped.</summary>
    private static async Task<(byte[]? Bytes, string Field, IResult? Problem)> ReadFilePartAsync(MultipartReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        (byte[] Bytes, string Field)? file = null;
        var envelopeLeft = MultipartEnvelopeBytes;
        try
        {
            for (var parts = 0; await reader.ReadNextSectionAsync(cancellationToken) is { } section; parts++)
            {
                if (parts == MaxParts)
                {
                    return (null, RawField, Problems.Malformed($"At most {MaxParts} parts: the photo and a few form fields."));
                }

                var disposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var parsed) ? parsed : null;
                var name = disposition?.Name.Value is { Length: > 0 } n ? HeaderUtilities.RemoveQuotes(n).Value! : $"part[{parts}]";
                var isFile = disposition is not null && (disposition.FileName.HasValue || disposition.FileNameStar.HasValue);
                if (!isFile)
                {
                    var (text, tooLarge) = await JsonBody.ReadBytesAsync(section.Body, envelopeLeft, cancellationToken);
                    if (text is null)
                    {
                        return (null, name, tooLarge);
                    }

                    envelopeLeft -= text.Length;
                    continue;
                }

                if (file is not null)
                {
                    return (null, name, Problems.Validation(new Dictionary<string, string[]>
                    {
                        [name] = [$"Send one photo per request; part '{file.Value.Field}' carried one already."],
                    }));
                }

                var (bytes, problem) = await JsonBody.ReadBytesAsync(section.Body, (int)maxBytes, cancellationToken);
                if (bytes is null)
                {
                    return (null, name, problem);
                }

                file = (bytes, name);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, RawField, Problems.Malformed($"The multipart body could not be read: {ex.Message}"));
        }

        return file is { } found
            ? (found.Bytes, found.Field, null)
            : (null, "file", Problems.Validation(new Dictionary<string, string[]> { ["file"] = ["The multipart body has no file part: send the photo as a part with a filename."] }));
    }

    private static (byte[]?, string, IResult?) Unsupported() => (null, RawField, Problems.UnsupportedMediaType(
        "Send the photo as image/jpeg, image/png or image/webp, or as the file part of multipart/form-data.",
        "The Content-Type must be an image type or multipart/form-data."));
}
