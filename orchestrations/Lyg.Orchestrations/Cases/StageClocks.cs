using Lyg.Contracts;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// Starts, pauses, resumes and extends stage clocks on the working calendar with the time-limit rules. The one
/// place that decides which stage a state belongs to and when a new stage instance begins. Every computation reads
/// the calendar in force at that moment, never a copy taken when this object was built.
/// </summary>
public sealed class StageClocks(CalendarInForce calendars, TimeLimitRules rules)
{
    public WorkingCalendar Calendar => calendars.Calendar;

    /// <summary>The stage whose clock runs in a state; null when no clock runs (closed, voided, merged) or it is frozen (suspended).</summary>
    public static CaseStage? StageOf(CaseState state) => state switch
    {
        CaseState.Reported => CaseStage.Register,
        CaseState.Registered or CaseState.Returned => CaseStage.Dispatch,
        CaseState.Dispatched or CaseState.Accepted => CaseStage.Handle,
        CaseState.Handled => CaseStage.Check,
        _ => null,
    };

    /// <summary>A stage's name on the wire, in slips and in the workflow's status: register, dispatch, handle, check.</summary>
    public static string WireName(CaseStage stage) => stage switch
    {
        CaseStage.Register => "register",
        CaseStage.Dispatch => "dispatch",
        CaseStage.Handle => "handle",
        CaseStage.Check => "check",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>The scheme whose time-limit rules apply; a case reported without a category uses the gb2013 rules.</summary>
    public static string SchemeOf(string? categoryCode) => CodeSchemes.OfCategoryCode(categoryCode) ?? CodeSchemes.Gb2013;

    public StageClock Begin(CaseStage stage, int sequence, string? categoryCode, Urgency urgency, DateTimeOffset now, CodeKind? categoryKind = null)
    {
        var limit = rules.Resolve(SchemeOf(categoryCode), categoryCode, urgency, categoryKind).For(stage);
        return new StageClock(stage, sequence, now, limit, Calendar.Add(now, limit), null);
    }

    /// <summary>
    /// Moves the clock along with a transition, starting from the clock the decision left on <paramref name="after"/>:
    /// a state that belongs to another stage (or a rework) begins a new stage instance; entering and leaving 挂账
    /// pauses and resumes; closing or voiding stops the clock.
    /// </summary>
    public StageClock? Advance(CaseFacts before, CaseFacts after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (after.IsFinished)
        {
            return null;
        }

        if (after.State == CaseState.Suspended)
        {
            return after.Clock is null ? null : Pause(after.Clock, now);
        }

        // Leaving 挂账 resumes the clock, unless a postponement still waits for its decision: that decision resumes it.
        var clock = before.State == CaseState.Suspended && after.Postponement is null && after.Clock is not null
            ? Resume(after.Clock, now)
            : after.Clock;
        var stage = StageOf(after.State);
        var rework = after.ReworkCount != before.ReworkCount;
        if (stage is { } next && (clock is null || clock.Stage != next || rework))
        {
            return Begin(next, (clock?.Sequence ?? before.StageSequence) + 1, after.CategoryCode, after.Urgency ?? Urgency.Normal, now, after.CategoryKind);
        }

        return clock;
    }

    public static StageClock Pause(StageClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.IsPaused ? clock : clock with { PausedAt = now };
    }

    /// <summary>Resumes with the clock time that remained when it paused.</summary>
    public StageClock Resume(StageClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock.PausedAt is not { } pausedAt)
        {
            return clock;
        }

        var calendar = Calendar;
        var remaining = calendar.Measure(pausedAt, clock.Deadline, clock.Limit.Clock);
        var deadline = remaining.Amount > 0 ? calendar.Add(now, remaining) : now;
        return clock with { Deadline = deadline, PausedAt = null };
    }

    public StageClock Extend(StageClock clock, int extraWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock with { Deadline = Calendar.Add(clock.Deadline, new TimeLimit(ClockKind.WorkingDays, extraWorkingDays)) };
    }

    /// <summary>
    /// The clock re-planned after the working calendar changed from <paramref name="before"/> to
    /// <paramref name="after"/> (ADR 0009): the clock time that remained at <paramref name="now"/> on the old calendar
    /// is counted again from <paramref name="now"/> on the new one. A paused clock keeps its pause, and the time that
    /// remained when it paused is preserved instead, so resuming it gives back exactly that. Time already counted stays
    /// counted, which keeps earlier pauses and approved postponements (both folded into the deadline) intact. Clocks
    /// that do not count working time, and deadlines already passed (or passed before the pause), are left alone; the
    /// same instance is returned when nothing moves, so re-planning twice changes nothing the second time.
    /// </summary>
    public static StageClock Replan(StageClock clock, WorkingCalendar before, WorkingCalendar after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (clock.Limit.Clock is not (ClockKind.WorkingHours or ClockKind.WorkingDays))
        {
            return clock;
        }

        var from = clock.PausedAt ?? (now > clock.StartedAt ? now : clock.StartedAt);
        if (clock.Deadline <= from)
        {
            return clock;
        }

        var deadline = after.Add(from, before.Measure(from, clock.Deadline, clock.Limit.Clock));
        return deadline == clock.Deadline ? clock : clock with { Deadline = deadline };
    }
}
