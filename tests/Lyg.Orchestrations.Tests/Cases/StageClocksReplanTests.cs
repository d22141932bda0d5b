using Lyg.Contracts;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Tests.Cases;

/// <summary>
/// Re-planning a stage clock when a calendar year is loaded (ADR 0009), and stage clocks reading the calendar in
/// force at the moment of use. The new 2027 calendar declares Friday 1 January a holiday, which the weekends-only
/// fallback counted as a working day.
/// </summary>
public sealed class StageClocksReplanTests
{
    private static readonly WorkingCalendar Before = WorkingCalendar.LoadDefault();
    private static readonly WorkingCalendar After = WorkingCalendar.FromData(
        WorkingCalendar.BuiltInData.WithYears([new CalendarYear(2027, [new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 3)], [])]));

    private static readonly TimeLimit FiveWorkingDays = new(ClockKind.WorkingDays, 5);

    [Fact]
    public void A_running_stage_spanning_the_new_holiday_ends_a_working_day_later_as_if_begun_on_the_new_calendar()
    {
        var start = China(2026, 12, 30, 9);
        var clock = Clock(start, FiveWorkingDays, Before.Add(start, FiveWorkingDays));

        var replanned = StageClocks.Replan(clock, Before, After, China(2026, 12, 31, 10));

        Assert.Equal(China(2027, 1, 6, 9), clock.Deadline);
        Assert.Equal(China(2027, 1, 7, 9), replanned.Deadline);
        Assert.Equal(After.Add(start, FiveWorkingDays), replanned.Deadline);
        Assert.Equal(clock with { Deadline = replanned.Deadline }, replanned);
    }

    [Fact]
    public void Re_planning_again_on_the_same_calendar_moves_nothing()
    {
        var start = China(2026, 12, 30, 9);
        var once = StageClocks.Replan(Clock(start, FiveWorkingDays, Before.Add(start, FiveWorkingDays)), Before, After, China(2026, 12, 31, 10));

        var twice = StageClocks.Replan(once, After, After, China(2026, 12, 31, 11));

        Assert.Same(once, twice);
    }

    [Fact]
    public void A_paused_clock_keeps_its_pause_and_the_time_that_remained_when_it_paused()
    {
        var start = China(2026, 12, 28, 9);
        var pausedAt = China(2026, 12, 29, 9);
        var clock = Clock(start, FiveWorkingDays, Before.Add(start, FiveWorkingDays)) with { PausedAt = pausedAt };
        var clocks = new StageClocks(new CalendarInForce(After), TimeLimitRules.LoadDefault());

        var replanned = StageClocks.Replan(clock, Before, After, China(2027, 1, 20, 9));
        var resumed = clocks.Resume(replanned, China(2027, 1, 25, 9));

        Assert.Equal(pausedAt, replanned.PausedAt);
        Assert.Equal(Before.Measure(pausedAt, clock.Deadline, ClockKind.WorkingDays), After.Measure(pausedAt, replanned.Deadline, ClockKind.WorkingDays));
        Assert.Equal(China(2027, 1, 4, 9), clock.Deadline);
        Assert.Equal(China(2027, 1, 5, 9), replanned.Deadline);
        // Four working days remained at the pause: 25, 26, 27 and 28 January.
        Assert.Equal(China(2027, 1, 29, 9), resumed.Deadline);
    }

    [Fact]
    public void An_approved_postponement_stays_granted_after_re_planning()
    {
        var start = China(2026, 12, 21, 9);
        var before = new StageClocks(new CalendarInForce(Before), TimeLimitRules.LoadDefault());
        var extended = before.Extend(Clock(start, FiveWorkingDays, Before.Add(start, FiveWorkingDays)), 2);

        var replanned = StageClocks.Replan(extended, Before, After, China(2026, 12, 29, 9));

        // Five working days end on 28 December 09:00, two more on 30 December 09:00 (before 2027): nothing moves...
        Assert.Same(extended, replanned);
        var longer = before.Extend(extended, 3);
        var moved = StageClocks.Replan(longer, Before, After, China(2026, 12, 29, 9));
        // ...three more reach into 2027 and end a working day later, the holiday skipped.
        Assert.Equal(China(2027, 1, 4, 9), longer.Deadline);
        Assert.Equal(China(2027, 1, 5, 9), moved.Deadline);
    }

    [Theory]
    [InlineData(ClockKind.ContinuousHours, 72)]
    [InlineData(ClockKind.NaturalDays, 5)]
    public void Clocks_that_do_not_count_working_time_are_left_alone(ClockKind kind, double amount)
    {
        var start = China(2026, 12, 30, 9);
        var limit = new TimeLimit(kind, amount);
        var clock = Clock(start, limit, Before.Add(start, limit));

        Assert.Same(clock, StageClocks.Replan(clock, Before, After, China(2026, 12, 30, 10)));
    }

    [Fact]
    public void An_overdue_deadline_stays_where_it_was()
    {
        var start = China(2026, 12, 30, 9);
        var clock = Clock(start, FiveWorkingDays, Before.Add(start, FiveWorkingDays));

        Assert.Same(clock, StageClocks.Replan(clock, Before, After, China(2027, 1, 6, 10)));
    }

    [Fact]
    public void A_stage_begun_after_the_calendar_is_replaced_uses_the_new_calendar()
    {
        var calendars = new CalendarInForce(Before);
        var clocks = new StageClocks(calendars, TimeLimitRules.LoadDefault());
        var limit = clocks.Begin(CaseStage.Handle, 1, "0201", Urgency.Normal, China(2026, 12, 30, 9)).Limit;

        calendars.Replace(After);
        var begun = clocks.Begin(CaseStage.Handle, 1, "0201", Urgency.Normal, China(2026, 12, 31, 17));

        Assert.Same(After, clocks.Calendar);
        Assert.Equal(After.Add(China(2026, 12, 31, 17), limit), begun.Deadline);
        Assert.NotEqual(Before.Add(China(2026, 12, 31, 17), limit), begun.Deadline);
    }

    private static StageClock Clock(DateTimeOffset start, TimeLimit limit, DateTimeOffset deadline) =>
        new(CaseStage.Handle, 1, start, limit, deadline, null);

    private static DateTimeOffset China(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, WorkingCalendar.ChinaStandardTime);
}
