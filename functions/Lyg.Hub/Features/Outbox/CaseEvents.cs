using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// Case-event webhooks, the first producer: every destination whose <c>Events</c> name a change's action (or <c>*</c>)
/// gets a <c>case-event</c> message for it. The payload carries states, category, unit and grid, never personal data.
/// </summary>
public sealed class CaseEvents(OutboxDestinations destinations) : ICaseMessageProducer
{
    public const string Kind = "case-event";

    /// <summary>
    /// Every action a case timeline records: the report, the case actions (acknowledging a slip is not a change of the
    /// case) and the calendar's re-planning. What a destination's <c>Events</c> may name besides <c>*</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> TimelineActions = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseStore.ReportAction, CaseActionNames.Register, CaseActionNames.Void, CaseActionNames.Dispatch, CaseActionNames.Accept,
        CaseActionNames.Return, CaseActionNames.Complete, CaseActionNames.Check, CaseActionNames.RequestPostponement,
        CaseActionNames.DecidePostponement, CaseActionNames.RequestSuspension, CaseActionNames.DecideSuspension, CaseActionNames.Resume,
        CaseActionNames.Rate, CaseActionNames.Verify, CaseActionNames.AssignInspector, CaseActionNames.Merge, MergeCase.MainAction, ReplanStages.Action, ReopenCase.ActionName,
        RecordAlert.ActionName,
        HotlineTimeline.Update, HotlineTimeline.Urge, HotlineTimeline.Callback,
    };

    public IEnumerable<OutboundMessage> MessagesFor(CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var subscribed = destinations.All.Where(d => d.Receives(change.Action)).ToList();
        if (subscribed.Count == 0)
        {
            return [];
        }

        var facts = change.Facts;
        var payload = JsonSerializer.Serialize(
            new CaseEvent(
                change.Action, change.FromState, facts.State, change.ActorRole, change.Source, facts.CategoryCode, facts.Urgency, facts.AssignedUnit,
                facts.ReworkCount, change.Grid),
            LygJsonContext.Default.CaseEvent);
        return subscribed.Select(d => new OutboundMessage(d.Name, Kind, payload));
    }
}
