using Lyg.Contracts;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// Starts, pauses, resumes and extends stage clocks on the working calendar with the time-limit rules. The one
/// place that decides which stage a state belongs to and when a new stage instance begins.
/// </summary>
public sealed class StageClocks(WorkingCalendar calendar, TimeLimitRules rules)
{
    public WorkingCalendar Calendar => calendar;

    /// <summary>The stage whose clock runs in a state; null when no clock runs (closed, voided) or it is frozen (suspended).</summary>
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
        return new StageClock(stage, sequence, now, limit, calendar.Add(now, limit), null);
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
            return Begin(next, (clock?.Sequence ?? 0) + 1, after.CategoryCode, after.Urgency ?? Urgency.Normal, now, after.CategoryKind);
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

        var remaining = calendar.Measure(pausedAt, clock.Deadline, clock.Limit.Clock);
        var deadline = remaining.Amount > 0 ? calendar.Add(now, remaining) : now;
        return clock with { Deadline = deadline, PausedAt = null };
    }

    public StageClock Extend(StageClock clock, int extraWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock with { Deadline = calendar.Add(clock.Deadline, new TimeLimit(ClockKind.WorkingDays, extraWorkingDays)) };
    }
}
