using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Outbox;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// Feedback to 12345 through the outbox, for cases that came from 12345 only, to the destination named by
/// <c>Hotline12345:FeedbackDestination</c> (none configured: nothing is written): 签收 when the center registers the
/// case (<c>hotline-accepted</c>), 退单 when it voids it, with the reason (<c>hotline-returned</c>), 延期 when a
/// postponement is approved, with the new deadline (<c>hotline-postponed</c>), and 办结 when it closes, with the unit's
/// result and photo links (<c>hotline-closed</c>); a closing case sends 办结 for every 12345 order merged into it too
/// (并单, <see cref="MergedCaseMessages"/>). The payload names the work order and never the caller.
/// </summary>
public sealed class HotlineFeedbackProducer(OutboxDestinations destinations, IOptions<HotlineOptions> options) : ICaseMessageProducer
{
    public const string Accepted = "hotline-accepted";
    public const string Returned = "hotline-returned";
    public const string Postponed = "hotline-postponed";
    public const string Closed = "hotline-closed";

    public IEnumerable<OutboundMessage> MessagesFor(CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var destination = options.Value.FeedbackDestination;
        if (destinations.Find(destination) is null)
        {
            return [];
        }

        var messages = new List<OutboundMessage>();
        if (change.Source == CaseSource.Hotline12345 && HotlineTimeline.WorkOrderOf(change.Links) is { } order && FeedbackOf(change, order.WorkOrderNo) is { } own)
        {
            messages.Add(new OutboundMessage(destination, own.Feedback, Serialize(own)));
        }

        // 并单: the orders merged into this case are closed by its close, each with its own number and message id.
        foreach (var (merged, ordinal) in MergedCaseMessages.ToTell(change).Where(m => m.Case.WorkOrderNo is not null))
        {
            messages.Add(new OutboundMessage(destination, MergedCaseMessages.KindFor(Closed, ordinal), Serialize(ClosedFeedback(change, merged.WorkOrderNo!))));
        }

        return messages;
    }

    private HotlineFeedback? FeedbackOf(CaseChange change, string workOrderNo)
    {
        var facts = change.Facts;
        return change.Action switch
        {
            CaseActionNames.Register => new(workOrderNo, Accepted, change.At, facts.State),
            CaseActionNames.Void => new(workOrderNo, Returned, change.At, facts.State, Reason: change.Reason),
            CaseActionNames.Verify when facts.State == CaseState.Voided => new(workOrderNo, Returned, change.At, facts.State, Reason: change.Reason),
            CaseActionNames.DecidePostponement when change.Outcome == "approved" =>
                new(workOrderNo, Postponed, change.At, facts.State, Reason: change.Reason, Deadline: facts.Clock?.Deadline),
            _ when facts.State == CaseState.Closed && change.FromState != CaseState.Closed => ClosedFeedback(change, workOrderNo),
            _ => null,
        };
    }

    private HotlineFeedback ClosedFeedback(CaseChange change, string workOrderNo) =>
        new(workOrderNo, Closed, change.At, change.Facts.State, Result: change.HandlingResult, PhotoUrls: [.. (change.HandlingAttachmentIds ?? []).Select(PhotoUrl)]);

    private static string Serialize(HotlineFeedback feedback) => JsonSerializer.Serialize(feedback, LygJsonContext.Default.HotlineFeedback);

    private string PhotoUrl(string attachmentId) =>
        (options.Value.PhotoUrlBase ?? $"/{ApiRoutes.Prefix}/v1/attachments/") + Uri.EscapeDataString(attachmentId);
}
