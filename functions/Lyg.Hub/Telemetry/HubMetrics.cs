using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Telemetry;

/// <summary>
/// The hub's own metrics, on one meter that OpenTelemetry or dotnet-counters can subscribe to by name; instruments are
/// created once, here, so every host reports the same names. Every tag value comes from a closed vocabulary (wire
/// names, status codes), never from a request, so no series can multiply without bound.
/// </summary>
public static class HubMetrics
{
    public const string MeterName = "Lyg.Hub";

    public const string ReportsAcceptedName = "lyg.reports.accepted";
    public const string CaseActionsName = "lyg.case_actions";
    public const string SlipsIssuedName = "lyg.slips.issued";
    public const string StorageErrorsName = "lyg.storage.errors";
    public const string TelemetryReadingsName = "lyg.telemetry.readings";
    public const string WorkflowsResumedName = "lyg.case_workflows.resumed";
    public const string DuplicatesFlaggedName = "lyg.duplicates.flagged";
    public const string DuplicateLookupFailuresName = "lyg.duplicates.lookup_failures";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ReportsAccepted = Meter.CreateCounter<long>(
        ReportsAcceptedName, unit: "{case}", description: "Cases created by intake, per source");

    private static readonly Counter<long> CaseActions = Meter.CreateCounter<long>(
        CaseActionsName, unit: "{action}", description: "Case actions decided, per action and outcome");

    private static readonly Counter<long> SlipsIssued = Meter.CreateCounter<long>(
        SlipsIssuedName, unit: "{slip}", description: "Supervision slips added to a case, by kind; a replayed activity adds none");

    private static readonly Counter<long> StorageErrors = Meter.CreateCounter<long>(
        StorageErrorsName, unit: "{error}", description: "Tries of the hub's storage calls that storage failed: 5xx, 408, 429, timeouts and transport failures");

    private static readonly Counter<long> TelemetryReadings = Meter.CreateCounter<long>(
        TelemetryReadingsName, unit: "{reading}", description: "Sensor readings taken in, per channel and outcome (stored or rejected): in = stored + rejected");

    private static readonly Counter<long> AlertsRaisedCounter = Meter.CreateCounter<long>(
        "lyg.alerts.raised", unit: "{alert}", description: "Alerts raised or escalated, per kind and warning level");

    private static readonly Counter<long> WorkflowsResumed = Meter.CreateCounter<long>(
        WorkflowsResumedName, unit: "{workflow}", description: "Open cases whose workflow was missing, failed or terminated and was restarted");

    private static readonly Counter<long> DuplicatesFlaggedCounter = Meter.CreateCounter<long>(
        DuplicatesFlaggedName, unit: "{report}", description: "Reports intake flagged as likely duplicates of open cases");

    private static readonly Counter<long> DuplicateLookupFailures = Meter.CreateCounter<long>(
        DuplicateLookupFailuresName, unit: "{lookup}", description: "Duplicate lookups that failed or ran out of time; the report was taken unflagged");

    /// <summary>Intake created a case; repeats of a source key are not counted.</summary>
    public static void ReportAccepted(CaseSource source) =>
        ReportsAccepted.Add(1, new KeyValuePair<string, object?>("source", WireNames.Of(source)));

    /// <param name="action">The wire name of a known action (<c>register</c>, <c>dispatch</c>, …), never the raw route segment.</param>
    public static void ActionApplied(string action, TransitionOutcome outcome) =>
        CaseActions.Add(1, new TagList { { "action", action }, { "outcome", OutcomeName(outcome) } });

    public static void SlipIssued(SlipKind kind) =>
        SlipsIssued.Add(1, new KeyValuePair<string, object?>("kind", WireNames.Of(kind)));

    /// <param name="service"><c>table</c> or <c>blob</c>.</param>
    /// <param name="status">The HTTP status, or <c>timeout</c> or <c>transport</c> when no answer came.</param>
    public static void StorageError(string service, string status) =>
        StorageErrors.Add(1, new TagList { { "service", service }, { "status", status } });

    /// <param name="channel"><c>http</c>, <c>eventhubs</c> or <c>in-process</c>.</param>
    public static void ReadingsTaken(string channel, int stored, int rejected)
    {
        TelemetryReadings.Add(stored, new TagList { { "channel", channel }, { "outcome", "stored" } });
        TelemetryReadings.Add(rejected, new TagList { { "channel", channel }, { "outcome", "rejected" } });
    }

    /// <summary>An alert was raised at <paramref name="level"/>, or escalated to it.</summary>
    public static void AlertRaised(string kind, Lyg.Contracts.WarningLevel level) =>
        AlertsRaisedCounter.Add(1, new TagList { { "kind", kind }, { "level", level.ToString().ToLowerInvariant() } });

    /// <summary>The sweeper found a case open without a running workflow (missing, failed or terminated) and started it again.</summary>
    public static void WorkflowResumed() => WorkflowsResumed.Add(1);

    public static void DuplicatesFlagged() => DuplicatesFlaggedCounter.Add(1);

    public static void DuplicateLookupFailed() => DuplicateLookupFailures.Add(1);

    private static string OutcomeName(TransitionOutcome outcome) => outcome switch
    {
        TransitionOutcome.Applied => "applied",
        TransitionOutcome.Replayed => "replayed",
        TransitionOutcome.NotFound => "not-found",
        TransitionOutcome.StateConflict => "state-conflict",
        TransitionOutcome.NotPermitted => "not-permitted",
        TransitionOutcome.KeyReusedForDifferentRequest => "key-reused",
        _ => "other",
    };

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
