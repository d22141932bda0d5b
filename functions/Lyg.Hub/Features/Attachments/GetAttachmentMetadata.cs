using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Attachments;

/// <summary>
/// GET v1/attachments/{attachmentId}/metadata, center staff only: what the photo's EXIF said (location, device, time
/// taken), its uploader and case. Served copies never carry these; this is the one place they are read.
/// </summary>
public sealed class GetAttachmentMetadata(AttachmentStore store, CaseStore cases)
{
    public async Task<IResult> HandleAsync(HttpContext http, string attachmentId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var a = await GetAttachment.FindVisibleAsync(store, cases, http.GetCaller(), attachmentId, http.RequestAborted);
        if (a is null)
        {
            return GetAttachment.NotFound(attachmentId);
        }

        return TypedResults.Json(
            new AttachmentMetadata(a.AttachmentId, a.OwnerIssuer, a.OwnerSubject, a.OwnerRole, a.ContentType, a.Size, a.Width, a.Height, a.Sha256, a.Exif, a.CreatedAt, a.CaseId),
            LygJsonContext.Wire.AttachmentMetadata);
    }
}
