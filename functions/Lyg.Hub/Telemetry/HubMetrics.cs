using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Lyg.Hub.Telemetry;

/// <summary>
/// The hub's own metrics, on one meter that OpenTelemetry or dotnet-counters can subscribe to by name; instruments are
/// created once, here, so every host reports the same names.
/// </summary>
public static class HubMetrics
{
    public const string MeterName = "Lyg.Hub";

    public const string WorkflowsResumedName = "lyg.case_workflows.resumed";

    public const string ReportsAcceptedName = "lyg.reports.accepted";

    public const string ActionsAppliedName = "lyg.case_actions";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Case actions decided, tagged by action and outcome (applied, replayed, state-conflict, …).</summary>
    public static readonly Counter<long> CaseActions = Meter.CreateCounter<long>(
        ActionsAppliedName, unit: "{action}", description: "Case actions decided, per action and outcome");

    public static void ActionApplied(string action, Storage.TransitionOutcome outcome) =>
        CaseActions.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    /// <summary>Cases created by intake, tagged by source; repeats of a source key are not counted.</summary>
    public static readonly Counter<long> ReportsAccepted = Meter.CreateCounter<long>(
        ReportsAcceptedName, unit: "{case}", description: "Cases created by intake, per source");

    public static void ReportAccepted(Contracts.CaseSource source) =>
        ReportsAccepted.Add(1, new KeyValuePair<string, object?>("source", Contracts.WireNames.Of(source)));

    /// <summary>Case workflows found missing, failed or terminated while their case was open, and started again.</summary>
    public static readonly Counter<long> WorkflowsResumed = Meter.CreateCounter<long>(
        WorkflowsResumedName, unit: "{workflow}", description: "Open cases whose workflow was missing, failed or terminated and was restarted");

    // The outbox (ADR 0015): every instrument is tagged with the destination.
    public const string OutboxDestinationTag = "destination";
    public const string OutboxDeliveredName = "lyg.outbox.delivered";
    public const string OutboxRetriedName = "lyg.outbox.retried";
    public const string OutboxDeadLetteredName = "lyg.outbox.dead_lettered";
    public const string OutboxPendingName = "lyg.outbox.pending";
    public const string OutboxLagName = "lyg.outbox.lag";

    public static readonly Counter<long> OutboxDelivered = Meter.CreateCounter<long>(
        OutboxDeliveredName, unit: "{message}", description: "Outbound messages a destination took (2xx)");

    public static readonly Counter<long> OutboxRetried = Meter.CreateCounter<long>(
        OutboxRetriedName, unit: "{attempt}", description: "Failed delivery attempts that will be tried again");

    public static readonly Counter<long> OutboxDeadLettered = Meter.CreateCounter<long>(
        OutboxDeadLetteredName, unit: "{message}", description: "Outbound messages refused by their destination or out of attempts or time");

    /// <summary>From the case change that caused a message to its delivery.</summary>
    public static readonly Histogram<double> OutboxLag = Meter.CreateHistogram<double>(
        OutboxLagName, unit: "s", description: "Seconds from the state change to the delivery of its message");

    private static readonly ConcurrentDictionary<string, long> PendingByDestination = new(StringComparer.Ordinal);

    /// <summary>What the last pass of this host found pending, per destination it holds (at most one table page).</summary>
    public static readonly ObservableGauge<long> OutboxPending = Meter.CreateObservableGauge(
        OutboxPendingName,
        () => PendingByDestination.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>(OutboxDestinationTag, p.Key))),
        unit: "{message}",
        description: "Outbound messages pending at the last dispatcher pass");

    public static void ReportOutboxPending(string destination, long pending) => PendingByDestination[destination] = pending;

    public static KeyValuePair<string, object?> OutboxDestination(string destination) => new(OutboxDestinationTag, destination);
}
