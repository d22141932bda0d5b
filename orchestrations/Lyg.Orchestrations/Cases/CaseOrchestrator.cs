using Lyg.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// One case's closed loop. Stage one: wait for 立案 (register) or 作废 (void). Every wait races a durable timer;
/// when the stage limit passes a reminder slip is issued and the wait goes on, up to the configured number of slips.
/// </summary>
public sealed partial class CaseOrchestrator : TaskOrchestrator<CaseWorkflowInput, CaseOutcome>
{
    private static readonly TimeSpan EarlyTimerMargin = TimeSpan.FromSeconds(1);

    public override async Task<CaseOutcome> RunAsync(TaskOrchestrationContext context, CaseWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var logger = context.CreateReplaySafeLogger<CaseOrchestrator>();
        var state = await AwaitRegistrationAsync(context, input);
        LogStageLeft(logger, input.CaseId, CaseWorkflowNames.RegistrationStage, state);
        return new CaseOutcome(state);
    }

    private static async Task<CaseState> AwaitRegistrationAsync(TaskOrchestrationContext context, CaseWorkflowInput input)
    {
        var logger = context.CreateReplaySafeLogger<CaseOrchestrator>();
        var timing = input.Registration;
        var deadline = context.CurrentUtcDateTime + timing.Limit;
        var wakeAt = deadline;
        var slipsIssued = 0;
        var state = CaseState.Reported;

        // Ends when the stored state leaves `reported`; each pass waits at most one reminder interval, so history
        // grows by a handful of events per interval, never without bound in time.
        while (state == CaseState.Reported)
        {
            context.SetCustomStatus(new CaseWorkflowStatus(CaseWorkflowNames.RegistrationStage, ToOffset(deadline), slipsIssued));

            var changed = await WaitForStateChangeAsync(context, wakeAt);
            state = changed?.State
                ?? await context.CallActivityAsync<CaseState?>(nameof(ReadCaseState), input.CaseId)
                ?? throw new InvalidOperationException($"Case {input.CaseId} disappeared from storage.");

            if (state == CaseState.Reported && changed is null && slipsIssued < timing.MaxReminders)
            {
                slipsIssued++;
                var slip = new IssueSlipCommand(
                    input.CaseId,
                    CaseWorkflowNames.RegistrationStage,
                    slipsIssued,
                    SlipKind.Reminder,
                    ToOffset(context.CurrentUtcDateTime),
                    ToOffset(deadline),
                    CaseWorkflowNames.CenterDesk);
                await context.CallActivityAsync<string>(nameof(IssueSlip), slip);
                LogReminderIssued(logger, input.CaseId, slipsIssued, deadline);
            }

            wakeAt = context.CurrentUtcDateTime + timing.ReminderInterval;
        }

        return state;
    }

    /// <summary>
    /// Waits for the next state-change event until <paramref name="wakeAt"/>; null when the time has come.
    /// A timer that fires before <paramref name="wakeAt"/> is re-armed: the Azure Storage backend schedules timers
    /// as queue messages whose visibility delay has whole-second resolution, so they can arrive up to a second early.
    /// </summary>
    private static async Task<CaseStateChanged?> WaitForStateChangeAsync(TaskOrchestrationContext context, DateTime wakeAt)
    {
        var fireAt = wakeAt;
        CaseStateChanged? changed;
        do
        {
            changed = await RaceEventAgainstTimerAsync(context, fireAt);
            fireAt = wakeAt + EarlyTimerMargin;
        }
        while (changed is null && context.CurrentUtcDateTime < wakeAt);

        return changed;
    }

    private static async Task<CaseStateChanged?> RaceEventAgainstTimerAsync(TaskOrchestrationContext context, DateTime fireAt)
    {
        using var cancelTimer = new CancellationTokenSource();
        var stateChanged = context.WaitForExternalEvent<CaseStateChanged>(CaseWorkflowNames.StateChangedEvent, cancelTimer.Token);
        var timer = context.CreateTimer(fireAt, cancelTimer.Token);

        var winner = await Task.WhenAny(stateChanged, timer);

        // Synchronous on purpose: CancelAsync would resume the orchestrator on the thread pool, outside the
        // durable scheduler, and the episode would end before the orchestrator's next action is recorded.
        cancelTimer.Cancel();
        return winner == stateChanged ? await stateChanged : null;
    }

    private static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} left stage {Stage} as {State}")]
    private static partial void LogStageLeft(ILogger logger, string caseId, string stage, CaseState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: reminder {Number} issued, registration was due {Deadline:o}")]
    private static partial void LogReminderIssued(ILogger logger, string caseId, int number, DateTime deadline);
}
