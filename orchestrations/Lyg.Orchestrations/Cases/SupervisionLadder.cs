using Lyg.Contracts;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// 督查督办 settings, fixed in a case's workflow input when it starts: a reminder (限期提醒) once the given share of the
/// stage limit has passed, urging (到期催办) at the deadline, supervision (超期督办) every interval after it, up to a cap.
/// </summary>
public sealed record SupervisionLadder(double ReminderShare, TimeSpan SupervisionInterval, int MaxSupervisionSlips, TimeSpan IdleRecheck);

/// <summary>A slip the ladder will issue when its time comes.</summary>
public sealed record PlannedSlip(string SlipId, int Number, SlipKind Kind, DateTimeOffset DueAt);

public static class SupervisionPlan
{
    /// <summary>
    /// The ladder of the current stage instance. A paused clock plans nothing: no slip is due while 挂账 or while a
    /// postponement waits for its decision. Slip ids derive from case, stage instance and step, so issuing is idempotent.
    /// </summary>
    public static IReadOnlyList<PlannedSlip> For(string caseId, StageClock clock, SupervisionLadder ladder, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(calendar);
        if (clock.IsPaused)
        {
            return [];
        }

        var slips = new List<PlannedSlip>();
        var reminderAt = calendar.Add(clock.StartedAt, clock.Limit with { Amount = clock.Limit.Amount * ladder.ReminderShare });
        if (ladder.ReminderShare > 0 && reminderAt < clock.Deadline)
        {
            slips.Add(Planned(caseId, clock, 1, SlipKind.Reminder, reminderAt));
        }

        slips.Add(Planned(caseId, clock, 2, SlipKind.Urging, clock.Deadline));
        for (var k = 1; k <= ladder.MaxSupervisionSlips; k++)
        {
            slips.Add(Planned(caseId, clock, 2 + k, SlipKind.Supervision, clock.Deadline + (ladder.SupervisionInterval * k)));
        }

        return slips;
    }

    /// <summary>Green until the reminder point, amber after it, red past the deadline; a paused clock keeps its colour at the pause.</summary>
    public static TrafficLight LightOf(StageClock clock, SupervisionLadder ladder, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(calendar);
        var at = clock.PausedAt ?? now;
        if (at > clock.Deadline)
        {
            return TrafficLight.Overdue;
        }

        var reminderAt = calendar.Add(clock.StartedAt, clock.Limit with { Amount = clock.Limit.Amount * ladder.ReminderShare });
        return at >= reminderAt ? TrafficLight.Warning : TrafficLight.Normal;
    }

    /// <summary>Who a slip of this stage is addressed to: the unit while it handles, the command center otherwise.</summary>
    public static string AddresseeOf(CaseStage stage, string? assignedUnit) =>
        stage == CaseStage.Handle && assignedUnit is not null ? assignedUnit : CaseWorkflowNames.CenterDesk;

    private static PlannedSlip Planned(string caseId, StageClock clock, int step, SlipKind kind, DateTimeOffset dueAt) =>
        new($"{caseId}-s{clock.Sequence:D2}-{step:D2}", step, kind, dueAt);
}
