using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Outbox;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Notifications;

/// <summary>Where reporters' notices go (section <c>ReporterNotices</c>).</summary>
public sealed class ReporterNoticesOptions
{
    public const string Section = "ReporterNotices";

    /// <summary>
    /// The outbox destination (<c>Outbox:Destinations:{name}</c>) that sends the mini-program's subscription messages;
    /// while no destination of that name is configured, no notice is written.
    /// </summary>
    public string Destination { get; set; } = "reporter-notices";
}

/// <summary>
/// Tells a citizen when their report's status changes (已受理 → 处理中 → 已办结, or 不予受理), through the outbox: the
/// notice is written in the same transaction as the change and delivered, retried and dead-lettered like every other
/// outbound message; nothing is sent inline. Changes that leave the citizen's status as it was (a dispatch, a rework)
/// send nothing, so a reporter hears of their case only when what they would see changes.
/// </summary>
public sealed class ReporterNotices(OutboxDestinations destinations, IOptions<ReporterNoticesOptions> options) : ICaseMessageProducer
{
    public const string Kind = "reporter-notice";

    public IEnumerable<OutboundMessage> MessagesFor(CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var destination = options.Value.Destination;
        if (change.Source != CaseSource.Citizen || change.FromState is not { } from || destinations.Find(destination) is null)
        {
            return [];
        }

        var before = CitizenStatuses.Of(from);
        var now = CitizenStatuses.Of(change.Facts.State);
        if (before == now)
        {
            return [];
        }

        var notice = new ReporterNotice(change.Facts.ReporterIssuer, change.Facts.ReporterSubject, now, CitizenStatuses.Text(now), before);
        return [new OutboundMessage(destination, Kind, JsonSerializer.Serialize(notice, LygJsonContext.Default.ReporterNotice))];
    }
}
