using Lyg.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// One case's closed loop, as its clock. Actions change the stored case (state, stage, deadline) in table
/// transactions; this workflow wakes on their nudges and on its own timers, re-reads the case, issues the
/// supervision slips that have come due (限期提醒, 到期催办, 超期督办) and sleeps until the next one. It ends when the
/// case is closed, voided or merged. Every wait races a durable timer, so no instance waits without bound.
/// </summary>
public sealed partial class CaseOrchestrator : TaskOrchestrator<CaseWorkflowInput, CaseOutcome>
{
    private static readonly TimeSpan EarlyTimerMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A storage blip must not end a case's clock for good: each activity is tried up to 6 times over about a minute.
    /// An outage longer than that fails the workflow, and the sweeper (<c>ResumeStrandedWorkflows</c>) restarts it.
    /// Retries add history events only when a call fails, so instances started before this policy replay unchanged.
    /// </summary>
    internal static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));
    /// <summary>
    /// When a case not there at start is read again: after 1 s (the intake stores it just after starting the workflow),
    /// then past the API's request budget (8 s by default), by when a first intake attempt has stored its case or failed.
    /// After that only the grace's end, or the nudge of the client's retry that stores the case, wakes the workflow: a
    /// failed intake costs four reads, not one every few seconds, so an overloaded store is not asked ever more often.
    /// </summary>
    private static readonly TimeSpan[] IntakeRechecks = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)];

    public override async Task<CaseOutcome> RunAsync(TaskOrchestrationContext context, CaseWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<CaseOrchestrator>();
        var read = new ReadCaseClockRequest(input.CaseId, input.Ladder);

        var startedAt = context.CurrentUtcDateTime;

        // A first intake passes the reading of the case it is about to store; the case is then confirmed by the first
        // read after a wake, and a case that never appeared ends the workflow there, as it does after the grace.
        var reading = input.Expected ?? await WaitForCaseAsync(context, read, input.IntakeGrace);
        var stored = input.Expected is null;
        if (reading is null)
        {
            LogNeverStored(logger, input.CaseId, context.CurrentUtcDateTime - startedAt);
            return new CaseOutcome(null);
        }

        while (!reading.Finished)
        {
            context.SetCustomStatus(new CaseWorkflowStatus(reading.Stage, reading.Deadline, reading.Paused));
            var now = ToOffset(context.CurrentUtcDateTime);
            foreach (var slip in reading.Ladder.Where(s => s.DueAt <= now && !reading.IssuedSlipIds.Contains(s.SlipId)))
            {
                await context.CallActivityAsync<string>(nameof(IssueSlip), new IssueSlipCommand(
                    input.CaseId, slip.SlipId, slip.Number, slip.Kind, reading.Stage!, now, reading.Deadline!.Value, reading.AddressedTo), Retried);
                LogSlipIssued(logger, input.CaseId, slip.Kind, slip.SlipId);
            }

            var nextDue = reading.Ladder.Where(s => s.DueAt > now).Select(s => (DateTimeOffset?)s.DueAt).Min();
            var wakeAt = (nextDue ?? now + input.Ladder.IdleRecheck).UtcDateTime;
            await WaitForStateChangeAsync(context, wakeAt);
            var next = await context.CallActivityAsync<CaseClockReading?>(nameof(ReadCaseClock), read, Retried);
            if (next is null && !stored)
            {
                LogNeverStored(logger, input.CaseId, context.CurrentUtcDateTime - startedAt);
                return new CaseOutcome(null);
            }

            reading = next ?? throw new InvalidOperationException($"Case {input.CaseId} disappeared from storage.");
            stored = true;
        }

        LogFinished(logger, input.CaseId, reading.State);
        return new CaseOutcome(reading.State);
    }

    /// <summary>
    /// The first reading of the case. Intake starts the workflow just before it stores the case, so a case not there yet
    /// is read again at the <see cref="IntakeRechecks"/> and at the end of the grace, or at a nudge (a first action, or
    /// the retried intake that stored it); null when it never appeared (the intake failed and its client has given up).
    /// </summary>
    private static async Task<CaseClockReading?> WaitForCaseAsync(TaskOrchestrationContext context, ReadCaseClockRequest read, TimeSpan grace)
    {
        var reading = await context.CallActivityAsync<CaseClockReading?>(nameof(ReadCaseClock), read, Retried);
        var giveUpAt = context.CurrentUtcDateTime + grace;
        for (var recheck = 0; reading is null && context.CurrentUtcDateTime < giveUpAt; recheck++)
        {
            var wakeAt = recheck < IntakeRechecks.Length ? context.CurrentUtcDateTime + IntakeRechecks[recheck] : giveUpAt;
            await WaitForStateChangeAsync(context, wakeAt < giveUpAt ? wakeAt : giveUpAt);
            reading = await context.CallActivityAsync<CaseClockReading?>(nameof(ReadCaseClock), read, Retried);
        }

        return reading;
    }

    /// <summary>
    /// Waits for the next nudge until <paramref name="wakeAt"/>. A timer that fires before <paramref name="wakeAt"/>
    /// is re-armed: the Azure Storage backend schedules timers as queue messages whose visibility delay has
    /// whole-second resolution, so they can arrive up to a second early.
    /// </summary>
    private static async Task WaitForStateChangeAsync(TaskOrchestrationContext context, DateTime wakeAt)
    {
        var fireAt = wakeAt;
        bool nudged;
        do
        {
            nudged = await RaceNudgeAgainstTimerAsync(context, fireAt);
            fireAt = wakeAt + EarlyTimerMargin;
        }
        while (!nudged && context.CurrentUtcDateTime < wakeAt);
    }

    private static async Task<bool> RaceNudgeAgainstTimerAsync(TaskOrchestrationContext context, DateTime fireAt)
    {
        using var cancelTimer = new CancellationTokenSource();
        var nudge = context.WaitForExternalEvent<CaseStateChanged>(CaseWorkflowNames.StateChangedEvent, cancelTimer.Token);
        var timer = context.CreateTimer(fireAt, cancelTimer.Token);

        var winner = await Task.WhenAny(nudge, timer);

        // Synchronous on purpose: CancelAsync would resume the orchestrator on the thread pool, outside the
        // durable scheduler, and the episode would end before the orchestrator's next action is recorded.
        cancelTimer.Cancel();
        return winner == nudge;
    }

    private static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} was not stored within {Waited} of its workflow's start; the workflow ends without it")]
    private static partial void LogNeverStored(ILogger logger, string caseId, TimeSpan waited);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} finished as {State}")]
    private static partial void LogFinished(ILogger logger, string caseId, CaseState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Kind} slip {SlipId} issued")]
    private static partial void LogSlipIssued(ILogger logger, string caseId, SlipKind kind, string slipId);
}
