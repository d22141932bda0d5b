using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Duplicates;
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
/// send nothing, so a reporter hears of their case only when what they would see changes — and when it is merged into
/// another case (并单), which then carries it: that case's close tells the merged report's reporter too
/// (<see cref="MergedCaseMessages"/>).
/// </summary>
public sealed class ReporterNotices(OutboxDestinations destinations, IOptions<ReporterNoticesOptions> options) : ICaseMessageProducer
{
    public const string Kind = "reporter-notice";

    public IEnumerable<OutboundMessage> MessagesFor(CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var destination = options.Value.Destination;
        if (destinations.Find(destination) is null)
        {
            return [];
        }

        var messages = new List<OutboundMessage>();
        if (change.Source == CaseSource.Citizen && change.FromState is { } from
            && (CitizenStatuses.Of(from) != CitizenStatuses.Of(change.Facts.State) || change.Action == CaseActionNames.Merge))
        {
            var facts = change.Facts;
            messages.Add(Notice(destination, Kind, facts.ReporterIssuer, facts.ReporterSubject, CitizenStatuses.Of(change.Facts.State), from, null, facts.MergedInto));
        }

        foreach (var (merged, ordinal) in MergedCaseMessages.ToTell(change).Where(m => m.Case.Source == CaseSource.Citizen))
        {
            messages.Add(Notice(
                destination, MergedCaseMessages.KindFor(Kind, ordinal), merged.ReporterIssuer, merged.ReporterSubject, CitizenStatus.Resolved,
                CaseState.Merged, merged.CaseId, change.CaseId));
        }

        return messages;
    }

    private static OutboundMessage Notice(
        string destination, string kind, string issuer, string subject, CitizenStatus now, CaseState from, string? caseId, string? mergedInto)
    {
        var notice = new ReporterNotice(issuer, subject, now, CitizenStatuses.Text(now), CitizenStatuses.Of(from), caseId, mergedInto);
        return new OutboundMessage(destination, kind, JsonSerializer.Serialize(notice, LygJsonContext.Default.ReporterNotice));
    }
}
