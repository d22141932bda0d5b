using Lyg.Hub.Features.Health;
using Lyg.Orchestrations.Time;

namespace Lyg.Hub.Tests.Features.Health;

/// <summary>The calendar part of GET health: degraded without data for this year, or for a year beginning within 30 days.</summary>
public sealed class CalendarHealthTests
{
    private static readonly WorkingCalendar Only2026 = WorkingCalendar.LoadDefault();
    private static readonly WorkingCalendar With2027 = WorkingCalendar.FromData(WorkingCalendar.BuiltInData.WithYears([new CalendarYear(2027, [], [])]));

    [Fact]
    public void Thirty_one_days_before_a_year_without_data_the_calendar_is_healthy_and_lists_its_years()
    {
        var check = CheckHealth.CheckCalendar(Only2026, China(2026, 12, 1));

        Assert.Equal(("calendar", "healthy", "Public-holiday data for 2026."), (check.Name, check.Status, check.Detail));
    }

    [Fact]
    public void Thirty_days_before_a_year_without_data_the_calendar_is_degraded_and_says_which_year()
    {
        // 00:30 China time on 2 December is still 1 December in UTC: the day counts in China time.
        var check = CheckHealth.CheckCalendar(Only2026, new DateTimeOffset(2026, 12, 1, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal("degraded", check.Status);
        Assert.Equal("No public-holiday data for 2027, which begins in 30 days: load it (PUT v1/calendar/2027) before deadlines reach it.", check.Detail);
    }

    [Fact]
    public void Once_the_coming_year_is_loaded_the_calendar_is_healthy_again()
    {
        var check = CheckHealth.CheckCalendar(With2027, China(2026, 12, 20));

        Assert.Equal(("healthy", "Public-holiday data for 2026, 2027."), (check.Status, check.Detail));
    }

    [Fact]
    public void The_current_year_without_data_is_degraded()
    {
        var check = CheckHealth.CheckCalendar(Only2026, China(2027, 3, 1));

        Assert.Equal("degraded", check.Status);
        Assert.StartsWith("No public-holiday data for 2027: deadlines count weekends only", check.Detail, StringComparison.Ordinal);
    }

    private static DateTimeOffset China(int year, int month, int day) => new(year, month, day, 12, 0, 0, WorkingCalendar.ChinaStandardTime);
}
