using Lyg.Contracts;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Alerts;

/// <summary>
/// What a monitoring source recognised about one rule on one subject: its condition holds at <see cref="Level"/>, or,
/// with no level, no longer holds. A source may send the condition each time it evaluates it (vehicles, permits) or
/// only its changes (sensor rules, which keep what they hold); the alert desk decides what is new, escalated,
/// repeated or cleared, so a replayed batch raises nothing twice.
/// </summary>
/// <param name="Kind">The subject's kind (a sensor kind such as <c>water-level</c>, a vehicle kind such as <c>muck-truck</c>).</param>
/// <param name="Rule">The rule's id within its kind (<c>level-high</c>, <c>off-route</c>, <c>permit-expiring</c>).</param>
/// <param name="Summary">What was seen, for people (水位 0.32 m ≥ 0.30 m).</param>
/// <param name="Case">When an alert of this rule becomes a case; null: never.</param>
public sealed record AlertSignal(
    AlertSubject Subject,
    string SubjectId,
    string Kind,
    string Rule,
    WarningLevel? Level,
    DateTimeOffset ObservedAt,
    string Summary,
    GeoPoint? Location,
    AlertCasePolicy? Case);

/// <summary>An alert at <see cref="CaseLevel"/> or more severe becomes a case of this category through the intake.</summary>
public sealed record AlertCasePolicy(WarningLevel CaseLevel, string CategoryCode, CodeKind CategoryKind);

/// <summary>Where monitoring sources send what they recognised (the alert desk).</summary>
public interface IAlertSink
{
    /// <param name="durable">For the cases alerts become: the caller's client of the durable task hub.</param>
    Task TakeAsync(IReadOnlyList<AlertSignal> signals, DurableTaskClient durable, CancellationToken cancellationToken);
}
