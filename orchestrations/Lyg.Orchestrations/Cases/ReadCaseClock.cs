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
        return CaseClockReading.Of(input.CaseId, facts, issued, input.Ladder, calendars.Calendar);
    }
}
