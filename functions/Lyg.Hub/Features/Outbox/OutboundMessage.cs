using Lyg.Contracts;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// A message a case change causes: for which destination, of which kind, with what payload (JSON). A producer says
/// only this; the outbox stores it in the change's own transaction and delivers it.
/// </summary>
public sealed record OutboundMessage(string Destination, string Kind, string Payload);

/// <summary>
/// A case change as the case store is about to commit it: the timeline entry <see cref="Sequence"/> and the facts
/// after it. <see cref="FromState"/> is null for the report that created the case. <see cref="Reason"/>,
/// <see cref="Outcome"/> (what a decision decided) and the case's links and latest handling result are there for
/// producers that report on the case to where it came from (12345 feedback); <see cref="MergedCases"/> are the cases
/// merged into it (并单), in merge order, whose reporters and 12345 orders hear of it when it closes.
/// </summary>
public sealed record CaseChange(
    string CaseId,
    int Sequence,
    string Action,
    CaseState? FromState,
    CaseFacts Facts,
    CaseSource Source,
    string? Grid,
    string ActorRole,
    DateTimeOffset At,
    string? Reason = null,
    string? Outcome = null,
    IReadOnlyList<CaseLink>? Links = null,
    string? HandlingResult = null,
    IReadOnlyList<string>? HandlingAttachmentIds = null,
    IReadOnlyList<MergedCase>? MergedCases = null);

/// <summary>
/// Something that sends messages when cases change (case-event webhooks; later 12345 feedback, results to upper
/// platforms, hand-overs, reporter notifications). It runs inside the store's optimistic loop: pure, and quick.
/// </summary>
public interface ICaseMessageProducer
{
    IEnumerable<OutboundMessage> MessagesFor(CaseChange change);
}
