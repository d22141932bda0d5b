using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Alerts;

/// <summary>
/// The alert desk: turns the conditions monitoring sources send into graded alerts with a lifecycle. A condition that
/// starts holding raises an alert; one that returns within the flap window reopens the alert it left instead of
/// raising another; a change of level escalates or lowers it; one that ends clears it. An alert at its kind's case
/// level or above becomes a case through the intake, keyed by the alert id, with a link back to it; the case's
/// timeline records escalations (an urgent level makes the case urgent) and the clearing.
/// Each condition's signals are decided in time order, older ones than the last decided change nothing, and every
/// write is the same for a replayed signal, so a batch delivered twice raises nothing twice. The effects come before
/// the condition moves: a crash in between is repaired by the replay, never lost.
/// </summary>
public sealed partial class AlertDesk(
    AlertStore store, CaseIntake intake, CaseCommands commands, CurrentPlaces places, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertDesk> logger)
    : IAlertSink
{
    /// <summary>The hub's monitoring as an actor: the reporter of the cases alerts create, and the actor of their alert entries.</summary>
    public const string ActorId = "lyg-monitoring";

    public const string CaseLinkRel = "alert";

    private const int MaxParallelConditions = 8;
    private const int MaxAttempts = 3;

    private static readonly Caller Actor = Caller.ForMachine(ActorId, Roles.Gateway);

    public async Task TakeAsync(IReadOnlyList<AlertSignal> signals, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var conditions = signals
            .GroupBy(s => (s.Subject, s.SubjectId, s.Rule))
            .Select(g => g.OrderBy(s => s.ObservedAt).ToList())
            .ToList();
        await Parallel.ForEachAsync(
            conditions, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelConditions, CancellationToken = cancellationToken },
            async (condition, token) =>
            {
                foreach (var signal in condition)
                {
                    await DecideAsync(signal, durable, token);
                }
            });
    }

    /// <summary>Acknowledges (确认) an alert; null when there is none. Acknowledging again changes nothing.</summary>
    public async Task<AlertRecord?> AcknowledgeAsync(string alertId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        for (var attempt = 1; ; attempt++)
        {
            var alert = await store.FindAsync(alertId, cancellationToken);
            if (alert is null || alert.AcknowledgedAt is not null)
            {
                return alert;
            }

            var now = clock.GetUtcNow();
            alert.AcknowledgedAt = now;
            alert.AcknowledgedBy = caller.Subject;
            alert.UpdatedAt = now;
            if (alert.State == nameof(AlertState.Raised))
            {
                alert.State = nameof(AlertState.Acknowledged);
            }

            if (await store.TryUpdateAsync(alert, cancellationToken) || attempt == MaxAttempts)
            {
                return await store.FindAsync(alertId, cancellationToken);
            }
        }
    }

    private async Task DecideAsync(AlertSignal signal, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!CaseRowKeys.CanBeKey(signal.SubjectId) || !CaseRowKeys.CanBeKey(signal.Rule))
        {
            LogUnkeyable(logger, signal.Subject, signal.SubjectId, signal.Rule);
            return;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var condition = await store.FindConditionAsync(signal.Subject, signal.SubjectId, signal.Rule, cancellationToken);
            if (condition is not null && signal.ObservedAt <= condition.ObservedAt)
            {
                return;
            }

            var open = condition is { ClearedAt: null };
            var next = signal.Level switch
            {
                null when !open => null,
                null => await ClearAsync(signal, condition!, durable, cancellationToken),
                { } level when open && condition!.Level == (int)level => null,
                { } level when open => await ChangeLevelAsync(signal, level, condition!, durable, cancellationToken),
                { } level when condition is { ClearedAt: { } cleared } && signal.ObservedAt - cleared <= options.Value.FlapWindow
                    => await ReopenAsync(signal, level, condition, durable, cancellationToken),
                { } level => await RaiseAsync(signal, level, durable, cancellationToken),
            };
            if (next is null || await store.TryMoveConditionAsync(next, condition, cancellationToken))
            {
                return;
            }
        }

        LogContended(logger, signal.Subject, signal.SubjectId, signal.Rule);
    }

    private async Task<AlertCondition> RaiseAsync(AlertSignal signal, WarningLevel level, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var alertId = AlertStore.AlertId(signal.Subject, signal.SubjectId, signal.Rule, signal.ObservedAt);
        var place = signal.Location is { } point ? places.Locate(point.Lat, point.Lon) : null;
        var alert = new AlertRecord
        {
            PartitionKey = alertId,
            Subject = signal.Subject.ToString(),
            SubjectId = signal.SubjectId,
            Kind = signal.Kind,
            Rule = signal.Rule,
            Level = (int)level,
            PeakLevel = (int)level,
            State = nameof(AlertState.Raised),
            Summary = signal.Summary,
            RaisedAt = signal.ObservedAt,
            UpdatedAt = signal.ObservedAt,
            Lat = signal.Location?.Lat,
            Lon = signal.Location?.Lon,
            Grid = place?.Grid,
            DistrictCode = place?.District.Code,
        };
        await CreateCaseIfDueAsync(alert, signal, level, durable, cancellationToken);
        await store.SaveAsync(alert, cancellationToken);
        HubMetrics.AlertRaised(signal.Kind, level);
        LogRaised(logger, alertId, signal.Subject, signal.SubjectId, signal.Rule, level);
        return Condition(signal, alertId, level, clearedAt: null);
    }

    private async Task<AlertCondition?> ReopenAsync(AlertSignal signal, WarningLevel level, AlertCondition condition, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(condition.AlertId, cancellationToken) is not { } alert)
        {
            return await RaiseAsync(signal, level, durable, cancellationToken);
        }

        alert.Flaps++;
        alert.ClearedAt = null;
        alert.State = alert.CaseId is not null ? nameof(AlertState.CaseCreated) : alert.AcknowledgedAt is not null ? nameof(AlertState.Acknowledged) : nameof(AlertState.Raised);
        await MoveLevelAsync(alert, signal, level, durable, cancellationToken);
        return Condition(signal, alert.AlertId, level, clearedAt: null);
    }

    private async Task<AlertCondition?> ChangeLevelAsync(AlertSignal signal, WarningLevel level, AlertCondition condition, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(condition.AlertId, cancellationToken) is not { } alert)
        {
            return await RaiseAsync(signal, level, durable, cancellationToken);
        }

        await MoveLevelAsync(alert, signal, level, durable, cancellationToken);
        return Condition(signal, alert.AlertId, level, clearedAt: null);
    }

    /// <summary>Sets the alert's level; a more severe one than before may create its case, or escalates the case it has.</summary>
    private async Task MoveLevelAsync(AlertRecord alert, AlertSignal signal, WarningLevel level, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var escalated = level.AtLeast((WarningLevel)alert.Level) && level != (WarningLevel)alert.Level;
        alert.Level = (int)level;
        alert.PeakLevel = Math.Min(alert.PeakLevel, (int)level);
        alert.Summary = signal.Summary;
        alert.UpdatedAt = signal.ObservedAt;
        if (alert.CaseId is null)
        {
            await CreateCaseIfDueAsync(alert, signal, level, durable, cancellationToken);
        }
        else if (escalated)
        {
            var urgent = level.AtLeast(options.Value.UrgentLevel) ? Urgency.Urgent : (Urgency?)null;
            await RecordOnCaseAsync(alert, new AlertChange(alert.AlertId, level, null, urgent), signal.ObservedAt, durable, cancellationToken);
        }

        await store.SaveAsync(alert, cancellationToken);
        if (escalated)
        {
            HubMetrics.AlertRaised(signal.Kind, level);
            LogEscalated(logger, alert.AlertId, level);
        }
    }

    private async Task<AlertCondition?> ClearAsync(AlertSignal signal, AlertCondition condition, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(condition.AlertId, cancellationToken) is { } alert)
        {
            alert.State = nameof(AlertState.Cleared);
            alert.ClearedAt = signal.ObservedAt;
            alert.UpdatedAt = signal.ObservedAt;
            if (alert.CaseId is not null)
            {
                await RecordOnCaseAsync(alert, new AlertChange(alert.AlertId, null, true, null), signal.ObservedAt, durable, cancellationToken);
            }

            await store.SaveAsync(alert, cancellationToken);
            LogCleared(logger, alert.AlertId);
        }

        return Condition(signal, condition.AlertId, (WarningLevel)condition.Level, clearedAt: signal.ObservedAt);
    }

    /// <summary>Creates the alert's case through the intake when its rule has a case policy and the level reaches it.</summary>
    private async Task CreateCaseIfDueAsync(AlertRecord alert, AlertSignal signal, WarningLevel level, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (signal.Case is not { } policy || !level.AtLeast(policy.CaseLevel))
        {
            return;
        }

        var request = new IntakeRequest(
            CaseSource.Sensor,
            new IntakeReporter(Caller.MachineIssuer, ActorId, Roles.Gateway),
            $"【{WarningLevels.Name(level)}预警】{signal.Summary}",
            policy.CategoryCode,
            signal.Location is { } point ? new GeoLocation(point.Lat, point.Lon, CoordinateSystem.Wgs84) : null,
            CategoryKind: policy.CategoryKind,
            Urgency: level.AtLeast(options.Value.UrgentLevel) ? Urgency.Urgent : Urgency.Normal,
            Links: [new CaseLink(CaseLinkRel, alert.AlertId)]);
        switch (await intake.SubmitAsync(request, new SourceKey(CaseLinkRel, alert.AlertId), durable, cancellationToken))
        {
            case IntakeOutcome.Accepted accepted:
                alert.CaseId = accepted.CaseId;
                alert.CaseProblem = null;
                alert.State = nameof(AlertState.CaseCreated);
                break;
            case IntakeOutcome.KeyConflict conflict:
                // An earlier attempt created the case from the alert at another level: it is this alert's case.
                alert.CaseId = conflict.ExistingCaseId;
                alert.State = nameof(AlertState.CaseCreated);
                break;
            case IntakeOutcome.Rejected rejected:
                alert.CaseProblem = FieldErrors.Describe(rejected.Errors);
                LogCaseRefused(logger, alert.AlertId, alert.CaseProblem);
                break;
            case IntakeOutcome.Limited:
                alert.CaseProblem = "The intake limited the monitoring reporter.";
                LogCaseRefused(logger, alert.AlertId, alert.CaseProblem);
                break;
        }
    }

    private async Task RecordOnCaseAsync(AlertRecord alert, AlertChange change, DateTimeOffset at, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(change, AlertChangeJson.Default.AlertChange);
        var key = $"alert-{alert.AlertId}-{at.UtcTicks}";
        if (await commands.ApplyAsync(new CaseCommand(alert.CaseId!, RecordAlert.ActionName, body, Actor, key), durable, cancellationToken) is CaseCommandOutcome.Refused)
        {
            // A finished case keeps its timeline: the alert's own record says what became of it.
            LogCaseUnchanged(logger, alert.AlertId, alert.CaseId!);
        }
    }

    private static AlertCondition Condition(AlertSignal signal, string alertId, WarningLevel level, DateTimeOffset? clearedAt) => new()
    {
        PartitionKey = AlertStore.ConditionPartition(signal.Subject, signal.SubjectId),
        RowKey = signal.Rule,
        AlertId = alertId,
        Level = (int)level,
        ObservedAt = signal.ObservedAt,
        ClearedAt = clearedAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} raised: {Subject} {SubjectId}, rule {Rule}, level {Level}")]
    private static partial void LogRaised(ILogger logger, string alertId, AlertSubject subject, string subjectId, string rule, WarningLevel level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} escalated to level {Level}")]
    private static partial void LogEscalated(ILogger logger, string alertId, WarningLevel level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} cleared")]
    private static partial void LogCleared(ILogger logger, string alertId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: the intake refused its case: {Problem}")]
    private static partial void LogCaseRefused(ILogger logger, string alertId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId}: case {CaseId} is finished and keeps its timeline")]
    private static partial void LogCaseUnchanged(ILogger logger, string alertId, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signal of {Subject} {SubjectId}, rule {Rule}, cannot be a table key and is dropped")]
    private static partial void LogUnkeyable(ILogger logger, AlertSubject subject, string subjectId, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The condition of {Subject} {SubjectId}, rule {Rule}, kept moving under other writers; the next signal decides again")]
    private static partial void LogContended(ILogger logger, AlertSubject subject, string subjectId, string rule);
}
