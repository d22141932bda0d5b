using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Outbox;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// Feedback to 12345 through the outbox, for cases that came from 12345 only, to the destination named by
/// <c>Hotline12345:FeedbackDestination</c> (none configured: nothing is written): 签收 when the center registers the
/// case (<c>hotline-accepted</c>), 退单 when it voids it, with the reason (<c>hotline-returned</c>), 延期 when a
/// postponement is approved, with the new deadline (<c>hotline-postponed</c>), and 办结 when it closes, with the unit's
/// result and photo links (<c>hotline-closed</c>). The payload names the work order and never the caller.
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
        if (change.Source != CaseSource.Hotline12345 || destinations.Find(destination) is null
            || HotlineTimeline.WorkOrderOf(change.Links) is not { } order)
        {
            return [];
        }

        var facts = change.Facts;
        HotlineFeedback? feedback = change.Action switch
        {
            CaseActionNames.Register => new(order.WorkOrderNo, Accepted, change.At, facts.State),
            CaseActionNames.Void => new(order.WorkOrderNo, Returned, change.At, facts.State, Reason: change.Reason),
            CaseActionNames.Verify when facts.State == CaseState.Voided => new(order.WorkOrderNo, Returned, change.At, facts.State, Reason: change.Reason),
            CaseActionNames.DecidePostponement when change.Outcome == "approved" =>
                new(order.WorkOrderNo, Postponed, change.At, facts.State, Reason: change.Reason, Deadline: facts.Clock?.Deadline),
            _ when facts.State == CaseState.Closed && change.FromState != CaseState.Closed =>
                new(order.WorkOrderNo, Closed, change.At, facts.State, Result: change.HandlingResult, PhotoUrls: [.. (change.HandlingAttachmentIds ?? []).Select(PhotoUrl)]),
            _ => null,
        };
        return feedback is null
            ? []
            : [new OutboundMessage(destination, feedback.Feedback, JsonSerializer.Serialize(feedback, LygJsonContext.Default.HotlineFeedback))];
    }

    private string PhotoUrl(string attachmentId) =>
        (options.Value.PhotoUrlBase ?? $"/{ApiRoutes.Prefix}/v1/attachments/") + Uri.EscapeDataString(attachmentId);
}
