using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Attachments;

/// <summary>
/// The attachments a report or action names, bound to its case; <see cref="Errors"/> keyed <c>attachmentIds[i]</c>
/// when one cannot be. <see cref="ReleaseAsync"/> undoes what this claim bound, for an action that was then refused.
/// </summary>
public sealed class AttachmentClaim(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<StoredAttachment> bound, AttachmentStore store)
{
    public IReadOnlyDictionary<string, string[]> Errors => errors;

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        foreach (var attachment in bound)
        {
            // Best effort: an attachment left bound to a case that does not take it is freed once the claim is stale.
            await store.SetCaseAsync(attachment, null, null, cancellationToken);
        }
    }
}

/// <summary>
/// The one check of the attachment ids that reports and case actions name (machine channels send links instead): each
/// must exist, belong to the caller (the same issuer and subject) and belong to no other case; the first report or
/// action that names an attachment binds it to its case. An unknown id and someone else's get the same answer, so ids
/// cannot be probed. A binding whose case was never stored (the intake failed after binding) is stale after
/// <see cref="StaleAfter"/>, longer than any request's budget, and may then be taken by another case.
/// </summary>
public sealed class AttachmentClaims(AttachmentStore store, CaseStore cases, TimeProvider clock)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Field errors when an id names no attachment of the caller's or, with <paramref name="unboundOnly"/>, one already
    /// bound to a case; reads only, writes nothing. An intake without a source key cannot be a repeat, so every binding
    /// it finds is another case's; with a key it may be its own first attempt's, which <see cref="ClaimAsync"/> then tells.
    /// </summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(IReadOnlyList<string>? ids, string issuer, string subject, bool unboundOnly, CancellationToken cancellationToken) =>
        (await ReadAsync(ids ?? [], issuer, subject, unboundOnly ? "" : null, cancellationToken)).Errors;

    /// <summary>Checks every id as <see cref="CheckAsync"/> does and binds them to <paramref name="caseId"/>; none is bound when one fails.</summary>
    public async Task<AttachmentClaim> ClaimAsync(IReadOnlyList<string>? ids, string issuer, string subject, string caseId, CancellationToken cancellationToken)
    {
        var list = ids ?? [];
        var (errors, toBind) = await ReadAsync(list, issuer, subject, caseId, cancellationToken);
        var bound = new List<StoredAttachment>();
        if (errors.Count == 0)
        {
            var now = clock.GetUtcNow();
            foreach (var (index, attachment) in toBind)
            {
                if (await store.SetCaseAsync(attachment, caseId, now, cancellationToken) is { } updated)
                {
                    bound.Add(updated);
                    continue;
                }

                errors[Field(index)] = [$"Attachment {list[index]} was attached to another case meanwhile."];
                await new AttachmentClaim(errors, bound, store).ReleaseAsync(cancellationToken);
                bound.Clear();
                break;
            }
        }

        return new AttachmentClaim(errors, bound, store);
    }

    /// <summary>
    /// The errors, and the attachments still to bind to <paramref name="caseId"/>; bindings are not checked when it is
    /// null, and every binding is another case's when it is empty.
    /// </summary>
    private async Task<(Dictionary<string, string[]> Errors, List<(int Index, StoredAttachment Attachment)> ToBind)> ReadAsync(
        IReadOnlyList<string> ids, string issuer, string subject, string? caseId, CancellationToken cancellationToken)
    {
        var (errors, found) = await ReadOwnedAsync(ids, issuer, subject, cancellationToken);
        var toBind = new List<(int, StoredAttachment)>();
        for (var i = 0; i < found.Length && caseId is not null; i++)
        {
            if (found[i] is not { } attachment || attachment.CaseId == caseId)
            {
                continue;
            }

            if (attachment.CaseId is null || await IsStaleAsync(attachment, cancellationToken))
            {
                toBind.Add((i, attachment));
            }
            else
            {
                errors[Field(i)] = [$"Attachment {ids[i]} is attached to another case; upload the photo again for this one."];
            }
        }

        return (errors, toBind);
    }

    private async Task<(Dictionary<string, string[]> Errors, StoredAttachment?[] Found)> ReadOwnedAsync(
        IReadOnlyList<string> ids, string issuer, string subject, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var found = await Task.WhenAll(ids.Select(id => store.FindAsync(id, cancellationToken)));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!seen.TryAdd(ids[i], i))
            {
                errors[Field(i)] = [$"Attachment {ids[i]} is named already as {Field(seen[ids[i]])}."];
                found[i] = null;
            }
            else if (found[i] is not { } attachment || !attachment.IsOwnedBy(issuer, subject))
            {
                errors[Field(i)] = [$"There is no attachment {ids[i]} of yours: upload the photo with POST v1/attachments first."];
                found[i] = null;
            }
        }

        return (errors, found);
    }

    private async Task<bool> IsStaleAsync(StoredAttachment attachment, CancellationToken cancellationToken) =>
        attachment.ClaimedAt is not { } at || (clock.GetUtcNow() - at > StaleAfter && await cases.FindFactsAsync(attachment.CaseId!, cancellationToken) is null);

    private static string Field(int index) => $"{AttachmentIds.Field}[{index}]";
}
