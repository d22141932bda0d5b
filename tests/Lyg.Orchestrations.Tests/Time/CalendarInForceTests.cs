using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Tests.Time;

/// <summary>Years merged over a calendar, and the holder every deadline computation reads.</summary>
public sealed class CalendarInForceTests
{
    private static readonly CalendarYear Year2027 = new(2027, [new DateOnly(2027, 1, 1)], [new DateOnly(2027, 1, 9)]);

    [Fact]
    public void A_merged_year_is_added_and_a_year_of_the_same_number_replaces_the_old_one_whole()
    {
        var replacement2026 = new CalendarYear(2026, [new DateOnly(2026, 12, 31)], []);

        var merged = WorkingCalendar.BuiltInData.WithYears([Year2027, replacement2026]);
        var calendar = WorkingCalendar.FromData(merged);

        Assert.Equal([2026, 2027], merged.Years.Select(y => y.Year));
        Assert.Equal([2026, 2027], calendar.Years);
        Assert.Same(replacement2026, merged.Years[0]);
        // The built-in Spring Festival is gone with the year it belonged to; the new year's dates are in force.
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 16)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 31)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 9)));
        Assert.Equal(WorkingCalendar.BuiltInData.WorkingHours, merged.WorkingHours);
    }

    [Fact]
    public void The_holder_serves_the_calendar_put_in_force_and_hands_back_the_one_replaced()
    {
        var before = WorkingCalendar.LoadDefault();
        var after = WorkingCalendar.FromData(WorkingCalendar.BuiltInData.WithYears([Year2027]));
        var holder = new CalendarInForce(before);

        var replaced = holder.Replace(after);

        Assert.Same(before, replaced);
        Assert.Same(after, holder.Calendar);
        Assert.True(holder.Calendar.HasDataFor(2027));
    }
}
