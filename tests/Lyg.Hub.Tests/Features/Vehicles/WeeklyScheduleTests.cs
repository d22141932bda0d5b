using System.Globalization;
using Lyg.Hub.Features.Vehicles;

namespace Lyg.Hub.Tests.Features.Vehicles;

public sealed class WeeklyScheduleTests
{
    private static readonly WeeklySchedule MondayNights = Schedule(("22:00", "06:00", [DayOfWeek.Monday]));

    [Theory]
    [InlineData("2026-11-30T21:59:59+08:00", false)] // Monday, before the range
    [InlineData("2026-11-30T22:00:00+08:00", true)]
    [InlineData("2026-11-30T23:59:59+08:00", true)]
    [InlineData("2026-12-01T00:00:00+08:00", true)] // Tuesday, still Monday's night
    [InlineData("2026-12-01T05:59:59+08:00", true)]
    [InlineData("2026-12-01T06:00:00+08:00", false)]
    [InlineData("2026-11-30T03:00:00+08:00", false)] // Monday early: that is Sunday's night, not in the schedule
    [InlineData("2026-12-01T22:30:00+08:00", false)] // Tuesday night
    [InlineData("2026-11-30T14:30:00Z", true)] // 22:30 in China
    [InlineData("2026-11-30T22:30:00Z", false)] // Tuesday 06:30 in China
    public void A_range_across_midnight_runs_into_the_next_day(string instant, bool inside) =>
        Assert.Equal(inside, MondayNights.Contains(At(instant)));

    [Theory]
    [InlineData("2026-11-29T15:59:59Z", false)] // Sunday 23:59:59 in China, though Sunday in UTC either way
    [InlineData("2026-11-29T16:00:00Z", true)] // Monday 00:00 in China, still Sunday in UTC
    [InlineData("2026-11-30T15:59:59Z", true)] // Monday 23:59:59 in China
    [InlineData("2026-11-30T16:00:00Z", false)] // Tuesday 00:00 in China, still Monday in UTC
    public void Days_are_days_in_China_not_in_UTC(string instant, bool inside) =>
        Assert.Equal(inside, Schedule(("00:00", "24:00", [DayOfWeek.Monday])).Contains(At(instant)));

    [Theory]
    [InlineData("2026-03-09T07:30:00+08:00")] // the Monday after daylight saving would start in the US
    [InlineData("2026-07-06T07:30:00+08:00")] // summer
    [InlineData("2026-11-30T07:30:00+08:00")] // winter
    public void China_keeps_no_daylight_saving_so_the_same_local_time_is_inside_all_year(string instant)
    {
        var schoolMornings = Schedule(("07:00", "08:30", [DayOfWeek.Monday]));

        Assert.True(schoolMornings.Contains(At(instant)));
        Assert.False(schoolMornings.Contains(At(instant).AddHours(1)));
    }

    [Fact]
    public void A_range_from_sunday_night_ends_on_monday_morning()
    {
        var sundayNights = Schedule(("20:00", "02:00", [DayOfWeek.Sunday]));

        Assert.True(sundayNights.Contains(At("2026-11-30T01:00:00+08:00")));
        Assert.False(sundayNights.Contains(At("2026-11-30T02:00:00+08:00")));
        Assert.False(sundayNights.Contains(At("2026-11-29T01:00:00+08:00")));
    }

    [Fact]
    public void Several_ranges_each_count()
    {
        var school = Schedule(("07:00", "08:30", [DayOfWeek.Monday, DayOfWeek.Tuesday]), ("16:00", "17:30", [DayOfWeek.Monday, DayOfWeek.Tuesday]));

        Assert.True(school.Contains(At("2026-12-01T16:45:00+08:00")));
        Assert.False(school.Contains(At("2026-12-01T12:00:00+08:00")));
        Assert.False(school.Contains(At("2026-12-02T07:30:00+08:00")));
    }

    internal static WeeklySchedule Schedule(params (string From, string To, DayOfWeek[] Days)[] ranges) =>
        new("test", [.. ranges.Select(r => new ScheduleRange(r.Days.ToHashSet(), Time(r.From), Time(r.To)))]);

    internal static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static TimeSpan Time(string text) => text == "24:00" ? TimeSpan.FromDays(1) : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
}
