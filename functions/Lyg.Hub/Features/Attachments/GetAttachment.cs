using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Attachments;

/// <summary>Which served copy of a photo: the whole picture or its thumbnail for lists.</summary>
public enum AttachmentCopy
{
    Photo,
    Thumbnail,
}

/// <summary>
/// GET v1/attachments/{attachmentId} and …/thumbnail: the re-encoded copy without metadata. Its uploader, center
/// staff, and the unit the photo's case is dispatched to may read it; for anyone else it does not exist (404, as for
/// cases, so ids cannot be probed).
/// </summary>
public sealed class GetAttachment(AttachmentStore store, CaseStore cases, IOptions<AttachmentOptions> options)
{
    public async Task<IResult> HandleAsync(HttpContext http, string attachmentId, AttachmentCopy copy)
    {
        ArgumentNullException.ThrowIfNull(http);
        var attachment = await FindVisibleAsync(store, cases, http.GetCaller(), attachmentId, http.RequestAborted);
        if (attachment is null)
        {
            return NotFound(attachmentId);
        }

        var (blob, contentType) = copy == AttachmentCopy.Thumbnail
            ? (attachment.ThumbnailBlobName, PhotoProcessor.ThumbnailContentType)
            : (attachment.BlobName, attachment.ContentType);
        var content = await store.ReadAsync(blob, http.RequestAborted);
        return content is null
            ? NotFound(attachmentId)
            : Replies.InlineFile(content.ToArray(), contentType, $"{attachment.AttachmentId}-{copy}".ToLowerInvariant(), options.Value.CacheDuration);
    }

    /// <summary>The attachment when <paramref name="caller"/> may see it; null when it does not exist or they may not.</summary>
    internal static async Task<StoredAttachment?> FindVisibleAsync(AttachmentStore store, CaseStore cases, Caller caller, string attachmentId, CancellationToken cancellationToken)
    {
        var attachment = await store.FindAsync(attachmentId, cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        if (attachment.IsOwnedBy(caller.Issuer, caller.Subject) || caller.IsStaff)
        {
            return attachment;
        }

        return caller.IsUnitStaff && attachment.CaseId is { } caseId && (await cases.FindFactsAsync(caseId, cancellationToken))?.AssignedUnit == caller.Unit
            ? attachment
            : null;
    }

    internal static IResult NotFound(string attachmentId) => Problems.NotFound($"No attachment {attachmentId} is visible to you.");
}
