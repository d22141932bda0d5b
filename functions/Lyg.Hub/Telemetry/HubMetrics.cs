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
}
