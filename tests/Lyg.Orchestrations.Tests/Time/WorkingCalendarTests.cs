using System.Globalization;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Tests.Time;

/// <summary>Deadlines on the four clocks against the embedded 2026 calendar (08:00–12:00, 14:00–18:00).</summary>
public sealed class WorkingCalendarTests
{
    private readonly WorkingCalendar _calendar = WorkingCalendar.LoadDefault();

    /// <summary>An instant written in China Standard Time, e.g. "2026-02-13 17:00".</summary>
    private static DateTimeOffset China(string localTime) =>
        DateTimeOffset.ParseExact($"{localTime} +08:00", "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    [Theory]
    // Lunch break, period ends and evenings (Monday 2 March 2026 is an ordinary week).
    [InlineData("2026-03-02 11:00", 2, "2026-03-02 15:00")]
    [InlineData("2026-03-02 12:30", 1, "2026-03-02 15:00")]
    [InlineData("2026-03-02 10:00", 2, "2026-03-02 12:00")]
    [InlineData("2026-03-02 08:00", 8, "2026-03-02 18:00")]
    [InlineData("2026-03-02 10:00", 8, "2026-03-03 10:00")]
    [InlineData("2026-03-02 06:00", 1, "2026-03-02 09:00")]
    [InlineData("2026-03-02 18:00", 1, "2026-03-03 09:00")]
    [InlineData("2026-03-02 19:00", 1, "2026-03-03 09:00")]
    // Fractions.
    [InlineData("2026-03-02 11:30", 1.5, "2026-03-02 15:00")]
    [InlineData("2026-03-02 17:50", 0.25, "2026-03-03 08:05")]
    // Weekend.
    [InlineData("2026-03-06 17:00", 2, "2026-03-09 09:00")]
    [InlineData("2026-03-07 10:00", 1, "2026-03-09 09:00")]
    // Spring Festival: Saturday 14 February is worked, 15–23 February are off, Saturday 28 February is worked.
    [InlineData("2026-02-13 17:00", 2, "2026-02-14 09:00")]
    [InlineData("2026-02-14 17:00", 2, "2026-02-24 09:00")]
    [InlineData("2026-02-18 10:00", 1, "2026-02-24 09:00")]
    [InlineData("2026-02-27 17:00", 2, "2026-02-28 09:00")]
    // National Day: 1–7 October off, Saturday 10 October worked.
    [InlineData("2026-09-30 17:00", 2, "2026-10-08 09:00")]
    [InlineData("2026-10-09 17:00", 2, "2026-10-10 09:00")]
    [InlineData("2026-10-10 17:00", 2, "2026-10-12 09:00")]
    public void Working_hours_count_only_working_periods_of_working_days(string start, double hours, string deadline) =>
        Assert.Equal(China(deadline), _calendar.Add(China(start), new TimeLimit(ClockKind.WorkingHours, hours)));

    [Theory]
    [InlineData("2026-03-06 10:00", 1, "2026-03-09 10:00")]
    [InlineData("2026-03-02 08:00", 1, "2026-03-02 18:00")]
    [InlineData("2026-03-02 19:00", 1, "2026-03-03 18:00")]
    [InlineData("2026-03-02 08:00", 0.5, "2026-03-02 12:00")]
    [InlineData("2026-03-02 08:00", 2.25, "2026-03-04 10:00")]
    [InlineData("2026-02-13 10:00", 1, "2026-02-14 10:00")]
    [InlineData("2026-02-14 10:00", 1, "2026-02-24 10:00")]
    [InlineData("2026-02-20 09:00", 1, "2026-02-24 18:00")]
    [InlineData("2026-02-26 10:00", 2, "2026-02-28 10:00")]
    [InlineData("2026-09-30 10:00", 1, "2026-10-08 10:00")]
    [InlineData("2026-09-30 10:00", 3, "2026-10-10 10:00")]
    [InlineData("2026-10-03 15:00", 1, "2026-10-08 18:00")]
    [InlineData("2026-10-10 10:00", 1, "2026-10-12 10:00")]
    public void Working_days_are_whole_days_of_working_time(string start, double days, string deadline) =>
        Assert.Equal(China(deadline), _calendar.Add(China(start), new TimeLimit(ClockKind.WorkingDays, days)));

    [Theory]
    [InlineData("2026-03-02 11:30", 2, "2026-03-02 13:30")]
    [InlineData("2026-03-02 17:30", 1.5, "2026-03-02 19:00")]
    [InlineData("2026-02-13 23:00", 2, "2026-02-14 01:00")]
    [InlineData("2026-02-18 10:00", 2, "2026-02-18 12:00")]
    [InlineData("2026-10-03 23:30", 48, "2026-10-05 23:30")]
    public void Continuous_hours_run_around_the_clock(string start, double hours, string deadline) =>
        Assert.Equal(China(deadline), _calendar.Add(China(start), new TimeLimit(ClockKind.ContinuousHours, hours)));

    [Theory]
    [InlineData("2026-02-13 17:00", 3, "2026-02-16 17:00")]
    [InlineData("2026-02-13 17:00", 0.5, "2026-02-14 05:00")]
    [InlineData("2026-09-30 10:00", 7, "2026-10-07 10:00")]
    [InlineData("2026-03-07 20:00", 1.25, "2026-03-09 02:00")]
    public void Natural_days_are_24_hours_each_holidays_included(string start, double days, string deadline) =>
        Assert.Equal(China(deadline), _calendar.Add(China(start), new TimeLimit(ClockKind.NaturalDays, days)));

    [Fact]
    public void Ten_minutes_written_as_a_fraction_of_an_hour_is_exactly_ten_minutes()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(start.AddMinutes(10), _calendar.Add(start, new TimeLimit(ClockKind.ContinuousHours, 10.0 / 60)));
        Assert.Equal(start.AddMinutes(10), _calendar.Add(start, new TimeLimit(ClockKind.WorkingHours, 10.0 / 60)));
    }

