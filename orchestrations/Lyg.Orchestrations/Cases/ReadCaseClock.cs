using Lyg.Orchestrations.Time;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// Reads the stored case and plans its current stage's ladder, or null when the case is not stored. The workflow calls
/// it whenever it wakes (timer or nudge), so a nudge lost between the table write and the raise is made good by the
/// next timer.
/// </summary>
public sealed class ReadCaseClock(ICaseWorkflowStore store, CalendarInForce calendars, ILogger<ReadCaseClock> logger) : TaskActivity<ReadCaseClockRequest, CaseClockReading?>
{
    public override async Task<CaseClockReading?> RunAsync(TaskActivityContext context, ReadCaseClockRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = CaseLogScope.Begin(logger, input.CaseId);
        using var budget = new CancellationTokenSource(CaseWorkflowTasks.ActivityTimeout);
        if (await store.ReadClockAsync(input.CaseId, budget.Token) is not { } found)
        {
            return null;
        }

        var (facts, issued) = found;
        var clock = facts.Clock;
        return new CaseClockReading(
            facts.State,
            facts.IsFinished,
            clock is null ? null : StageClocks.WireName(clock.Stage),
            clock?.Deadline,
            clock?.IsPaused ?? false,
            clock is null ? CaseWorkflowNames.CenterDesk : SupervisionPlan.AddresseeOf(clock.Stage, facts.AssignedUnit),
            clock is null || facts.IsFinished ? [] : SupervisionPlan.For(input.CaseId, clock, input.Ladder, calendars.Calendar),
            issued.ToList());
    }
}
