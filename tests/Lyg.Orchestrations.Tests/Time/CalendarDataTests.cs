using System.Text.Json;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Tests.Time;

/// <summary>Checks on administrator-maintained calendar data, and a calendar built from other data.</summary>
public sealed class CalendarDataTests
{
    private static readonly WorkingPeriod[] DefaultPeriods =
    [
        new(new TimeOnly(8, 0), new TimeOnly(12, 0)),
        new(new TimeOnly(14, 0), new TimeOnly(18, 0)),
    ];

    [Fact]
    public void A_calendar_follows_its_own_periods_and_dates()
    {
        var calendar = WorkingCalendar.FromData(new CalendarData(
            [new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(17, 30))],
            [new CalendarYear(2027, [new DateOnly(2027, 1, 1)], [new DateOnly(2027, 1, 9)])]));

        Assert.True(calendar.HasDataFor(2027));
        Assert.False(calendar.HasDataFor(2026));
        // Thursday 31 December 2026 17:00 + 1 h: 30 min that day, then Friday 1 January and the weekend are off...
        Assert.Equal(
            new DateTimeOffset(2027, 1, 4, 9, 30, 0, TimeSpan.FromHours(8)),
            calendar.Add(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.FromHours(8)), new TimeLimit(ClockKind.WorkingHours, 1)));
        // ...and one working day (8.5 h) from Friday 8 January 13:00 ends on the make-up Saturday.
        Assert.Equal(
            new DateTimeOffset(2027, 1, 9, 13, 0, 0, TimeSpan.FromHours(8)),
            calendar.Add(new DateTimeOffset(2027, 1, 8, 13, 0, 0, TimeSpan.FromHours(8)), new TimeLimit(ClockKind.WorkingDays, 1)));
    }

    [Theory]
    [InlineData("2026-10-09", "is not a Saturday or Sunday")]
    [InlineData("2027-01-09", "is not in year 2026")]
    [InlineData("2026-10-10|2026-10-10", "make-up working day 2026-10-10 is listed twice")]
    public void Make_up_working_days_are_weekend_days_of_their_year(string makeUpDays, string error)
    {
        var days = makeUpDays.Split('|').Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var thrown = Assert.Throws<ArgumentException>(() =>
            WorkingCalendar.FromData(new CalendarData(DefaultPeriods, [new CalendarYear(2026, [], days)])));

        Assert.Contains(error, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_cannot_be_both_a_holiday_and_a_make_up_working_day()
    {
        var day = new DateOnly(2026, 10, 3);

        var thrown = Assert.Throws<ArgumentException>(() =>
            WorkingCalendar.FromData(new CalendarData(DefaultPeriods, [new CalendarYear(2026, [day], [day])])));

        Assert.Contains("2026-10-03 is both a holiday and a make-up working day", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var data = new CalendarData(
            [new WorkingPeriod(new TimeOnly(8, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(11, 0), new TimeOnly(10, 0)), new WorkingPeriod(new TimeOnly(11, 30), new TimeOnly(13, 0))],
            [new CalendarYear(2026, [new DateOnly(2025, 12, 31)], []), new CalendarYear(2026, [], [])]);

        var thrown = Assert.Throws<ArgumentException>(() => WorkingCalendar.FromData(data));

        Assert.Contains("11:00–10:00 does not end after it starts", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("11:30–13:00 overlaps an earlier one", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("holiday 2025-12-31 is not in year 2026", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("year 2026 is listed twice", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_needs_working_periods()
    {
        var thrown = Assert.Throws<ArgumentException>(() => WorkingCalendar.FromData(new CalendarData([], [])));

        Assert.Contains("at least one working period", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"workingHours":[{"start":"08:00","end":"12:00"}],"years":[{"year":2026,"holidays":[],"makeUpWorkingDays":[],"sourse":"notice"}]}""")]
    [InlineData("""{"workingHours":[{"start":"08:00","end":"12:00"}],"years":[{"year":2026,"holidays":null,"makeUpWorkingDays":[]}]}""")]
    [InlineData("""{"workingHours":[{"start":"08:00","end":"12:00"}]}""")]
    public void Calendar_json_with_a_misspelt_null_or_missing_member_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, TimeDataJsonContext.Default.CalendarData));

    [Fact]
    public void Calendar_json_reads_times_dates_and_the_source()
    {
        const string json = """
            {"workingHours":[{"start":"08:30","end":"12:00"}],
             "years":[{"year":2026,"source":"notice","holidays":["2026-10-01"],"makeUpWorkingDays":["2026-10-10"]}]}
            """;

        var data = JsonSerializer.Deserialize(json, TimeDataJsonContext.Default.CalendarData)!;

        Assert.Equal(new TimeOnly(8, 30), data.WorkingHours[0].Start);
        Assert.Equal("notice", data.Years[0].Source);
        Assert.Equal([new DateOnly(2026, 10, 1)], data.Years[0].Holidays);
        Assert.Equal([new DateOnly(2026, 10, 10)], data.Years[0].MakeUpWorkingDays);
    }
}