    [Fact]
    public void An_instant_in_another_offset_is_read_as_the_same_instant_and_answered_in_China_time()
    {
        var startUtc = new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero); // Friday 17:00 in China

        var deadline = _calendar.Add(startUtc, new TimeLimit(ClockKind.WorkingHours, 2));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8)), deadline);
        Assert.Equal(TimeSpan.FromHours(8), deadline.Offset);
    }

    [Fact]
    public void A_zero_limit_ends_where_it_starts_and_a_negative_one_is_refused()
    {
        var start = China("2026-03-07 10:00");

        Assert.Equal(start, _calendar.Add(start, new TimeLimit(ClockKind.WorkingHours, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.Add(start, new TimeLimit(ClockKind.WorkingHours, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.Add(start, new TimeLimit(ClockKind.NaturalDays, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.Add(start, new TimeLimit(ClockKind.WorkingDays, 1e9)));
    }

    [Theory]
    [InlineData("2026-01-01", false)]
    [InlineData("2026-01-03", false)]
    [InlineData("2026-01-04", true)]
    [InlineData("2026-01-05", true)]
    [InlineData("2026-02-13", true)]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-15", false)]
    [InlineData("2026-02-20", false)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-03-01", false)]
    [InlineData("2026-03-07", false)]
    [InlineData("2026-04-06", false)]
    [InlineData("2026-05-09", true)]
    [InlineData("2026-06-19", false)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-10-01", false)]
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)]
    [InlineData("2026-10-11", false)]
    public void The_2026_schedule_is_loaded(string day, bool working) =>
        Assert.Equal(working, _calendar.IsWorkingDay(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)));

    [Fact]
    public void A_year_without_data_says_so_and_falls_back_to_weekends_only()
    {
        Assert.True(_calendar.HasDataFor(2026));
        Assert.False(_calendar.HasDataFor(2027));

        // 1 January 2027 is a Friday: without the 2027 notice it counts as a working day.
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2027, 1, 2)));
        Assert.Equal(
            new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)),
            _calendar.Add(China("2026-12-31 17:00"), new TimeLimit(ClockKind.WorkingHours, 2)));
        Assert.Equal(
            new DateTimeOffset(2027, 2, 8, 10, 0, 0, TimeSpan.FromHours(8)),
            _calendar.Add(China("2027-02-05 10:00"), new TimeLimit(ClockKind.WorkingDays, 1)));
    }

    [Theory]
    [InlineData("2026-03-06 17:00", "2026-03-09 09:00", ClockKind.WorkingHours, 2)]
    [InlineData("2026-03-07 09:00", "2026-03-07 17:00", ClockKind.WorkingHours, 0)]
    [InlineData("2026-03-02 11:00", "2026-03-02 15:00", ClockKind.WorkingHours, 2)]
    [InlineData("2026-02-13 08:00", "2026-02-24 12:00", ClockKind.WorkingHours, 20)]
    [InlineData("2026-09-30 10:00", "2026-10-08 10:00", ClockKind.WorkingDays, 1)]
    [InlineData("2026-09-30 14:00", "2026-10-08 08:00", ClockKind.WorkingDays, 0.5)]
    [InlineData("2026-03-02 11:00", "2026-03-02 15:00", ClockKind.ContinuousHours, 4)]
    [InlineData("2026-02-13 12:00", "2026-02-16 00:00", ClockKind.NaturalDays, 2.5)]
    [InlineData("2026-03-02 15:00", "2026-03-02 11:00", ClockKind.ContinuousHours, 0)]
    [InlineData("2026-03-09 09:00", "2026-03-06 17:00", ClockKind.WorkingDays, 0)]
    public void Measure_counts_clock_time_between_two_instants(string from, string to, ClockKind clock, double amount) =>
        Assert.Equal(new TimeLimit(clock, amount), _calendar.Measure(China(from), China(to), clock));

    [Fact]
    public void A_pause_over_a_weekend_keeps_the_remaining_working_time()
    {
        // Handle within 1 working day from Friday 14:00: Friday 14–18 and Monday 08–12.
        var deadline = _calendar.Add(China("2026-03-06 14:00"), new TimeLimit(ClockKind.WorkingDays, 1));
        Assert.Equal(China("2026-03-09 12:00"), deadline);

        // Suspended (挂账) on Friday at 16:00 with 6 working hours left, resumed on Monday at 09:00.
        var remaining = _calendar.Measure(China("2026-03-06 16:00"), deadline, ClockKind.WorkingDays);
        Assert.Equal(new TimeLimit(ClockKind.WorkingDays, 0.75), remaining);
        Assert.Equal(China("2026-03-09 17:00"), _calendar.Add(China("2026-03-09 09:00"), remaining));
    }

    [Fact]
    public void A_pause_over_the_Spring_Festival_resumes_on_the_working_clock_it_was_paused_on()
    {
        var deadline = _calendar.Add(China("2026-02-13 14:00"), new TimeLimit(ClockKind.WorkingHours, 14));
        Assert.Equal(China("2026-02-24 10:00"), deadline);

        var remaining = _calendar.Measure(China("2026-02-14 11:00"), deadline, ClockKind.WorkingHours);
        Assert.Equal(new TimeLimit(ClockKind.WorkingHours, 7), remaining);
        Assert.Equal(China("2026-02-25 11:00"), _calendar.Add(China("2026-02-24 14:00"), remaining));
    }

    [Fact]
    public void A_pause_on_a_continuous_clock_keeps_the_remaining_elapsed_time()
    {
        var deadline = _calendar.Add(China("2026-03-06 17:00"), new TimeLimit(ClockKind.ContinuousHours, 2));

        var remaining = _calendar.Measure(China("2026-03-06 17:30"), deadline, ClockKind.ContinuousHours);

        Assert.Equal(China("2026-03-09 10:30"), _calendar.Add(China("2026-03-09 09:00"), remaining));
    }
}
